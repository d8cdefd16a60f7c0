"""Running Pagefind over the search records, beside the rest of the build.

Its work happens in the build's own work folder (`<project>/.cache/ontherecord/`), never in a system-wide
temporary folder, and nothing of it outlives the build: the temporary folder is removed and Pagefind is
ended when the build finishes, fails, is interrupted (Ctrl-C) or is terminated; Pagefind also dies with
the process that started it. Pagefind's filter and metadata files differ from run to run for the same
input (Pagefind issue #638), so the index made from identical records is kept and reused: identical
sources give a byte-identical site.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import weakref
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

_ARGS = ("--force-language", "en", "--quiet")
_ENV = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "1500", "RAYON_NUM_THREADS": "1",
        "_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
"""Word positions per index file (Pagefind's default: 20,000). A query downloads the files that hold its
words; in smaller files, fewer of their neighbours come along: at 1,000 events, 301 KB rather than 365 KB
for three frequent words. Pagefind 1.5 reads this variable; a Pagefind that did not would only make
larger files. And one thread: Pagefind runs while the generator renders and the page writers write, and
on one thread it slows them less (a `mkdocs serve` rebuild at 1,000 events on two cores: 17.7 s with two
threads, 16.3 s with one). Alone, it indexes 1,000 events in 9 s on one thread. And its allocator (jemalloc,
which reads `_RJEM_MALLOC_CONF`) hands freed memory back at once: Pagefind copies every page's words before
it builds the index, and frees them as it goes; at 1,000 events its peak falls from 1,110 to 930 MiB, in the
same time, for the same index. A Pagefind built without jemalloc would ignore the variable."""
_KEEP = 3
"""Indexes kept in the cache: the current one and a couple to go back to."""
_RUNNING: weakref.WeakSet[IndexJob] = weakref.WeakSet()


class IndexingError(Exception):
    """Pagefind failed: a fault of the tool or the machine, not of a source."""


@dataclass(frozen=True)
class IndexStats:
    passages: int
    records: int
    files: int
    bytes: int
    reused: bool

    def __str__(self) -> str:
        how = "reused from the cache" if self.reused else "made"
        return (f"search index {how}: {self.passages} passages in {self.records} event records, {self.files} files,"
                f" {self.bytes / 1024:.0f} KiB")


class IndexJob:
    """One Pagefind run (or a cached result) for one build."""

    def __init__(self, records: tuple[dict[str, str], int], work_dir: Path) -> None:
        """`records`: what `search.search_records` returns."""
        records, self.passages = records
        self.records = len(records)
        work_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale(work_dir)
        self._cached = work_dir / "pagefind" / _key(records)
        self._tmp: Path | None = None
        self._process: subprocess.Popen | None = None
        if self._cached.is_dir():
            return
        self._tmp = Path(tempfile.mkdtemp(prefix=f"tmp-{os.getpid()}-", dir=work_dir))
        for path, html in records.items():
            target = self._tmp / "records" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        _clean_up_on_exit()
        _RUNNING.add(self)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(self._tmp / "records"),
             "--output-path", str(self._tmp / "pagefind"), *_ARGS],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=_die_with_parent,
            env={**os.environ, **_ENV})

    def finish(self, site_dir: Path) -> IndexStats:
        """Wait for Pagefind and put its index into `site_dir`/pagefind/. Raises IndexingError."""
        reused = self._process is None
        try:
            if not reused:
                output, _ = self._process.communicate()
                if self._process.returncode != 0:
                    raise IndexingError(f"Pagefind could not index the site: {output}\n  What to do: check that the"
                                        " 'pagefind[bin]' package is installed (pip install -e .)")
                self._cached.parent.mkdir(parents=True, exist_ok=True)
                if not self._cached.exists():
                    (self._tmp / "pagefind").replace(self._cached)
                _prune(self._cached.parent)
            target = site_dir / "pagefind"
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(self._cached, target)
            files = [f for f in target.rglob("*") if f.is_file()]
            return IndexStats(self.passages, self.records, len(files), sum(f.stat().st_size for f in files), reused)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """End Pagefind if it still runs, and remove the temporary folder. Safe to call more than once."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        _RUNNING.discard(self)


def _key(records: dict[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{metadata.version('pagefind')} {' '.join(_ARGS)} {_ENV}".encode())
    for path in sorted(records):
        digest.update(b"\0" + path.encode() + b"\0" + records[path].encode())
    return digest.hexdigest()[:24]


def _prune(cache: Path) -> None:
    entries = sorted(cache.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale(work_dir: Path) -> None:
    """Temporary folders left by a build that was killed outright (its process is gone)."""
    for folder in work_dir.glob("tmp-*-*"):
        pid = int(folder.name.split("-")[1]) if folder.name.split("-")[1].isdigit() else 0
        if pid != os.getpid() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: Pagefind gets SIGTERM if the build's process dies, however it dies."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _cancel_all() -> None:
    for job in list(_RUNNING):
        job.cancel()


@atexit.register
def _at_exit() -> None:
    _cancel_all()


def _clean_up_on_exit() -> None:
    """A terminated build (SIGTERM) exits through Python, so that `atexit` ends Pagefind and removes its folder."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
