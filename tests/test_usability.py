"""A site people can use: accessibility, keyboard, weight, mobile, print, colour schemes, screenshots."""

from __future__ import annotations

import gzip
import time

import pytest

from sites import ROOT

AXE = ROOT / "tests" / "browser_tools" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts"
PAGES = {
    "home": "",
    "event": "events/2024-12-12-concert-noble/",
    "report": "events/2025-01-13-exchange-with-meps/",
    "theme": "themes/ukraine/",
    "timeline": "timeline/",
    "person": "people/mark-rutte/",
    "passage": "a/2026-01-26-afet-sede-exchange/p29/",
    "answer": "a/2026-01-26-afet-sede-exchange/t3/",
    "events": "events/",
    "people": "people/",
    "themes": "themes/",
    "about": "about/",
    "check": "check/?q=%E2%80%9CIf%20anyone%20thinks%20that%20the%20European%20Union%20can%20defend%20itself"
             "%20without%20the%20US%2C%20keep%20on%20dreamning.%E2%80%9D",
}


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make browser-tools` (npm ci in tests/browser_tools)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_or_critical_accessibility_violation(page, site_url, kind, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGES[kind])
    if kind == "check":
        page.wait_for_selector("[data-verdict]")  # the result, with its struck and underlined words
    assert axe_violations(page) == []


def test_no_violation_in_the_search_results_state(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("Greenland")
    page.wait_for_selector("#otr-search-results [role=option]")
    page.wait_for_selector(".otr-search__filter select")
    assert axe_violations(page) == []


@pytest.mark.parametrize("kind", ["event", "passage", "timeline"])
def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(page, site_url, kind):
    page.goto(site_url + PAGES[kind])
    seen, invisible = set(), []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { let e = document.activeElement; if (!e || e === document.body) return null;
            // Material's palette toggle is a hidden radio; its focus shows on the label that follows it.
            if (e.matches('input.md-option')) e = e.nextElementSibling;
            const s = getComputedStyle(e); const r = e.getBoundingClientRect();
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
            return {cls: e.className || e.tagName, visible: r.width > 0 && r.height > 0, ring: ring}; }""")
        if info is None:
            continue
        seen.add(str(info["cls"]))
        if not (info["visible"] and info["ring"]):
            invisible.append(info)
    assert not invisible, invisible
    if kind == "event":
        assert {"otr-search__input", "otr-share", "otr-cite"} <= {c for s in seen for c in s.split()}


def _first_visit(browser, url, exclude: str = "/pagefind/") -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, tuple[int, int]] = {}

    def record(response):
        try:
            body = response.body()
        except Exception:
            return
        sizes[response.url] = (len(body), len(gzip.compress(body, 6)))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    context.close()
    kept = {u: s for u, s in sizes.items() if exclude not in u}
    return {"requests": len(kept), "bytes": sum(s[0] for s in kept.values()), "gzip": sum(s[1] for s in kept.values())}


def test_page_weight_report_and_event_page_budget(browser, site_url):
    rows, weights = [], {}
    for kind, path in PAGES.items():
        weights[kind] = w = _first_visit(browser, site_url + path)
        rows.append(f"| {kind} | /{path} | {w['requests']} | {w['bytes'] / 1024:.0f} | {w['gzip'] / 1024:.0f} |")
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    page.keyboard.press("/")
    start = time.perf_counter()
    page.keyboard.type("keep on dreaming", delay=0)
    page.wait_for_selector("#otr-search-results [role=option]")
    first_result = time.perf_counter() - start
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "weight.md").write_text(
        "| page | path | requests | KiB | KiB gzip |\n|---|---|---|---|---|\n" + "\n".join(rows)
        + f"\n\nFirst search result after typing: {first_result * 1000:.0f} ms (index loaded on first use).\n",
        encoding="utf-8")
    print((ARTIFACTS / "weight.md").read_text(encoding="utf-8"))
    assert weights["event"]["gzip"] <= 150 * 1024, weights["event"]


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_at_375px_nothing_scrolls_sideways_and_turns_stay_readable(browser, site_url, kind):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.goto(site_url + PAGES[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    text = page.evaluate("""() => { const p = document.querySelector(
        '.otr-para, .otr-passage-text, .otr-standalone-text p, .otr-tl-title, .md-typeset p');
        return p ? parseFloat(getComputedStyle(p).fontSize) : 0; }""")
    context.close()
    assert width <= 375, f"{kind} is {width}px wide at 375px"
    assert text >= 14


def test_controls_are_usable_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + PAGES["event"])
    link = page.locator("#p4 a.otr-share")
    box = link.bounding_box()
    assert box["width"] >= 20 and box["height"] >= 20
    link.tap()
    page.wait_for_selector(".otr-copied")
    page.locator("#p4 a.otr-cite").tap()
    page.wait_for_selector(".otr-cite-box pre")
    context.close()


def test_printing_an_event_page_hides_navigation_and_keeps_speakers_dates_and_sources(page, site_url):
    page.goto(site_url + PAGES["event"])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
        '.otr-share', '.otr-cite'].map(s => { const e = document.querySelector(s);
        return e === null || getComputedStyle(e).display === 'none' || e.offsetParent === null; })""")
    assert all(hidden), hidden
    for selector in (".otr-speaker", ".otr-facts time", ".otr-sources", ".otr-para", ".otr-kind"):
        assert page.locator(selector).first.is_visible(), selector


@pytest.mark.parametrize("scheme, expected", [("light", "default"), ("dark", "slate")])
def test_light_and_dark_schemes(page, site_url, scheme, expected):
    page.emulate_media(color_scheme=scheme)
    for path in (PAGES["event"], PAGES["passage"]):
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected, path


SHOTS = {"home": "", "theme": "themes/ukraine/", "event": "events/2024-12-12-concert-noble/",
         "passage": "a/2026-01-26-afet-sede-exchange/p29/", "search": ""}
DEVICES = {"desktop": {"viewport": {"width": 1280, "height": 900}},
           "phone": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "has_touch": True}}


def test_screenshots_of_each_journey_light_and_dark_desktop_and_phone(browser, site_url):
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()  # a stale screenshot must not pass for a new one
    for device, options in DEVICES.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, **options)
            page = context.new_page()
            for kind, path in SHOTS.items():
                page.goto(site_url + path)
                if kind == "search":
                    page.keyboard.press("/")
                    page.keyboard.type("keep on dreaming", delay=0)
                    page.wait_for_selector("#otr-search-results [role=option]")
                expected = "slate" if scheme == "dark" else "default"
                assert page.evaluate("document.body.dataset.mdColorScheme") == expected, (kind, scheme)
                page.screenshot(path=str(shots / f"{kind}-{scheme}-{device}.png"))
            context.close()
    made = sorted(p.name for p in shots.glob("*.png"))
    assert made == sorted(f"{k}-{s}-{d}.png" for k in SHOTS for s in ("light", "dark") for d in DEVICES)
    assert all((shots / name).stat().st_size > 10_000 for name in made)  # a page, not a blank
