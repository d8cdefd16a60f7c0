"""Links and citations journalists can paste: standalone pages, metadata, feeds, JSON-LD, home."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
from bs4 import BeautifulSoup

from ontherecord.vocabulary import long_date

from seeds import words
from sites import build_site, make_project, transcript

SITE = "https://example.org/"
AFET = "2026-01-26-afet-sede-exchange"


def turns(site):
    return json.loads((site.site / "data/turns.json").read_text(encoding="utf-8"))


def standalone(site, permalink: str) -> BeautifulSoup:
    return BeautifulSoup((site.site / permalink.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_turn_has_a_standalone_page_with_its_metadata(real_site):
    for turn in turns(real_site):
        assert turn["permalink"] == f"/a/{turn['event']}/{turn['id'].split('.')[1]}/"
        page = standalone(real_site, turn["permalink"])
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == SITE + turn["permalink"].lstrip("/")
        og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
        tw = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})}
        assert og["og:url"] == canonical and og["og:type"] == "article"
        # the preview leads with the speaker and the words, within what a card shows
        assert og["og:title"].startswith(turn["speaker_name"] + ": “") and len(og["og:title"]) <= 70
        assert og["og:description"] == tw["description"] and len(og["og:description"]) <= 200
        assert og["og:description"].endswith(long_date(dt.date.fromisoformat(turn["date"])))
        assert og["og:image"].startswith(SITE) and tw["twitter:card"] == "summary_large_image"
        assert tw["twitter:title"] == og["og:title"]
        for note in page.select(".otr-note"):
            note.decompose()
        assert words(page.select_one(".otr-standalone-text").get_text(" ")) == words(turn["text"])
        link = page.select_one("a.otr-in-context")["href"]
        assert link.endswith(turn["url"].lstrip("/")) and link.startswith("../")


def test_a_paragraph_of_a_long_answer_has_a_page_that_previews_its_own_words(real_site):
    page = standalone(real_site, f"/a/{AFET}/p29/")
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert "keep on dreaming" in og["og:description"] and og["og:title"].startswith("Mark Rutte: “And if anyone")
    assert "keep on dreaming" in page.select_one(".otr-standalone-text").get_text()
    assert page.select_one(".otr-part-of a")["href"] == f"../../../a/{AFET}/t3/"


def test_answer_previews_pass_over_pleasantries():
    from ontherecord import preview
    text = "Thank you. Thank you so much, both of you. Madam Chair, Mr Chair. We need to spend more on defence now."
    assert preview.substance(text) == ("We need to spend more on defence now.", True)
    assert preview.title("Mark Rutte", "Thank you so much. " + "We must spend more. " * 10).startswith(
        "Mark Rutte: “…We must spend more.")
    assert len(preview.title("Mark Rutte", "word " * 100)) <= 70
    assert preview.substance("Thank you.") == ("Thank you.", False)


def test_standalone_pages_name_the_question_answered_sources_and_themes(real_site):
    page = standalone(real_site, "/a/2024-12-12-concert-noble/t35/")
    asked = [a["href"] for a in page.select(".otr-asked a")]
    assert asked == ["../../../a/2024-12-12-concert-noble/t32/", "../../../a/2024-12-12-concert-noble/t34/"]
    # the question comes before the answer; who, when, where and the source before both
    html = str(page)
    assert html.index("otr-passage-source") < html.index("otr-asked") < html.index("otr-standalone-text")
    assert "NATO" in page.select_one(".otr-passage-source").get_text()
    assert page.select(".otr-chips a")
    plain = page.select_one(".otr-cite-plain").get_text()
    assert plain.startswith("Mark Rutte (NATO Secretary General, speaker), answer. “To Prevent War")
    assert SITE + "a/2024-12-12-concert-noble/t35/" in plain and "https://www.nato.int/" in plain
    assert page.select_one(".otr-cite-bibtex").get_text().startswith("@misc{rutte20241212noble")


def test_a_standalone_page_holds_nothing_of_the_day_it_was_built(real_site):
    # so that the next day's build keeps every page it can, and no reader is told a date that is not theirs
    today = dt.date.today()
    for path in (real_site.site / "a").rglob("index.html"):
        if path.parent.parent.name.startswith(today.isoformat()):  # the event's own day (`a/<date>-<id>/<anchor>/`)
            continue
        html = path.read_text(encoding="utf-8")
        assert today.isoformat() not in html and long_date(today) not in html, path
    page = standalone(real_site, f"/a/{AFET}/p29/")
    # without the script: a whole citation, less the reader's date
    assert page.select_one(".otr-cite-plain").get_text().endswith(f"Rutte on the Record, {SITE}a/{AFET}/p29/.")
    assert page.select_one(".otr-cite-bibtex").get_text().endswith("note = {Source: NATO. Rutte on the Record}\n}")


def test_metadata_is_escaped(tmp_path):
    title = 'A "quoted" <script>alert(1)</script> & co'
    body = "Opening words.\n\nHost Two, Director\n\nA question?\n\nSpeaker One\n\nNo <b>really</b> & \"so\".\n"
    built = build_site(make_project(tmp_path, {"e": transcript(body, title=title.replace('"', '\\"'))}))
    pages = list((built.site / "a").rglob("index.html"))
    assert pages
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(".otr-passage-who a").get_text() == title
        assert not [s for s in page.find_all("script") if "alert(1)" in s.get_text() and not s.get("type")]
        assert not page.find("b")
        json.loads(page.find("script", type="application/ld+json").string)
    answer = BeautifulSoup((built.site / "a/2025-05-05-test-event/t3/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert answer.find("meta", property="og:title")["content"] == 'Speaker One: “No <b>really</b> & "so".”'


def test_json_ld_describes_events_and_their_quotations(real_site):
    for event in json.loads((real_site.site / "data/events.json").read_text(encoding="utf-8")):
        page = real_site.page(event["url"].strip("/"))
        blocks = page.find_all("script", type="application/ld+json")
        assert len(blocks) == 1
        data, trail = json.loads(blocks[0].string)
        assert [i["item"] for i in trail["itemListElement"]] == [SITE, SITE + "events/", SITE + event["url"][1:]]
        assert data["@type"] == "Event" and data["name"] == event["title"] and data["startDate"] == event["date"]
        assert data["location"]["name"] == event["venue"] and data["location"]["address"]["addressLocality"]
        assert any(p["@id"] == SITE + "people/mark-rutte/#person" for p in data["performer"])
        assert page.find("meta", attrs={"name": "description"})["content"]
    quote, trail = json.loads(
        standalone(real_site, f"/a/{AFET}/t3/").find("script", type="application/ld+json").string)
    assert trail["@type"] == "BreadcrumbList" and trail["itemListElement"][-1]["item"] == SITE + f"a/{AFET}/t3/"
    assert quote["@type"] == "Quotation" and quote["spokenByCharacter"]["name"] == "Mark Rutte"
    assert quote["spokenByCharacter"]["@id"] == SITE + "people/mark-rutte/#person"
    assert "keep on dreaming" in quote["text"] and quote["recordedAt"]["startDate"] == "2026-01-26"
    assert quote["recordedAt"]["@id"] == SITE + f"events/{AFET}/"


def test_feeds_parse_and_list_events_newest_first(real_site):
    feed = feedparser.parse((real_site.site / "feeds/events.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.published[:10] for e in feed.entries] == ["2026-01-26", "2026-01-13", "2025-01-13", "2024-12-12"]
    assert feed.entries[0].link == SITE + f"events/{AFET}/"
    themes = json.loads((real_site.site / "data/themes.json").read_text(encoding="utf-8"))
    for theme in themes:
        parsed = feedparser.parse((real_site.site / f"feeds/themes/{theme['slug']}.xml").read_bytes())
        assert not parsed.bozo and len(parsed.entries) == theme["counts"]["events"]
        dates = [e.published for e in parsed.entries]
        assert dates == sorted(dates, reverse=True)
    home = real_site.page("")
    assert home.find("link", rel="feed", type="application/atom+xml")["href"].endswith("feeds/events.xml")


def test_sitemap_lists_standalone_pages(real_site):
    sitemap = (real_site.site / "sitemap-passages.xml").read_text(encoding="utf-8")
    for turn in turns(real_site):
        assert f"<loc>{SITE}{turn['permalink'].lstrip('/')}</loc>" in sitemap
    assert f"<loc>{SITE}a/{AFET}/p29/</loc>" in sitemap
    # Material's instant navigation loads what sitemap.xml lists as its own pages: these are not
    assert "/a/" not in (real_site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_home_page_offers_the_ways_in(real_site):
    home = real_site.page("")
    text = " ".join(home.get_text(" ").split())
    assert "4 events from 12 December 2024 to 26 January 2026" in text
    links = {a["href"] for a in home.select(".otr-home a")}
    assert {"events/", "themes/", "people/", "timeline/", "check/"} <= links
    latest = home.select("#latest + ul > li")
    assert len(latest) == 5 and all("Mark Rutte" in li.select_one(".otr-passage-who").get_text() for li in latest)
    assert latest[0].select_one("blockquote a")["href"].startswith(f"a/{AFET}/")
    core = home.select(".otr-home-themes > li")
    assert [li.select_one(".otr-home-theme").get_text() for li in core] == [
        "Ukraine", "Defence spending", "The Arctic and Greenland", "The EU and NATO"]
    assert home.select_one("[data-otr-focus-search]")
    # builders' pages are under About, not among the readers' sections
    assert "data/turns.json" not in links
    assert home.find("meta", attrs={"name": "description"})["content"]
    graph = json.loads(home.find("script", type="application/ld+json").string)
    assert graph[0]["@type"] == "WebSite" and graph[0]["url"] == SITE
    assert [i["url"] for i in graph[1]["itemListElement"]][0] == SITE + f"events/{AFET}/"


# In a real browser -----------------------------------------------------------------------


def test_share_copies_the_link_to_the_passage_page(page, site_url):
    page.goto(site_url + f"events/{AFET}/")
    page.click("#p29 a.otr-share")
    page.wait_for_selector(".otr-copied:has-text('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == SITE + f"a/{AFET}/p29/"


def test_cite_gives_plain_text_and_bibtex_for_the_paragraph(page, site_url):
    page.goto(site_url + f"events/{AFET}/")
    page.click("#p29 a.otr-cite")
    box = page.locator(".otr-cite-box")
    plain, bibtex = box.locator("pre").all_inner_texts()
    assert plain.startswith("Mark Rutte (NATO Secretary General), answer. Opening remarks")
    assert f"{SITE}a/{AFET}/p29/ (accessed " in plain and "Source: NATO" in plain
    assert bibtex.startswith("@misc{rutte20260126exchangep29,") and f"url = {{{SITE}a/{AFET}/p29/}}" in bibtex
    box.locator("button", has_text="Copy BibTeX").click()
    assert page.evaluate("navigator.clipboard.readText()") == bibtex


def test_a_standalone_page_cites_with_the_readers_date(page, site_url):
    page.clock.set_fixed_time(dt.datetime(2031, 3, 4, 12, 0))
    page.goto(site_url + f"a/{AFET}/p29/")
    plain, bibtex = page.locator(".otr-citations pre").all_inner_texts()
    assert plain.endswith(f"Rutte on the Record, {SITE}a/{AFET}/p29/ (accessed 4 March 2031).")
    assert "howpublished = {European Parliament, Brussels, 26 January 2026}" in bibtex
    assert bibtex.endswith("note = {Source: NATO. Rutte on the Record. Accessed 2031-03-04}\n}")


def test_a_standalone_page_leads_to_its_passage_in_context(page, site_url):
    page.goto(site_url + f"a/{AFET}/t3/")
    assert "keep on dreaming" in page.locator(".otr-standalone-text").inner_text()
    page.click("a.otr-in-context")
    page.wait_for_url(f"**/events/{AFET}/#t3")
    assert page.evaluate("(() => { const r = document.getElementById('t3').getBoundingClientRect();"
                         " return r.top >= 0 && r.top < innerHeight; })()")


def test_a_text_fragment_link_highlights_its_text(page, site_url):
    page.goto(site_url + f"events/{AFET}/#p29:~:text=keep%20on%20dreaming")
    page.wait_for_selector("mark.otr-fragment")
    assert " ".join(page.locator("#p29 mark.otr-fragment").all_inner_texts()) == "keep on dreaming"


def test_selecting_words_offers_a_link_to_the_selection(page, site_url):
    page.goto(site_url + f"events/{AFET}/")
    page.evaluate("""() => { const p = document.getElementById('p29'); const node = p.firstChild;
        const at = node.textContent.indexOf('keep on dreaming'); const r = document.createRange();
        r.setStart(node, at); r.setEnd(node, at + 'keep on dreaming'.length);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    button = page.locator("button.otr-fragment-link")
    button.wait_for()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == SITE + f"events/{AFET}/#p29:~:text=keep%20on%20dreaming"
