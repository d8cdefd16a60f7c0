"""The benchmarks' synthetic corpus is a valid archive: it builds strictly, with the real configuration."""

from __future__ import annotations

import sys

from sites import ROOT, build_site

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import write_corpus, write_plain  # noqa: E402


def test_a_small_synthetic_corpus_builds(tmp_path):
    write_corpus(tmp_path / "archive", 3)
    built = build_site(tmp_path / "archive")
    events = sorted(p.name for p in (built.site / "events").iterdir() if p.is_dir())
    assert len(events) == 3
    page = built.page(f"events/{events[0]}")
    assert len(page.select("section.otr-turn")) == 1 + 19 * 2  # opening remarks, then 19 questions and answers
    write_plain(tmp_path / "plain", tmp_path / "archive")
    assert len(list((tmp_path / "plain" / "docs" / "events").glob("*.md"))) == 3
