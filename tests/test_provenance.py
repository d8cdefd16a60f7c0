"""The sources as published live in the repository, beside their events, and the record keeps to them."""

from __future__ import annotations

import re

import pytest
import yaml

from ontherecord.errors import SourceError
from ontherecord.source import parse_source, read_source

from seeds import SEEDS, words
from sites import ROOT

EVENTS = ROOT / "docs" / "_data" / "events"
NOTE = re.compile(r"\{>>.*?<<\}")


def test_the_raw_folder_holds_exactly_the_documents_of_its_manifest():
    manifest = yaml.safe_load((SEEDS / "manifest.yml").read_text(encoding="utf-8"))
    assert sorted(entry["file"] for entry in manifest) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(manifest) == 5


def test_every_event_names_the_raw_text_of_each_of_its_sources():
    linked = set()
    for path in sorted(EVENTS.glob("*.md")):
        parsed = read_source(path)
        for source in parsed.meta["sources"]:
            assert "raw" in source, f"{path.name}: {source['publisher']} has no raw text"
            assert (EVENTS / source["raw"]).is_file()
            linked.add(source["raw"].removeprefix("raw/"))
    assert linked == {p.name for p in SEEDS.glob("*.txt")}


def test_the_dates_of_the_manifest_are_the_dates_of_the_events():
    manifest = {e["file"]: e for e in yaml.safe_load((SEEDS / "manifest.yml").read_text(encoding="utf-8"))}
    for path in sorted(EVENTS.glob("*.md")):
        parsed = read_source(path)
        for source in parsed.meta["sources"]:
            assert str(manifest[source["raw"].removeprefix("raw/")]["date"]) == parsed.meta["date"]


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.md")), ids=lambda p: p.stem)
def test_every_word_of_an_event_is_in_its_first_raw_text_in_order(path):
    parsed = read_source(path)
    raw = words((EVENTS / parsed.meta["sources"][0]["raw"]).read_text(encoding="utf-8"))
    paragraphs = parsed.paragraphs or [p for t in parsed.turns for p in t.paragraphs]
    body = [w for p in paragraphs for w in words(NOTE.sub("", p.text))]
    at = 0
    for i, word in enumerate(body):  # a subsequence: in order, gaps only where labels and furniture stood
        try:
            at = raw.index(word, at) + 1
        except ValueError:
            pytest.fail(f"{path.name}: word {i} '{word}' ({' '.join(body[max(0, i - 5):i + 3])}) is not in the raw"
                        " text after the words before it")
    assert len(body) > 100


def test_a_raw_text_that_is_not_there_fails_naming_the_line(tmp_path):
    source = (EVENTS / "2026-01-13-renew-europe-forum.md").read_text(encoding="utf-8")
    line = source.split("\n").index("    raw: raw/002_733874207dc7091d.txt") + 1
    with pytest.raises(SourceError) as error:
        parse_source(source, tmp_path / "e.md")
    assert f"e.md:{line}:" in str(error.value) and "raw/002_733874207dc7091d.txt" in str(error.value)
