"""Search in a real browser: results as you type, filters, landing on the passage, quotes as printed."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

from ontherecord.archive import load_archive
from ontherecord.search import search_records

from sites import ROOT

AFET = "events/2026-01-26-afet-sede-exchange/"
NOBLE = "events/2024-12-12-concert-noble/"
MEPS = "events/2025-01-13-exchange-with-meps/"
RENEW = "events/2026-01-13-renew-europe-forum/"

# Quotations as a journalist might print them, each with the passage it must find first.
QUOTES = [
    ("keep on dreaming", AFET + "#p29"),
    ("“If anyone thinks here that Europe can defend itself without the US, keep on dreaming”", AFET + "#p29"),
    ("the ultimate guarantor of our freedom, which is the U.S. nuclear umbrella", AFET + "#p29"),
    ("“A European pillar is a bit of an empty word”", AFET + "#p25"),
    ("I think Putin will love it. So, think again.", AFET + "#p25"),
    ("Europe one, Ukraine two", AFET + "#p42"),
    ("a bridge not only can hold my Saab car (...) but also can hold a tank", AFET + "#p36"),
    ("the harshest winter for Ukrainians in over a decade", AFET + "#p3"),
    ("I will defend him now and then … just to irritate you", AFET + "#p18"),
    ("the 2% reached by all NATO countries … would never, ever, ever have happened without Trump", AFET + "#p26"),
    ("The Hague Defence Investment Pledge", AFET + "#p35"),
    ("\"we are certainly not at peace either\"", NOBLE + "#p18"),
    ("Defence is not in the same category as illicit drugs and pornography", NOBLE + "#p41"),
    ("that idiotic system where every Ally is having these detailed requirements", NOBLE + "#p62"),
    ("It is time to shift to a wartime mindset", NOBLE + "#p24"),
    ("freedom does not come for free", NOBLE + "#p53"),
    ("Not billions, but trillions of euros", NOBLE + "#p54"),
    ("One nation needs to have the rear door opening to the left", NOBLE + "#p38"),
    ("China is expected to have more than 1,000 nuclear weapons by 2030", NOBLE + "#p15"),
    ("Russia is no bigger than Belgium and the Netherlands combined", NOBLE + "#p82"),
    ("‘I don’t need a ride, I need ammunition’", NOBLE + "#p66"),
    ("hybrid ... it's such a silly word", NOBLE + "#p94"),
    ("We cannot leave Africa to the Chinese and the Russians.", NOBLE + "#p74"),
    ("NATO's current two percent defence spending target is not nearly enough", MEPS + "#q3"),
    ("“We know how to protect our peoples and the European way of life … now we just have to do it”", MEPS + "#q2"),
    ("When we combine our strengths, of NATO and the EU", RENEW + "#q1"),
    ("we can produce more defence capabilities, and we can produce them faster", RENEW + "#q3"),
]


FEWER = "(n) => parseInt(document.querySelector('.otr-search__status').textContent) < n"


def open_search(page, site_url, query: str):
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "otr-search-input"
    page.keyboard.type(query)
    page.wait_for_selector("#otr-search-results [role=option]")
    return page.locator("#otr-search-results [role=option]")


def test_typing_a_phrase_shows_results_with_event_date_speaker_and_highlighted_excerpt(page, site_url):
    results = open_search(page, site_url, "keep on dreaming")
    first = results.first
    assert "AFET committee" in first.locator(".otr-search__title").inner_text()
    meta = first.locator(".otr-search__meta").inner_text()
    assert "26 January 2026" in meta and "Mark Rutte, NATO Secretary General" in meta and "Answer" in meta
    assert first.locator(".otr-search__excerpt mark").count() >= 2
    assert first.get_attribute("aria-selected") == "true"


def test_a_filter_narrows_the_results(page, site_url):
    results = open_search(page, site_url, "Ukraine")
    page.wait_for_selector(".otr-search__filter select[name=speaker]")
    status = page.locator(".otr-search__status")
    before = int(status.inner_text().split()[0])
    page.select_option(".otr-search__filter select[name=speaker]", "Rosa Balfour")
    page.wait_for_function(FEWER, arg=before)
    metas = results.locator(".otr-search__meta").all_inner_texts()
    assert metas and all("Rosa Balfour" in m for m in metas)
    by_speaker = int(status.inner_text().split()[0])
    assert 0 < by_speaker < before
    shown = status.inner_text()
    page.select_option(".otr-search__filter select[name=theme]", "Defence spending")
    page.wait_for_function("(t) => { const s = document.querySelector('.otr-search__status').textContent;"
                           " return s !== t && /^\\d/.test(s); }", arg=shown)
    by_both = int(status.inner_text().split()[0])
    assert 0 < by_both <= by_speaker
    assert all("Rosa Balfour" in m for m in results.locator(".otr-search__meta").all_inner_texts())


def test_arrows_and_enter_open_a_result_at_its_anchor_with_the_words_highlighted(page, site_url):
    results = open_search(page, site_url, "keep on dreaming")
    if results.count() > 1:
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
    assert results.first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/2026-01-26-afet-sede-exchange/**")
    assert urlsplit(page.url).fragment == "p29"
    page.wait_for_selector("#p29 mark")
    marked = " ".join(page.locator("#p29 mark").all_inner_texts()).lower()
    assert "keep" in marked and "dreaming" in marked
    assert page.evaluate("(() => { const r = document.getElementById('p29').getBoundingClientRect();"
                         " return r.top >= 0 && r.top < innerHeight; })()")


def test_search_makes_no_request_to_another_host(page, site_url):
    open_search(page, site_url, "Greenland")
    page.select_option(".otr-search__filter select[name=year]", "2026")
    page.wait_for_timeout(300)
    urls = page.requests.urls
    assert any("/pagefind/" in u for u in urls)
    assert page.requests.foreign() == []


def test_search_downloads_pagefind_once_not_again_as_a_worker(page, site_url):
    """pagefind-worker.js repeats most of pagefind.js: at 1,000 events it is 4% of a frequent-word search."""
    open_search(page, site_url, "defence spending Ukraine")
    page.wait_for_timeout(300)
    names = [urlsplit(u).path.rsplit("/", 1)[-1] for u in page.requests.urls if "/pagefind/" in u]
    assert "pagefind.js" in names and "pagefind-worker.js" not in names


def test_quotes_as_journalists_print_them_find_their_passage_first(page, site_url):
    assert len(QUOTES) >= 20
    page.goto(site_url)
    found = page.evaluate("async (qs) => { const out = []; for (const q of qs) out.push(await otrSearch.links(q));"
                          " return out; }", [q for q, _ in QUOTES])
    hits = [links[:1] == [expected] for links, (_, expected) in zip(found, QUOTES, strict=True)]
    report = "\n".join(f"{'ok  ' if hit else 'MISS'} {q!r} -> {links[:1]} (want {want})"
                       for hit, links, (q, want) in zip(hits, found, QUOTES, strict=True))
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "quote-search.txt").write_text(f"{sum(hits)}/{len(hits)} first-result hits\n{report}\n", encoding="utf-8")
    print(report)
    assert sum(hits) / len(hits) >= 0.95, report


def test_the_build_log_states_the_index_size(real_site):
    line = next(x for x in real_site.log if "search index made:" in x or "search index reused" in x)
    assert "passages" in line and "KiB" in line
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    assert f"{sum(len(t['paragraphs']) for t in turns)} passages" in line


def test_every_passage_found_under_a_filter_is_of_that_filter(page, site_url, real_site):
    # The record carries each passage's speaker, role, kind and themes as numbers into its filters
    # (search.py, `record_html`): a misread number would show a passage under the wrong name or theme.
    data = real_site.site / "data"
    turns = json.loads((data / "turns.json").read_text(encoding="utf-8"))
    of = {p["url"].lstrip("/"): (t, p) for t in turns for p in t["paragraphs"]}
    cases = [({"theme": th["title"]}, lambda t, p, slug=th["slug"]: slug in p["themes"])
             for th in json.loads((data / "themes.json").read_text(encoding="utf-8"))]
    cases += [({"speaker": name}, lambda t, p, name=name: t["speaker_name"] == name)
              for name in {t["speaker_name"] for t in turns}]
    cases += [({"kind": kind.title()}, lambda t, p, kind=kind: t["kind"] == kind)
              for kind in {t["kind"] for t in turns}]
    page.goto(site_url)
    found = 0
    for filters, holds in cases:
        links = page.evaluate("([q, f]) => otrSearch.links(q, f)", ["Ukraine", filters])
        assert [link for link in links if not holds(*of[link])] == [], filters
        found += bool(links)
    assert found >= len(cases) * 2 // 3


def test_the_records_say_who_spoke_each_passage_in_no_word_pagefind_indexes():
    # Pagefind indexes every meta field's words; the rows for each passage must add none (search.py, DIGITS).
    records, passages = search_records(load_archive(ROOT / "docs/_data"))
    rows = [html.unescape(re.search(r'data-pagefind-meta="passages">([^<]*)<', r).group(1)) for r in records.values()]
    assert sum(len(r.split(" ")) for r in rows) == passages
    assert all(r and not re.search(r"[\w#*]", r) for r in rows)
