"""Builds that clean up after themselves and repeat: no process or temporary folder outlives an interrupted
build, and the same sources give the same bytes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ontherecord.errors import SourceError
from ontherecord.site import build_site as engine_build

from browsing import ctrl_c_honoured
from sites import ROOT, build_site

SCRIPT = """
import sys, time
from pathlib import Path
from ontherecord.archive import load_archive
from ontherecord.indexer import IndexJob
from ontherecord.search import search_records
job = IndexJob(search_records(load_archive(Path(sys.argv[1]))), Path(sys.argv[2]))
print(job._process.pid, flush=True)
for _ in range(600):  # short sleeps: a signal is acted on within a tenth of a second, however it is delivered
    time.sleep(0.1)
"""


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has ended; only its exit status is left


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["interrupted", "terminated"])
def test_a_build_stopped_while_indexing_leaves_no_process_and_no_folder(tmp_path, how):
    work = tmp_path / "work"
    runner = subprocess.Popen([sys.executable, "-c", SCRIPT, str(ROOT / "docs" / "_data"), str(work)],
                              stdout=subprocess.PIPE, text=True, preexec_fn=ctrl_c_honoured)
    pagefind = int(runner.stdout.readline())
    assert list(work.glob("tmp-*")), "the job works in the build's own folder"
    runner.send_signal(how)
    try:
        runner.wait(timeout=20)
    except subprocess.TimeoutExpired:  # seen twice in full runs, never alone: say what the process was doing
        status = Path(f"/proc/{runner.pid}/status").read_text().splitlines()
        runner.kill()
        pytest.fail(f"the build did not stop: {[x for x in status if x.startswith(('State', 'Sig', 'ShdPnd'))]}")
    deadline = time.monotonic() + 10
    while alive(pagefind) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pagefind)
    assert list(work.glob("tmp-*")) == []


def test_a_build_that_fails_after_pagefind_started_leaves_no_process_and_no_folder(tmp_path):
    data, work = tmp_path / "_data", tmp_path / "work"
    shutil.copytree(ROOT / "docs" / "_data", data)
    with (data / "published.txt").open("a", encoding="utf-8") as record:
        record.write("a/2026-01-26-afet-sede-exchange/t999/\n")  # fails the build after the search records
    with pytest.raises(SourceError, match="would no longer answer"):
        engine_build(data, "https://example.org/", index_dir=work)
    children = [p for p in Path("/proc").glob("[0-9]*") if _parent(p) == os.getpid()]
    assert [p.name for p in children if alive(int(p.name)) and "pagefind" in _command(p)] == []
    assert list(work.glob("tmp-*")) == [], "Pagefind's folder is removed"


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, IndexError, ValueError):
        return 0


def _command(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_text()
    except FileNotFoundError:
        return ""


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks", "docs", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    first = build_site(project).site
    shutil.move(first, tmp_path / "first")
    second = build_site(project).site
    files = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "first") for p in (tmp_path / "first").rglob("*") if p.is_file())
    assert len(files) > 100
    differ = [f for f in files if (second / f).read_bytes() != (tmp_path / "first" / f).read_bytes()]
    assert differ == []
    assert not list((project / ".cache" / "ontherecord").glob("tmp-*"))


SERVE = """
import gc, sys, weakref
from pathlib import Path
from ontherecord.site import build_site
data = Path(sys.argv[1])
first = build_site(data)
gone = [weakref.ref(first), weakref.ref(first.archive), weakref.ref(first.archive.events[0])]
del first
second = build_site(data)
print([ref() is None for ref in gone], gc.isenabled())
gc.disable()
released = weakref.ref(second)
second.release()
del second
print(released() is None)
"""


def test_a_build_let_go_before_the_next_is_freed_not_frozen_for_good():
    # As `mkdocs serve` rebuilds: a build's objects are frozen out of the cycle collector's sight
    # (collector.kept_out), so what the last build left behind must be freed before the next is frozen.
    run = subprocess.run([sys.executable, "-c", SERVE, str(ROOT / "docs" / "_data")], capture_output=True,
                         text=True, check=True)
    assert run.stdout.split("\n")[:2] == ["[True, True, True] True", "True"]  # released: freed at once


LATER = """
import gc, sys, time, weakref
from pathlib import Path
from ontherecord.collector import let_go_later
from ontherecord.site import build_site
data = Path(sys.argv[1])
build = build_site(data)
gone = [weakref.ref(build.archive), weakref.ref(build.archive.events[0])]
let_go_later([build], after=0.2)
del build
time.sleep(2)  # as `mkdocs serve` waits for an edit
print([ref() is None for ref in gone], gc.get_freeze_count())
build = build_site(data)
gone = [weakref.ref(build.archive)]
let_go_later([build], after=600)  # an edit before the time: the next build does it first
del build
build_site(data)
print([ref() is None for ref in gone])
"""


def test_a_build_let_go_later_is_freed_while_serve_waits_or_else_before_the_next():
    run = subprocess.run([sys.executable, "-c", LATER, str(ROOT / "docs" / "_data")], capture_output=True,
                         text=True, check=True, timeout=120)
    assert run.stdout.split("\n")[:2] == ["[True, True] 0", "[True]"]
