"""The source checker's one rule, as golden cases: tests/cases/check/<case>.md and its expected error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ontherecord.archive import load_people
from ontherecord.errors import SourceError
from ontherecord.model import role_words
from ontherecord.source import read_source

from sites import ROOT

CASES = Path(__file__).parent / "cases" / "check"
EXPECTED = yaml.safe_load((CASES / "cases.yml").read_text(encoding="utf-8"))
ROLES = role_words(load_people(ROOT / "docs" / "_data" / "people.yml"))


def test_every_case_file_has_an_expectation():
    assert sorted(EXPECTED) == sorted(p.name for p in CASES.glob("*.md"))


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check(case):
    want = EXPECTED[case]
    if want == "ok":
        assert read_source(CASES / case, ROLES).turns
        return
    with pytest.raises(SourceError) as error:
        read_source(CASES / case, ROLES)
    message = str(error.value)
    assert message.startswith(f"{CASES / case}:{want['line']}: "), message
    assert want["says"] in message and "What to do:" in message, message


@pytest.mark.failing_build
def test_the_check_command_names_file_and_line_of_a_near_miss_label(tmp_path, capsys):
    """`ontherecord check` over a data folder fails on the same rule, naming the file and line."""
    from ontherecord.cli import main as ontherecord

    from sites import make_project

    project = make_project(tmp_path, {})
    data = project / "docs" / "_data"
    (data / "people.yml").write_text((ROOT / "docs" / "_data" / "people.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    (data / "events" / "e.md").write_text((CASES / "typo-inline.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert ontherecord(["--data", str(data), "check"]) == 1
    err = capsys.readouterr().err
    assert "e.md:25: 'Moderater: Next question.' looks like the speaker label 'Moderator'" in err
