"""The search index: one Pagefind record per passage, written into the built site.

Records come from the model, not from crawling the site's pages, so each passage
is indexed exactly once (theme and standalone pages repeat passages) and no
navigation chrome is indexed. Pagefind's own CLI indexes them in one run, while
the generator renders pages: the engine writes one small HTML file per passage
into a temporary folder, and each record carries the passage's in-context link
(`link` meta) for the search UI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import urls
from .errors import SourceError
from .model import Archive, Theme
from .passages import Passage, passages_of
from .render.html import KIND_LABELS, long_date

FILTERS = ("theme", "speaker", "event", "kind", "year")


@dataclass(frozen=True)
class IndexStats:
    records: int
    files: int
    bytes: int

    def __str__(self) -> str:
        return f"search index: {self.records} passages, {self.files} files, {self.bytes / 1024:.0f} KiB"


def record_html(p: Passage, themes: dict[str, Theme]) -> str:
    """The page Pagefind indexes for one passage: its words, its metadata, its filters."""
    kind = KIND_LABELS[p.turn.kind]
    speaker = p.turn.speaker.person.name
    who = f"{speaker}, {p.turn.speaker.role}"
    if p.turn.kind == "quotation":
        who += f", as reported by {p.event.sources[0].publisher}"
    meta = {"title": p.event.title, "date": long_date(p.event.date), "speaker": who, "kind": kind,
            "link": f"{urls.event(p.event.id)}#{p.anchor}"}
    filters = [("theme", themes[t].title) for t in p.paragraph.themes] + [
        ("speaker", speaker), ("event", f"{p.event.date.isoformat()} · {p.event.title}"), ("kind", kind),
        ("year", str(p.event.date.year))]
    spans = "".join(f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta.items())
    spans += "".join(f'<span data-pagefind-filter="{k}">{escape(v)}</span>' for k, v in filters)
    return (f'<!doctype html><html lang="en"><head><title>{escape(p.event.title)}</title></head>'
            f'<body data-pagefind-sort="date:{p.event.date.isoformat()}">{spans}'
            f"<main data-pagefind-body><p>{escape(p.paragraph.text)}</p></main></body></html>")


class IndexJob:
    """Pagefind indexing, running beside the rest of the build: its input is the model, not the site."""

    def __init__(self, archive: Archive) -> None:
        self.records = 0
        # Thousands of tiny files: in memory where the system offers it.
        shm = Path("/dev/shm")
        fast = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        self._tmp = tempfile.TemporaryDirectory(prefix="ontherecord-search-", dir=fast)
        root = Path(self._tmp.name)
        self._out = root / "pagefind"
        for event in archive.events:
            folder = root / "records" / event.id
            folder.mkdir(parents=True)
            for p in passages_of(event):
                (folder / f"{p.anchor}.html").write_text(record_html(p, archive.themes), encoding="utf-8")
                self.records += 1
        self._process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(root / "records"), "--output-path", str(self._out),
             "--force-language", "en", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self, site_dir: Path) -> IndexStats:
        """Wait for Pagefind and put its index into `site_dir`/pagefind/."""
        output, _ = self._process.communicate()
        try:
            if self._process.returncode != 0:
                raise SourceError(site_dir, None, f"Pagefind could not index the site: {output}",
                                  "check that the 'pagefind[bin]' package is installed (pip install -e .)")
            target = site_dir / "pagefind"
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(self._out), str(target))
            files = [f for f in target.rglob("*") if f.is_file()]
            return IndexStats(self.records, len(files), sum(f.stat().st_size for f in files))
        finally:
            self._tmp.cleanup()

    def cancel(self) -> None:
        self._process.kill()
        self._process.wait()
        self._tmp.cleanup()
