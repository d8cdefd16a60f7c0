"""A persistent cache of built events and of the pages made from each: an edit rebuilds what it changes.

An event is kept under a key made of its source's bytes, the data every event is built with (people,
themes) and the engine's own version (a digest of its code, schemas and templates); the record of
published anchors it was built against is checked on use. Any change to any of these is a miss, so a
cached build is the same, byte for byte, as a cold one (tests/test_cache.py). Entries no build asked for
are removed at the end of each build. Rendered pages and each event's data are kept under what they are
made from (`PageCache`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import time
from functools import cache
from pathlib import Path

from .model import Event

_PARTS = ("*.py", "*.json", "*.html", "*.js")


@cache
def engine_version() -> str:
    """A digest of every file of the engine: any change to its code or templates empties the cache."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for pattern in _PARTS for p in root.rglob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class EventCache:
    """Built events on disk, one file each, in `folder`; with `folder` None, a cache that keeps nothing."""

    def __init__(self, folder: Path | None, *inputs: bytes) -> None:
        self.folder = folder
        base = hashlib.sha256(engine_version().encode())
        for data in inputs:
            base.update(hashlib.sha256(data).digest())
        self.base = base
        self.used: set[str] = set()

    def key(self, source: bytes) -> str:
        digest = self.base.copy()
        digest.update(source)
        return digest.hexdigest()

    def get(self, key: str) -> tuple[Event, str] | None:
        """(the event, the digest of the anchor record it was built against), or None."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pickle"
        try:
            with path.open("rb") as f:
                found = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing, or written by another engine: build anew
        self.used.add(key)
        return found

    def put(self, key: str, event: Event, record: str) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{key}.{os.getpid()}.tmp"  # processes may write at once
        with temporary.open("wb") as f:
            pickle.dump((event, record), f, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.folder / f"{key}.pickle")  # whole or not at all, even if interrupted
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use: the cache holds one archive, not its history."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


def record_digest(record) -> str:
    return hashlib.sha256(pickle.dumps(record, protocol=4)).hexdigest()


def digest_of(*parts: str | bytes) -> str:
    """One digest of several texts (or bytes), each kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part if isinstance(part, bytes) else part.encode()).digest())
    return digest.hexdigest()


def folder_digest(folder: Path | None) -> str:
    """A digest of every file under `folder` (a theme's template overrides); '' when there is none."""
    if folder is None or not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageCache:
    """What is made from the sources (a rendered page, an event's data files and search record) kept on
    disk under a key of everything it was made from, one file a key, in `folder`; with `folder` None, a
    cache that keeps nothing. Entries are written whole or not at all."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str):
        if self.folder is None:
            return None
        try:
            found = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing, or written by another engine: make it anew
        self.used.add(key)
        return found

    def put(self, key: str, page) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{key}.{os.getpid()}.tmp"
        temporary.write_bytes(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.folder / f"{key}.pickle")
        self.used.add(key)

    def prune(self, used: set[str], others: int | None = None) -> None:
        """Remove the entries not in `used` (and any temporary file an interrupted build left), and the
        folders beside this one (other site settings) that no build has written to for a week, or that are
        not among the `others` written to last."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".tmp" or path.stem not in used:
                path.unlink(missing_ok=True)
        beside = sorted((f for f in self.folder.parent.iterdir() if f != self.folder and f.is_dir()),
                        key=lambda f: f.stat().st_mtime, reverse=True)
        for n, other in enumerate(beside):
            if time.time() - other.stat().st_mtime > STALE_AFTER or (others is not None and n >= others):
                shutil.rmtree(other, ignore_errors=True)


STALE_AFTER = 7 * 24 * 3600
"""Seconds after which the rendered pages of other site settings are removed."""
