"""Bad input fails, naming the file, the line and what to do. Lines counted by hand.

The cases run against the engine (`load_archive`), which raises what a build reports; one end-to-end
build at the end proves that the build fails with the same message.
"""

from __future__ import annotations

import pytest

from ontherecord.archive import load_archive
from ontherecord.cli import main as ontherecord
from ontherecord.errors import SourceError

from sites import PEOPLE, BuildFailed, build_site, make_project, transcript

pytestmark = pytest.mark.failing_build

GOOD_BODY = "Opening words of the speech.\n\nHost Two, Director\n\nA question?\n\nSpeaker One\n\nAn answer.\n"


def fails(tmp_path, events: dict[str, str], people: str = PEOPLE) -> str:
    """The engine's error for these sources: what the build shows, without building (see the last test)."""
    project = make_project(tmp_path, events, people)
    with pytest.raises(SourceError) as failure:
        load_archive(project / "docs" / "_data")
    return str(failure.value)


def test_malformed_yaml(tmp_path):
    source = transcript(GOOD_BODY).replace('title: "A test event"', 'title: "A test event\nvenue2: x')
    message = fails(tmp_path, {"e": source})
    assert "e.md:" in message and "YAML cannot be read" in message and "What to do:" in message


def test_missing_date(tmp_path):
    source = transcript(GOOD_BODY).replace("date: 2025-05-05\n", "")
    message = fails(tmp_path, {"e": source})
    assert "e.md:2:" in message and "'date' is missing" in message and "YYYY-MM-DD" in message


@pytest.mark.parametrize("date", ["2025-02-30", "5 May 2025", "2025-5-5"])
def test_invalid_date(tmp_path, date):
    message = fails(tmp_path, {"e": transcript(GOOD_BODY).replace("date: 2025-05-05", f"date: {date}")})
    assert "e.md:4:" in message and date in message and "YYYY-MM-DD" in message


def test_unknown_front_matter_key(tmp_path):
    source = transcript(GOOD_BODY).replace("venue: A Hall", "venu: A Hall")
    message = fails(tmp_path, {"e": source})
    assert "e.md:5:" in message and "unknown key 'venu'" in message and "venue" in message


def test_label_used_in_the_text_but_not_declared(tmp_path):
    body = GOOD_BODY + "\nJane Doe, Financial Times\n\nAnother question?\n"
    message = fails(tmp_path, {"e": transcript(body)})
    # front matter: lines 1-21; body: 22 opening, 24 host label, 26 question, 28 label, 30 answer,
    # 31 blank, 32 "Jane Doe, Financial Times"
    assert "e.md:32:" in message and "'Jane Doe, Financial Times' looks like a speaker label" in message
    assert "declare it under 'speakers'" in message


def test_inline_label_not_declared(tmp_path):
    message = fails(tmp_path, {"e": transcript(GOOD_BODY + "\nMR SMITH: And a last word.\n")})
    assert "e.md:32:" in message and "'MR SMITH:' looks like a speaker label" in message


def test_declared_person_missing_from_the_registry(tmp_path):
    source = transcript(GOOD_BODY).replace("person: host-two", "person: host-three")
    message = fails(tmp_path, {"e": source})
    assert "e.md:17:" in message and "'host-three' is not in the people registry" in message
    assert "people.yml" in message


def test_two_events_with_the_same_id(tmp_path):
    message = fails(tmp_path, {"a": transcript(GOOD_BODY), "b": transcript(GOOD_BODY)})
    assert "b.md:2:" in message and "already used by" in message and "a.md" in message


@pytest.mark.parametrize("body", ["", "\n\n   \n"])
def test_empty_body(tmp_path, body):
    message = fails(tmp_path, {"e": transcript(body)})
    assert "e.md:21:" in message and "the body is empty" in message  # 21: the closing '---'


def test_no_front_matter(tmp_path):
    message = fails(tmp_path, {"e": "Just a transcript pasted without any front matter.\n"})
    assert "e.md:1:" in message and "front matter" in message


def test_the_check_command_gives_the_same_message(tmp_path, capsys):
    make_project(tmp_path, {"e": transcript(GOOD_BODY).replace("venue: A Hall", "venu: A Hall")})
    assert ontherecord(["--data", str(tmp_path / "docs/_data"), "check"]) == 1
    assert "e.md:5: unknown key 'venu'" in capsys.readouterr().err


def test_a_sound_tiny_site_builds(tmp_path):
    """The baseline the cases above break: the same source, unbroken, builds."""
    build_site(make_project(tmp_path, {"e": transcript(GOOD_BODY)}))


def test_the_build_fails_with_the_engines_message(tmp_path):
    source = transcript(GOOD_BODY).replace("venue: A Hall", "venu: A Hall")
    with pytest.raises(BuildFailed) as failure:
        build_site(make_project(tmp_path, {"e": source}))
    assert "e.md:5:" in str(failure.value) and "unknown key 'venu'" in str(failure.value)
