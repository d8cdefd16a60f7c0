"""The four seed events on the built site: every word in order, attributions, and no furniture."""

from __future__ import annotations

import html
import json
import re

import pytest

from seeds import (
    AFET_NATO,
    AFET_PUBT,
    CONCERT_NOBLE,
    CONTENT,
    FURNITURE,
    FURNITURE_SNIPPETS,
    NEWS_REPORT,
    PRESS_RELEASE,
    QUOTATIONS,
    content_lines,
    flat,
    furniture_lines,
    turns_of,
    words,
)


def turns_json(site):
    return json.loads((site.site / "data" / "turns.json").read_text(encoding="utf-8"))


def page_words(site, event_id: str, selector: str = ".otr-para") -> list[str]:
    """Words a reader sees in the passages of an event page, controls and archive notes aside."""
    page = site.page(f"events/{event_id}")
    for el in page.select(".otr-controls, .otr-share, .otr-cite, .otr-note, .otr-removed"):
        el.decompose()
    return [w for p in page.select(selector) for w in words(p.get_text(" "))]


@pytest.mark.parametrize("seed", [CONCERT_NOBLE, AFET_NATO])
def test_every_transcript_word_is_on_the_page_in_order(real_site, seed):
    event_id = CONTENT[seed][0]
    expected = [w for _, text in turns_of(seed) for w in words(text)]
    assert len(expected) > 2000
    assert page_words(real_site, event_id) == expected


@pytest.mark.parametrize("seed", [CONCERT_NOBLE, AFET_NATO])
def test_turns_and_attributions_are_as_in_the_text(real_site, seed):
    event_id = CONTENT[seed][0]
    turns = [t for t in turns_json(real_site) if t["event"] == event_id]
    expected = turns_of(seed)
    assert [t["speaker_name"] for t in turns] == [name for name, _ in expected]
    for turn, (_, text) in zip(turns, expected, strict=True):
        assert words(turn["text"]) == words(text), turn["id"]


def test_concert_noble_has_the_turns_the_issue_counts(real_site):
    turns = [t for t in turns_json(real_site) if t["event"] == "2024-12-12-concert-noble"]
    assert len(turns) == 39
    by = lambda name: [t for t in turns if t["speaker_name"] == name]  # noqa: E731
    assert len(by("Mark Rutte")) == 16 and turns[0]["kind"] == "remarks"
    assert len(by("Rosa Balfour")) == 16
    assert len(by("Audience member")) == 7
    assert {t["kind"] for t in by("Audience member")} == {"question"}


def test_the_second_publisher_carries_the_same_opening_remarks_once(real_site):
    turns = [t for t in turns_json(real_site) if t["event"] == "2026-01-26-afet-sede-exchange"]
    assert words(turns[0]["text"]) == words("\n".join(content_lines(AFET_PUBT)))
    assert turns[0]["sources"] == ["NATO", "Public Technologies (PUBT)"]
    assert turns[2]["sources"] == ["NATO"]
    page = real_site.page("events/2026-01-26-afet-sede-exchange")
    opening = flat("Thank you. Thank you so much, both of you, to have me back here in European Parliament.")
    assert flat(page.get_text(" ")).count(opening) == 1


@pytest.mark.parametrize("seed", [PRESS_RELEASE, NEWS_REPORT])
def test_reports_show_the_publishers_text_and_each_quotation_as_an_item(real_site, seed):
    event_id = CONTENT[seed][0]
    published = re.sub(r"\]\(#\)", "]", "\n".join(content_lines(seed)))  # link targets lost in copying
    assert page_words(real_site, event_id) == words(published.replace("[", "").replace("]", ""))
    quotations = [t for t in turns_json(real_site) if t["event"] == event_id]
    assert [t["text"] for t in quotations] == QUOTATIONS[event_id]
    assert {(t["kind"], t["speaker"]) for t in quotations} == {("quotation", "mark-rutte")}
    page = real_site.page(f"events/{event_id}")
    assert "not a transcript" in page.select_one(".otr-badge-report").get_text()
    for t in quotations:
        quote = page.find(id=t["url"].split("#")[1])
        assert quote is not None and "otr-quotation" in quote["class"]


def _site_text(site) -> str:
    chunks = []
    for path in site.site.rglob("*"):
        if path.suffix in {".html", ".json", ".xml", ".js", ".txt"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            chunks.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return flat(" ".join(chunks))


def test_no_furniture_appears_anywhere_in_the_built_site(real_site):
    text = _site_text(real_site)
    checked = 0
    for seed in FURNITURE:
        for line in furniture_lines(seed):
            if len(line.split()) >= 3:
                assert flat(line) not in text, (seed, line)
                checked += 1
    for snippet in FURNITURE_SNIPPETS:
        assert flat(snippet) not in text, snippet
    assert checked > 30


def test_publisher_insertions_and_archive_notes_are_not_shown_as_speech(real_site):
    page = real_site.page("events/2024-12-12-concert-noble")
    inserted = [el.get_text() for el in page.select(".otr-inserted")]
    assert inserted.count("[inaudible]") == 11
    note = page.select_one(".otr-note")
    assert "Wales" in note.get_text() and "wills" in note.parent.get_text()
    afet = real_site.page("events/2026-01-26-afet-sede-exchange")
    assert {el.get_text() for el in afet.select(".otr-inserted")} >= {"[Triangle]", "[the US is]", "[Ter Laak]"}
    turns = {t["id"]: t for t in turns_json(real_site)}
    assert "Wales" not in turns["2024-12-12-concert-noble.t26"]["text"]
    assert "set in wills in 2014" in turns["2024-12-12-concert-noble.t26"]["text"]
