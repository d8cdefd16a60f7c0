"""Transcript layouts seen on real pages: each raw file beside its hand-written expected event.

tests/cases/import/<case>.txt is the text as a user would paste it; <case>.yml says, written by
hand from reading the raw file (never from the importer's output), which publishing convention it
follows and where it was seen, the command-line answers given (if any), and either every turn
(label and words) with the person each label names, or the lines the importer must ask about.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ontherecord.archive import load_people
from ontherecord.attribution import Decisions
from ontherecord.importing import import_text
from ontherecord.source import parse_source

from seeds import words
from sites import ROOT

CASES = Path(__file__).parent / "cases" / "import"
DATA = ROOT / "docs" / "_data"
ALL = sorted(p.stem for p in CASES.glob("*.yml"))


def expected(case: str) -> dict:
    return yaml.safe_load((CASES / f"{case}.yml").read_text(encoding="utf-8"))


def run(case: str):
    want = expected(case)
    args = want.get("args", {})
    labels = dict(item.partition("=")[::2] for item in args.get("label", []))
    decisions = Decisions(labels=frozenset(labels), speech=frozenset(args.get("not_label", [])),
                          people={k: v for k, v in labels.items() if v})
    raw = CASES / f"{case}.txt"
    return import_text(raw.read_text(encoding="utf-8"), raw, load_people(DATA / "people.yml"),
                       DATA / "furniture.yml", date=args.get("date"), title=args.get("title"),
                       decisions=decisions, opening_speaker=args.get("opening"))


def test_the_corpus_is_large_and_varied():
    conventions = {expected(c)["convention"] for c in ALL}
    assert len(ALL) >= 35 and len(conventions) >= 10, (len(ALL), sorted(conventions))
    for case in ALL:
        assert expected(case).get("seen"), f"{case}: say where this layout was seen"


@pytest.mark.parametrize("case", ALL)
def test_layout(case):
    want = expected(case)
    result = run(case)
    if "questions" in want:  # the importer must stop and ask about exactly these lines
        assert sorted(q.line for q in result.report.questions) == sorted(want["questions"]), \
            "\n".join(map(str, result.report.questions))
        return
    assert result.report.questions == [], "\n".join(map(str, result.report.questions))
    parsed = parse_source(result.source, Path(f"{case}.md"))  # the written file passes the checker
    people = {s["label"]: s["person"] for s in result.meta["speakers"]}
    assert people == want["speakers"]
    got = [(t.label, words(" ".join(p.text for p in t.paragraphs))) for t in parsed.turns]
    assert got == [(label, words(text)) for label, text in want["turns"]]
    body = result.source.split("\n---\n", 1)[1]
    for furniture in want.get("not_in_body", []):
        assert furniture not in body
    if "opening" in want:
        assert result.meta.get("opening_speaker") == want["opening"]
