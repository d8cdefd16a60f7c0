"""The benchmarks' synthetic corpus is a valid archive: it builds strictly, with the real configuration. And
the processor profile by stage counts each stage once, and reaches every stage of a real build; a timed
`mkdocs serve` session ends as an editor ends it. And the Performance page shows what `results.json` holds."""

from __future__ import annotations

import json
import signal
import sys

import pytest

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


def test_the_stopwatch_counts_a_stage_inside_another_once(monkeypatch):
    from stages import Stopwatch

    clock = iter([0.0, 1.0, 3.0, 6.0, 10.0])  # made, outer starts, inner starts, inner ends, outer ends
    monkeypatch.setattr("stages.time.process_time", lambda: next(clock))
    watch = Stopwatch()  # reads 0.0
    inner = watch.timing("inner", lambda: None)
    with watch.stage("outer"):  # 1.0
        inner()  # 3.0 to 6.0
    assert watch.seconds == {"outer": 2.0 + 4.0, "inner": 3.0}  # 10.0 at the end


def test_the_processor_profile_reaches_every_stage(tmp_path):
    from stages import ORDER, processor_stages

    write_corpus(tmp_path / "archive", 3)
    seconds = processor_stages(tmp_path / "archive")
    assert list(seconds) == list(ORDER)
    # each wrapped function was reached: a stage renamed or moved in the engine shows here as nothing
    assert all(s > 0 for s in seconds.values()), seconds


@pytest.fixture
def served(tmp_path, monkeypatch):
    """The benchmark's module, a three-event archive, and the folder where `mkdocs serve` makes its site."""
    import run

    write_corpus(tmp_path / "archive", 3)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(run, "ENV", {**run.ENV, "TMPDIR": str(temporary)})
    return run, tmp_path / "archive", temporary


def test_a_timed_serve_session_stops_as_an_editor_stops_it_and_leaves_no_site_behind(served):
    run, archive, temporary = served
    port = run.free_port()
    started, rebuilds = run.serve_session(archive, port, edits=1)
    assert started > 0 and len(rebuilds) == 1
    assert list(temporary.iterdir()) == []  # stopped with SIGTERM, MkDocs would leave its site there
    again, none = run.serve_session(archive, port, edits=0)
    assert again > 0 and none == [] and list(temporary.iterdir()) == []


def test_a_timed_serve_session_stops_even_when_the_benchmark_runs_in_the_background(served):
    # A shell starts a background job (`python benchmarks/run.py &`) with Ctrl-C ignored, and its children
    # inherit that: each session was killed after two minutes, keeping nothing and leaving its site behind.
    run, archive, temporary = served
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        started, _ = run.serve_session(archive, run.free_port(), edits=0)
    finally:
        signal.signal(signal.SIGINT, before)
    assert started > 0 and list(temporary.iterdir()) == []
    assert (archive / ".cache" / "ontherecord" / "parked" / "a").is_dir()  # kept for the next session


def test_the_growth_of_time_is_told_apart_in_the_program_and_in_the_kernel():
    import run

    def result(events, seconds, program, kernel):
        return {"events": events, "build_s": seconds, "plain_build_s": 1.0, "serve_rebuild_s": 1.0,
                "plain_serve_rebuild_s": 1.0, "site_bytes": 1, "files": 1, "peak_mib": 1, "event_page_bytes": 1,
                "query_bytes": 1, "frequent_query_bytes": 1, "largest_page_bytes": 1,
                "build_cpu_s": program + kernel, "build_system_s": kernel,
                "plain_build_cpu_s": 3.0, "plain_build_system_s": 1.0}
    results = [result(1000, 50.0, 80.0, 20.0), result(2000, 110.0, 164.0, 60.0)]
    growth = next(line for line in run.targets(results).splitlines() if line.startswith("- Linear growth of time"))
    assert growth == ("- Linear growth of time: 2,000 events at most 2.1× 1,000: 2.20×; processor time in the"
                      " program 2.05×, in the kernel 3.00× (missed).")
    assert "| 2000 | 164.0 | 60.0 | 2.0 | 1.0 |" in run.table(results)


def test_the_performance_page_shows_one_run_of_every_size_as_results_json_holds_it():
    import run

    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    assert [r["events"] for r in results] == [10, 100, 1000, 2000]
    assert len({r.get("build_system_s") is None for r in results}) == 1  # no size left over from an older run
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert run.table(results) in page and run.targets(results) in page
