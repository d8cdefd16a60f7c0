"""Every link on the real site, and every URL in the data, resolves."""

from __future__ import annotations

import json

from links import broken_links, ids_in, page_file


def test_every_url_in_turns_json_lands_on_an_element_with_that_id(real_site):
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    cache: dict = {}
    urls = [t["url"] for t in turns] + [p["url"] for t in turns for p in t["paragraphs"]]
    assert len(urls) > 200
    for url in urls:
        path, _, anchor = url.partition("#")
        page = page_file(real_site.site, path)
        assert page is not None, url
        assert anchor in ids_in(page, cache), url


def test_turn_ids_are_unique_in_the_site(real_site):
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    assert len({t["id"] for t in turns}) == len(turns) == 39 + 6 + 3 + 3


def test_events_json_lists_every_event_with_its_fields(real_site):
    events = json.loads((real_site.site / "data/events.json").read_text(encoding="utf-8"))
    assert [e["date"] for e in events] == ["2024-12-12", "2025-01-13", "2026-01-13", "2026-01-26"]
    for e in events:
        assert {"id", "title", "date", "kind", "venue", "url", "sources"} <= set(e)
        assert page_file(real_site.site, e["url"]) is not None
    assert [e["kind"] for e in events] == ["transcript", "report", "report", "transcript"]
    assert [s["publisher"] for s in events[3]["sources"]] == ["NATO", "Public Technologies (PUBT)"]


def test_no_internal_link_is_broken(real_site):
    assert broken_links(real_site.site) == []


def test_answers_and_questions_link_to_each_other(real_site):
    page = real_site.page("events/2024-12-12-concert-noble")
    answer = page.find(id="t35").find_parent("section")
    assert [a["href"] for a in answer.select(".otr-turn-links a[href^='#t']:not(.otr-link)")] == ["#t32", "#t34"]
    question = page.find(id="t32").find_parent("section")
    assert [a["href"] for a in question.select(".otr-turn-links a[href^='#t']:not(.otr-link)")] == ["#t35"]


def test_every_turn_and_paragraph_has_an_anchor_and_a_link_control(real_site):
    page = real_site.page("events/2024-12-12-concert-noble")
    turns = page.select("section.otr-turn")
    assert len(turns) == 39
    shares = 0
    for turn in turns:
        head = turn.select_one("h2.otr-turn-head[id]")
        own = f"../../a/2024-12-12-concert-noble/{head['id']}/"
        assert head is not None and turn.select_one(f"a.otr-share[href='{own}']")
        kind = turn.select_one(".otr-kind").get_text()
        assert kind in {"Remarks", "Question", "Answer", "Moderator", "Chair"}
        paras = turn.select(".otr-para")
        for para in paras:  # a paragraph of a long turn is shared as itself; the only one, as its turn
            share = para.select_one(f"a.otr-share[href='../../a/2024-12-12-concert-noble/{para['id']}/']")
            assert para.get("id") and (share is not None) == (len(paras) > 1)
            shares += share is not None
    assert shares == 60


def test_person_pages_list_their_turns_by_date(real_site):
    page = real_site.page("people/mark-rutte")
    dates = [t["datetime"] for t in page.select("h2 time")]
    assert dates == sorted(dates) and len(dates) == 4
    assert len(page.select(".otr-turn-list li")) == 16 + 6 + 3 + 2
    assert "Secretary General, NATO" in page.select_one(".otr-office").get_text()


def test_every_address_ever_published_answers(real_site):
    """The record of published addresses (kept in the repo, written by `ontherecord lock`): none may 404."""
    from ontherecord.addresses import read_published

    from sites import ROOT

    published = read_published(ROOT / "docs" / "_data" / "published.txt")
    assert len(published) >= 90
    missing = [a for _, a in published if not ((real_site.site / a / "index.html").is_file()
                                              or (not a.endswith("/") and (real_site.site / a).is_file()))]
    assert missing == []


def test_robots_txt_names_the_sitemap_under_the_site_address(real_site):
    robots = (real_site.site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Allow: /", "Sitemap: https://example.org/sitemap.xml",
                      "Sitemap: https://example.org/sitemap-passages.xml"]


def test_every_page_has_a_preview_of_its_own(real_site):
    """Open Graph and Twitter card on every page: title, description, URL, card (issue 18, first step)."""
    from bs4 import BeautifulSoup

    pages = sorted(p for p in real_site.site.rglob("index.html") if "/pagefind/" not in p.as_posix())
    assert len(pages) > 70
    titles: dict[str, str] = {}
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect says where to go, not what is there
        og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
        card = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
        for key in ("og:title", "og:description", "og:url"):
            assert og.get(key, "").strip(), (path, key)
        assert card.get("twitter:card") in ("summary", "summary_large_image"), path
        assert "&amp;amp;" not in og["og:title"] and "<" not in og["og:title"], path
        if "/a/" not in path.as_posix():  # the standalone passages' own previews are issue 18's next step
            assert titles.setdefault(og["og:title"], path.as_posix()) == path.as_posix(), og["og:title"]
    assert len(titles) > 25  # each page previews as itself, not as the site


def test_the_list_of_events_is_split_into_pages_newest_first(monkeypatch):
    """A thousand events are not one page: 200 to a page (here 3, on the seeds), numbered on, with a pager."""
    from bs4 import BeautifulSoup

    from ontherecord.archive import load_archive
    from ontherecord.render import lists

    from sites import ROOT

    monkeypatch.setattr(lists, "EVENTS_PER_PAGE", 3)
    archive = load_archive(ROOT / "docs" / "_data")
    assert lists.events_page_count(archive) == 2
    first = BeautifulSoup(lists.events_index(archive, "../", number=1).html, "html.parser")
    second = BeautifulSoup(lists.events_index(archive, "../../", number=2).html, "html.parser")
    assert [li.time["datetime"] for li in first.select(".otr-event-item")] == ["2026-01-26", "2026-01-13", "2025-01-13"]
    assert [li.time["datetime"] for li in second.select(".otr-event-item")] == ["2024-12-12"]
    assert second.select_one("ol.otr-event-list")["start"] == "1" and "4 events" in second.get_text()
    assert [a["href"] for a in second.select(".otr-pager a")][:2] == ["../../events/", "../../events/2/"]


def test_a_built_list_of_events_in_pages_links_whole(tmp_path, monkeypatch):
    from ontherecord.render import lists

    from links import broken_links
    from sites import build_site, make_project, transcript

    monkeypatch.setattr(lists, "EVENTS_PER_PAGE", 2)
    body = "Opening words.\n\nHost Two, Director\n\nA question?\n"
    events = {f"e{i}": transcript(body, id=f"2025-05-0{i}-test-event-{i}", title=f"Event {i}") for i in range(1, 4)}
    built = build_site(make_project(tmp_path, events))
    assert [a.get_text() for a in built.page("events/2").select(".otr-event-item-title a")] == ["Event 1"]
    assert broken_links(built.site) == []
