"""Quote check: one labelled set of quotations (tests/cases/quotes.yml) scores the command line and the
/check/ page alike; invented quotations are never 'verbatim' or 'shortened'."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from ontherecord.archive import load_archive
from ontherecord.cli import main as ontherecord
from ontherecord.quotecheck import check

from sites import ROOT

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "quotes.yml").read_text(encoding="utf-8"))


def passage_of(result: dict) -> str:
    p = result.get("passage") or {}
    return f"{p['event']}#{p['anchor']}" if p else ""


def score(results: list[dict]) -> tuple[float, list]:
    misses = [(c["text"][:60], c["verdict"], r["verdict"], passage_of(r)) for c, r in zip(CASES, results, strict=True)
              if r["verdict"] != c["verdict"] or ("passage" in c and passage_of(r) != c["passage"])]
    return 1 - len(misses) / len(CASES), misses


@pytest.fixture(scope="module")
def cli_results():
    archive = load_archive(ROOT / "docs" / "_data")
    return [check(c["text"], archive) for c in CASES]


def test_the_set_is_large_and_varied():
    verdicts = [c["verdict"] for c in CASES]
    assert len(CASES) >= 40 and verdicts.count("not-found") >= 10
    assert {"verbatim", "shortened", "altered", "other-speaker", "not-found"} <= set(verdicts)


def test_the_command_line_is_right_on_at_least_95_percent(cli_results):
    accuracy, misses = score(cli_results)
    print(f"command line: {accuracy:.1%} of {len(CASES)}", misses)
    assert accuracy >= 0.95, misses


def test_no_invented_quotation_is_ever_verbatim_or_shortened(cli_results):
    for case, result in zip(CASES, cli_results, strict=True):
        if case["verdict"] in ("not-found", "altered"):
            assert result["verdict"] not in ("verbatim", "shortened"), case["text"]


def test_the_differences_are_shown_word_by_word(cli_results):
    shortened = next(r for c, r in zip(CASES, cli_results, strict=True) if c["verdict"] == "shortened")
    assert {w["op"] for w in shortened["diff"]} >= {"same", "omitted"}
    americanised = check("we agreed to invest 5% of GDP annually in defense by 2035", load_archive(ROOT / "docs/_data"))
    assert americanised["verdict"] == "verbatim"
    assert {(n["kind"], n["printed"], n["record"]) for n in americanised["notes"]} == {
        ("number", "5", "five"), ("number", "%", "per cent"), ("spelling", "defense", "defence")}


def test_the_command_prints_the_verdict_the_url_and_the_differences(capsys):
    text = "“If anyone thinks that the European Union can defend itself without the US, keep on dreaming.”"
    assert ontherecord(["--data", str(ROOT / "docs/_data"), "quote", text, "--site-url", "https://example.org/x/"]) == 0
    out = capsys.readouterr().out
    assert "verdict: shortened" in out
    assert "passage: https://example.org/x/events/2026-01-26-afet-sede-exchange/#p29 (Mark Rutte" in out
    assert "cite: https://example.org/x/a/2026-01-26-afet-sede-exchange/t3/" in out
    assert "[-here-] [-again-]" in out
    assert ontherecord(["--data", str(ROOT / "docs/_data"), "quote", "keep on dreaming", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "verbatim"
    assert data["passage"]["url"].endswith("events/2026-01-26-afet-sede-exchange/#p29")


def test_the_page_gives_the_command_lines_verdict_on_every_quotation(page, site_url, cli_results):
    page_results = []
    for case in CASES:
        page.goto(site_url + "check/?q=" + quote(case["text"]))
        result = page.wait_for_selector("[data-verdict]", timeout=20000)
        link = page.locator(".otr-check-links a").first
        href = link.get_attribute("href") if link.count() else ""
        anchor = href.rsplit("events/", 1)[-1].replace("/#", "#") if href else ""
        where = {"event": anchor.split("#")[0], "anchor": anchor.split("#")[1]} if anchor else None
        page_results.append({"verdict": result.get_attribute("data-verdict"), "passage": where})
    accuracy, misses = score(page_results)
    print(f"page: {accuracy:.1%} of {len(CASES)}", misses)
    assert accuracy >= 0.95, misses
    assert [r["verdict"] for r in page_results] == [r["verdict"] for r in cli_results]


def test_paste_then_check_by_keyboard_alone_shows_verdict_marks_and_link(page, site_url):
    page.goto(site_url + "check/")
    page.keyboard.press("Tab")
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "otr-check-q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "otr-check-q"
    page.keyboard.insert_text("“If anyone thinks […] that the European Union […] can defend itself without the US,\n"
                              "keep on dreaming.”")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-verdict=shortened]")
    assert page.locator(".otr-check-diff del").count() >= 3  # the words left out, still shown
    assert "q=" in page.url  # the result can be shared
    page.locator(".otr-check-links a").first.click()
    page.wait_for_url("**/events/2026-01-26-afet-sede-exchange/#p29")


def test_the_header_search_offers_to_check_a_quotation(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("“keep on dreaming”")
    link = page.wait_for_selector(".otr-search__check")
    link.click()
    page.wait_for_selector("[data-verdict=verbatim]")


def test_a_template_in_the_themes_custom_dir_replaces_the_engines(tmp_path):
    from sites import build_site, make_project, transcript

    project = make_project(tmp_path, {"e": transcript("Opening words.\n\nHost Two, Director\n\nA question?\n")})
    (project / "overrides" / "ontherecord").mkdir()
    (project / "overrides" / "ontherecord" / "check.html").write_text(
        "<h1>Our own check page</h1><p>{{ events }} events</p>", encoding="utf-8")
    built = build_site(project)
    assert built.page("check").find("h1").get_text() == "Our own check page"
