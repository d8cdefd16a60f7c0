"""Links and citations journalists can paste: standalone pages, metadata, feeds, JSON-LD, home."""

from __future__ import annotations

import json

import feedparser
from bs4 import BeautifulSoup

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
        assert og["og:title"].startswith(turn["speaker_name"]) and turn["date"][:4] in og["og:title"]
        assert turn["text"].split()[0] in og["og:description"] and og["og:description"] == tw["description"]
        assert tw["twitter:card"] == "summary" and tw["twitter:title"] == og["og:title"]
        for note in page.select(".otr-note"):
            note.decompose()
        assert words(page.select_one(".otr-standalone-text").get_text(" ")) == words(turn["text"])
        link = page.select_one(".otr-in-context a")["href"]
        assert link.endswith(turn["url"].lstrip("/")) and link.startswith("../")


def test_standalone_pages_name_the_question_answered_sources_and_themes(real_site):
    page = standalone(real_site, "/a/2024-12-12-concert-noble/t35/")
    exchange = [a["href"] for a in page.select(".otr-exchange a")]
    assert exchange == ["../../../a/2024-12-12-concert-noble/t32/", "../../../a/2024-12-12-concert-noble/t34/"]
    assert "NATO" in page.select_one(".otr-sources").get_text()
    assert page.select(".otr-chips a")
    plain = page.select_one(".otr-cite-plain").get_text()
    assert plain.startswith("Mark Rutte (NATO Secretary General, speaker), answer. “To Prevent War")
    assert SITE + "a/2024-12-12-concert-noble/t35/" in plain
    assert page.select_one(".otr-cite-bibtex").get_text().startswith("@misc{rutte20241212noble")


def test_metadata_is_escaped(tmp_path):
    title = 'A "quoted" <script>alert(1)</script> & co'
    body = "Opening words.\n\nHost Two, Director\n\nA question?\n\nSpeaker One\n\nNo.\n"
    built = build_site(make_project(tmp_path, {"e": transcript(body, title=title.replace('"', '\\"'))}))
    for path in (built.site / "a").rglob("index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert title in page.find("meta", property="og:title")["content"]
        assert not [s for s in page.find_all("script") if "alert(1)" in s.get_text() and not s.get("type")]
        json.loads(page.find("script", type="application/ld+json").string)


def test_json_ld_describes_events_and_their_quotations(real_site):
    for event in json.loads((real_site.site / "data/events.json").read_text(encoding="utf-8")):
        page = real_site.page(event["url"].strip("/"))
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["@type"] == "Event" and data["name"] == event["title"] and data["startDate"] == event["date"]
        assert data["location"]["name"] == event["venue"]
        assert len(data["workFeatured"]) == event["turns"]
        assert all(q["@type"] == "Quotation" and q["spokenByCharacter"]["name"] for q in data["workFeatured"])
        assert page.find("meta", attrs={"name": "description"})["content"]
    quote = json.loads(standalone(real_site, f"/a/{AFET}/t3/").find("script", type="application/ld+json").string)
    assert quote["@type"] == "Quotation" and quote["spokenByCharacter"]["name"] == "Mark Rutte"
    assert "keep on dreaming" in quote["text"] and quote["isPartOf"]["startDate"] == "2026-01-26"


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
    sitemap = (real_site.site / "sitemap.xml").read_text(encoding="utf-8")
    for turn in turns(real_site):
        assert f"<loc>{SITE}{turn['permalink'].lstrip('/')}</loc>" in sitemap


def test_home_page_offers_the_ways_in(real_site):
    home = real_site.page("")
    text = " ".join(home.get_text(" ").split())
    assert "4 events from 12 December 2024 to 26 January 2026" in text
    links = {a["href"] for a in home.select(".otr-home a")}
    assert {"events/", "themes/", "people/", "data/turns.json", "feeds/events.xml"} <= links
    assert len(home.select("#latest + ul li")) == 4
    assert home.find("meta", attrs={"name": "description"})["content"]
    graph = json.loads(home.find("script", type="application/ld+json").string)["@graph"]
    assert graph[0]["@type"] == "WebSite" and graph[0]["url"] == SITE
    assert [i["item"]["startDate"] for i in graph[1]["itemListElement"]] == [
        "2026-01-26", "2026-01-13", "2025-01-13", "2024-12-12"]


# In a real browser -----------------------------------------------------------------------


def test_copy_link_puts_the_absolute_url_on_the_clipboard(page, site_url):
    page.goto(site_url + f"events/{AFET}/")
    page.click("#p29 a.otr-link")
    page.wait_for_selector(".otr-copied:has-text('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == SITE + f"events/{AFET}/#p29"
    assert page.url.endswith("#p29")


def test_cite_gives_plain_text_and_bibtex_for_the_paragraph(page, site_url):
    page.goto(site_url + f"events/{AFET}/")
    page.click("#p29 a.otr-cite")
    box = page.locator(".otr-cite-box")
    plain, bibtex = box.locator("pre").all_inner_texts()
    assert plain.startswith("Mark Rutte (NATO Secretary General), answer. Opening remarks")
    assert f"{SITE}events/{AFET}/#p29 (accessed " in plain and "Source: NATO." in plain
    assert bibtex.startswith("@misc{rutte20260126exchangep29,") and f"url = {{{SITE}events/{AFET}/#p29}}" in bibtex
    box.locator("button", has_text="Copy BibTeX").click()
    assert page.evaluate("navigator.clipboard.readText()") == bibtex


def test_a_standalone_page_leads_to_its_passage_in_context(page, site_url):
    page.goto(site_url + f"a/{AFET}/t3/")
    assert "keep on dreaming" in page.locator(".otr-standalone-text").inner_text()
    page.click(".otr-in-context a")
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
