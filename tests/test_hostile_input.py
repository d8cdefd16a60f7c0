"""Inputs that could slow or break the build are refused at once, naming file and line; text that looks
like markup stays text in every context, and the page's scripts still run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ontherecord.archive import load_archive
from ontherecord.errors import SourceError

from browsing import serve
from sites import PEOPLE, ROOT, build_site, make_project, transcript

GOOD_BODY = "Opening words of the speech.\n\nHost Two, Director\n\nA question?\n\nSpeaker One\n\nAn answer.\n"
BOMB = ("description: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        + "".join(f"x{i}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)))


def refused(tmp_path: Path, events: dict[str, str], themes: str | None = None) -> tuple[str, float]:
    project = make_project(tmp_path, events, PEOPLE)
    if themes is not None:
        (project / "docs" / "_data" / "themes.yml").write_text(themes, encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(SourceError) as error:
        load_archive(project / "docs" / "_data")
    return str(error.value), time.monotonic() - start


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    source = transcript(GOOD_BODY).replace("venue: A Hall, Brussels\n", "venue: A Hall, Brussels\n" + BOMB)
    message, seconds = refused(tmp_path, {"e": source})
    assert "e.md:6:" in message and "alias" in message and "What to do:" in message
    assert seconds < 5


def test_a_catastrophic_theme_rule_is_refused_when_the_rules_are_read(tmp_path):
    themes = (ROOT / "docs" / "_data" / "themes.yml").read_text(encoding="utf-8")
    first = themes.index("any: [") + len("any: [")
    themes = themes[:first] + '"re:(\\\\w+\\\\s?)+x", ' + themes[first:]
    line = themes[:first].count("\n") + 1
    message, seconds = refused(tmp_path, {"e": transcript(GOOD_BODY)}, themes)
    assert f"themes.yml:{line}:" in message and "repeats a part that itself repeats" in message
    assert seconds < 5


@pytest.mark.parametrize("value", ['"2025-05-05-test-event\\n"', '"2025-05-05-test-event\\nx"'])
def test_an_id_with_a_newline_is_refused(tmp_path, value):
    message, _ = refused(tmp_path, {"e": transcript(GOOD_BODY).replace("id: 2025-05-05-test-event", f"id: {value}")})
    assert "e.md:2:" in message and "'id' is not valid" in message


def test_a_key_written_twice_is_refused(tmp_path):
    source = transcript(GOOD_BODY).replace("venue: A Hall, Brussels\n", "venue: A Hall, Brussels\nvenue: Elsewhere\n")
    message, _ = refused(tmp_path, {"e": source})
    assert "e.md:6:" in message and "the key 'venue' is written twice" in message and "line 5" in message


def test_a_huge_front_matter_is_refused(tmp_path):
    source = transcript(GOOD_BODY).replace("venue: A Hall, Brussels", "venue: " + "A" * 4_100_000)
    message, seconds = refused(tmp_path, {"e": source})
    assert "e.md:2:" in message and "over the limit" in message
    assert seconds < 5


COMMENT = "<!--<script>"


def test_comment_and_script_openers_in_every_text_field_leave_every_page_whole(tmp_path, browser):
    people = PEOPLE.replace("name: Speaker One", f"name: 'Speaker {COMMENT} One'")
    body = f"Opening {COMMENT} words.\n\nHost Two, Director\n\nA question {COMMENT}?\n\nSpeaker One\n\nNo {COMMENT}.\n"
    source = transcript(body, title=f"A title {COMMENT}").replace(
        "kind: transcript", f"kind: transcript\ndescription: 'About {COMMENT}'").replace(
        "venue: A Hall, Brussels", f"venue: 'A Hall {COMMENT}'").replace(
        "publisher: A Publisher", f"publisher: 'A Publisher {COMMENT}'\n    note: 'A note {COMMENT}'").replace(
        "role: keynote speaker", f"role: 'keynote {COMMENT} speaker'")
    built = build_site(make_project(tmp_path, {"e": source}, people))
    with serve(built.site) as url:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in ("", "events/2025-05-05-test-event/", "a/2025-05-05-test-event/t1/",
                     "a/2025-05-05-test-event/t3/", "people/speaker-one/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert COMMENT in page.inner_text("body"), path  # shown as text
            assert page.evaluate("document.scripts.length") >= 1
            if path == "":  # the footer and the search script after the JSON-LD still run
                assert page.locator("footer").count() >= 1
                page.wait_for_function("() => !document.querySelector('#otr-search-input')?.disabled", timeout=5000)
        assert errors == []
        context.close()


def test_an_invisible_control_character_is_refused_with_its_line(tmp_path):
    message, _ = refused(tmp_path, {"e": transcript(GOOD_BODY.replace("An answer.", "An\x0b answer."))})
    assert "e.md:30:" in message and "U+000B" in message  # body: 22 opening, 24, 26, 28, 30 the answer
