"""What a journalist or reader does, start to end, in a real browser: share, open, search, read on a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from sites import ROOT, build_site, make_project, transcript

SITE = "https://example.org/"
AFET = "2026-01-26-afet-sede-exchange"


def in_first_screen(page, selector: str, whole: bool = True) -> bool:
    """Whether the element is in the first screen: wholly, or (for the words themselves) beginning there."""
    return page.evaluate("""([s, whole]) => { const e = document.querySelector(s); if (!e) return false;
        const r = e.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && (whole ? r.bottom <= innerHeight : r.top + 60 <= innerHeight); }""",
                         [selector, whole])


def test_sharing_keep_on_dreaming_gives_a_link_that_previews_and_opens_on_those_words(page, site_url, browser):
    page.goto(site_url + f"events/{AFET}/")
    paragraph = page.locator(".otr-para", has_text="keep on dreaming")
    paragraph.locator("a.otr-share").click()
    page.wait_for_selector(".otr-copied:has-text('Link copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == SITE + f"a/{AFET}/p29/"
    for viewport in ({"width": 1280, "height": 720}, {"width": 375, "height": 667}):
        context = browser.new_context(viewport=viewport)
        opened = context.new_page()
        opened.goto(site_url + copied.removeprefix(SITE))
        preview = opened.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[property]')]
            .map(m => [m.getAttribute('property'), m.content]))""")
        assert "keep on dreaming" in preview["og:description"], preview
        assert preview["og:title"].startswith("Mark Rutte: “") and len(preview["og:title"]) <= 70
        # who, when, at what event, from which source, and the words: all in the first screen
        for selector in (".otr-passage-speaker", ".otr-passage-who time", ".otr-passage-who a",
                         ".otr-passage-source"):
            assert in_first_screen(opened, selector), (viewport, selector)
        assert in_first_screen(opened, ".otr-standalone-text", whole=False), viewport
        assert opened.locator(".otr-passage-speaker").inner_text() == "Mark Rutte"
        assert opened.locator(".otr-passage-who time").inner_text() == "26 January 2026"
        assert "AFET" in opened.locator(".otr-passage-who a").inner_text()
        assert "keep on dreaming" in opened.locator(".otr-standalone-text").inner_text()
        context.close()


def test_a_question_and_its_answer_open_question_first(page, site_url):
    page.goto(site_url + "a/2024-12-12-concert-noble/t35/")
    asked = page.locator(".otr-asked").first.bounding_box()
    answer = page.locator(".otr-standalone-text").bounding_box()
    assert asked["y"] < answer["y"] and in_first_screen(page, ".otr-standalone-text", whole=False)


def _search(page, query: str):
    page.keyboard.press("/")
    page.keyboard.type(query, delay=0)
    page.wait_for_selector("#otr-search-results [role=option]")


def _marked_words(marks: list[str], text: str, query: str) -> tuple[set[str], set[str]]:
    """(query words the text holds, query words marked): a word by its stem, as the search matches it."""
    asked = [w.lower() for w in query.split()]
    held = {w for w in asked if re.search(rf"\b{w[:5]}", text, re.I)}
    marked = {w for w in asked if any(m.lower().startswith(w[:5]) for m in marks)}
    return held, marked


def test_every_word_of_a_query_is_marked_in_results_and_on_landing(page, site_url):
    query = "Arctic spend more"
    page.goto(site_url)
    _search(page, query)
    results = page.locator("#otr-search-results [role=option] .otr-search__excerpt")
    for i in range(results.count()):
        held, marked = _marked_words(results.nth(i).locator("mark").all_inner_texts(), results.nth(i).inner_text(),
                                     query)
        assert held and held == marked, (i, results.nth(i).inner_text())
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.otr-found")
    target = page.evaluate("location.hash.slice(1)")
    text = page.locator(f"#{target}").inner_text()
    held, marked = _marked_words(page.locator("mark.otr-found").all_inner_texts(), text, query)
    assert len(held) >= 2 and held == marked, text


def test_stopwords_are_not_marked(page, site_url):
    page.goto(site_url)
    _search(page, "keep on dreaming")
    marked = {m.lower() for m in page.locator("#otr-search-results mark").all_inner_texts()}
    assert {"keep", "dreaming"} <= marked and not marked & {"on", "one", "only"}


def test_a_passage_with_every_word_comes_before_one_with_some(page, site_url, real_site):
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    texts = {f"events/{t['event']}/#{p['id']}": p["text"].lower() for t in turns for p in t["paragraphs"]}
    page.goto(site_url)
    page.wait_for_function("window.otrSearch")
    words = ("arctic", "china", "russia")  # two passages hold all three, some thirty one or two
    links = page.evaluate("otrSearch.links('Arctic China Russia')")
    holds_all = [all(w in texts[link] for w in words) for link in links]
    assert holds_all[:2] == [True, True] and not any(holds_all[2:]), holds_all


def test_numbers_are_found_in_their_usual_spellings(page, site_url, real_site):
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    with_five = {f"events/{t['event']}/#{p['id'].split('.')[-1]}" for t in turns for p in t["paragraphs"]
                 if re.search(r"(?<![\d.,])(5 ?%|5 per ?cent|five per cent)", p["text"], re.I)}
    assert len(with_five) >= 3
    page.goto(site_url)
    page.wait_for_function("window.otrSearch")
    found = {}
    for query in ("5 percent", "5%", "5 per cent", "five per cent"):
        found[query] = page.evaluate(f"otrSearch.links({json.dumps(query)})")
        assert found[query] and set(found[query]) <= with_five, (query, found[query])
    assert len({tuple(v) for v in found.values()}) == 1, found  # one and the same answer, however spelled
    _search(page, "5 percent")
    marked = page.locator("#otr-search-results [role=option]").first.locator("mark").all_inner_texts()
    assert any(re.fullmatch(r"5 ?%|5 per ?cent|five per cent", m, re.I) for m in marked), marked


def test_filter_labels_say_what_they_count(page, site_url):
    page.goto(site_url)
    _search(page, "Ukraine")
    speakers = page.locator("select[name=speaker] option").all_inner_texts()
    assert "Mark Rutte (in 4 events)" in speakers
    events = page.locator("select[name=event] option").all_inner_texts()
    assert all("event" not in e.split(" · ")[0] and "(" not in e for e in events[1:]), events


def test_instant_navigation_keeps_search_and_controls_working(browser, real_site):
    # Material's instant navigation follows the links its sitemap lists, matched by host without a port:
    # the site is served here at a portless address, straight from its files.
    context = browser.new_context()

    def from_files(route):
        path = route.request.url.removeprefix("http://otr.test/").split("?")[0].split("#")[0]
        file = real_site.site / path
        file = file / "index.html" if file.is_dir() else file
        if file.exists():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, body="not found")
    context.route("http://otr.test/**", from_files)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("http://otr.test/")
    page.evaluate("window.stayed = true")
    page.click(".md-nav__link:has-text('Events')")
    page.wait_for_url("**/events/")
    page.click(f".otr-event-list a[href*='{AFET}']")
    page.wait_for_url(f"**/events/{AFET}/")
    page.wait_for_selector("#p29")
    assert page.evaluate("window.stayed === true")  # no full reload: Material's instant navigation
    _search(page, "keep on dreaming")
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.otr-found")
    assert "keep" in [m.lower() for m in page.locator("mark.otr-found").all_inner_texts()]
    page.locator(".otr-para", has_text="keep on dreaming").locator("a.otr-share").click()
    # no clipboard on a plain-http host: the address is shown to copy by hand
    assert page.locator(".otr-copied").inner_text() == SITE + f"a/{AFET}/p29/"
    assert errors == []
    context.close()


def test_one_key_shortcuts_can_be_turned_off(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("Ukraine")
    page.wait_for_selector(".otr-search__shortcuts")
    page.click(".otr-search__shortcuts")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") != "otr-search-input"
    page.reload()
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.id") != "otr-search-input"  # the choice is remembered


def test_standalone_pages_follow_the_readers_scheme_choice(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    page.evaluate("""() => __md_set('__palette', {index: 1, color: {media: '(prefers-color-scheme: dark)',
        scheme: 'slate', primary: 'indigo', accent: 'indigo'}})""")
    page.goto(site_url + f"a/{AFET}/p29/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


WORD_SPLIT = """sel => { const broken = [];
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, re = /[^\\s\u2010-\u2014-]+[\u2010-\u2014-]?/g; let m;
      while ((m = re.exec(node.data))) {
        const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken; }"""


def test_at_375px_lists_break_no_word(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    page = context.new_page()
    lists = {"events/": ".otr-event-list", "people/": ".otr-people", "themes/": ".otr-theme-list",
             "timeline/": ".otr-timeline", "": ".otr-home"}
    for path, selector in lists.items():
        page.goto(site_url + path)
        assert page.locator(selector).count(), path
        assert page.evaluate(WORD_SPLIT, selector) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    context.close()


def test_a_template_in_overrides_changes_the_event_page(tmp_path):
    project = make_project(tmp_path, {"e": transcript("Opening words.\n\nHost Two, Director\n\nA question?\n")})
    (project / "overrides" / "ontherecord").mkdir()
    (project / "overrides" / "ontherecord" / "event.html").write_text(
        "<h1 class=\"ours\">{{ event.title }}</h1>{% for view in turns %}<p>{{ view.turn.speaker.person.name }}</p>"
        "{% endfor %}", encoding="utf-8")
    page = build_site(project).page("events/2025-05-05-test-event")
    assert page.select_one("h1.ours").get_text() == "A test event"
    assert [p.get_text() for p in page.select(".md-content p")][:2] == ["Speaker One", "Host Two"]


def test_the_copied_material_header_is_materials_own_but_for_the_search_box():
    """Our only copy of a Material template: it must follow the installed Material, or this fails."""
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    start = theirs.index('    {% if "material/search" in config.plugins %}')
    after = theirs.index('{% include "partials/search.html" %}')
    outer = "\n    {% endif %}\n"
    end = theirs.index(outer, theirs.index("\n      {% endif %}\n", after) + 1) + len(outer)
    expected = theirs[:start] + '    {% include "partials/otr-search.html" %}\n' + theirs[end:]
    strip = re.compile(r"\{#-.*?-#\}\n?", re.S)
    assert strip.sub("", ours) == strip.sub("", expected)
    copies = sorted(p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html"))
    assert copies == ["main.html", "ontherecord-finished.html", "partials/header.html", "partials/otr-search.html"]


def test_each_result_shows_words_of_its_own_passage_only(page, site_url, real_site):
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    texts = {(t["event"], p["id"]): " ".join(p["text"].split()) for t in turns for p in t["paragraphs"]}
    page.goto(site_url)
    _search(page, "keep on dreaming")
    results = page.locator("#otr-search-results [role=option]")
    assert results.count() >= 5
    for i in range(results.count()):
        href = results.nth(i).get_attribute("href")
        event, anchor = href.split("/events/")[1].split("/")[0], href.split("#")[1]
        shown = results.nth(i).locator(".otr-search__excerpt").inner_text().strip("… ").strip()
        assert " ".join(shown.split()) in texts[(event, anchor)], (href, shown)


def test_reading_in_context_keeps_who_when_and_where_in_view(page, site_url):
    page.goto(site_url + f"events/{AFET}/#p29")
    page.wait_for_timeout(200)
    boxes = page.evaluate("""() => ['.otr-context', '#t3', '#p29'].map(s => {
        const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom]; })""")
    (context_top, context_bottom), (head_top, head_bottom), (para_top, _) = boxes
    assert 0 < context_top < head_top and context_bottom <= head_top + 1 and head_bottom <= para_top + 1
    assert para_top < 300  # the paragraph itself starts near the top, under them
    assert "26 January 2026" in page.locator(".otr-context").inner_text()
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('#t3').getBoundingClientRect().top") < 150  # still held in view


def test_a_theme_page_leads_with_passages_in_an_order_the_reader_can_flip(page, site_url):
    page.goto(site_url + "themes/ukraine/")
    dates = "() => [...document.querySelectorAll('.otr-theme-event h2 time')].map(t => t.getAttribute('datetime'))"
    oldest_first = page.evaluate(dates)
    assert oldest_first == sorted(oldest_first) and len(set(oldest_first)) > 1
    # the passages come before the chart and the timeline
    assert page.evaluate("""() => document.querySelector('.otr-theme-passages').compareDocumentPosition(
        document.querySelector('.otr-chart')) & Node.DOCUMENT_POSITION_FOLLOWING""")
    page.click("button.otr-flip")
    assert page.evaluate(dates) == sorted(oldest_first, reverse=True)
    assert page.locator("button.otr-flip").get_attribute("aria-pressed") == "true"
    page.click("button.otr-flip")
    assert page.evaluate(dates) == oldest_first
