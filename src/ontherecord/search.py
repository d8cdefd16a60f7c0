"""The search index: one Pagefind record per event, each passage a sub-result, written into the site.

Records come from the model, not from crawling the site's pages, so each passage
is indexed exactly once (theme and standalone pages repeat passages) and no
navigation chrome is indexed. Each passage stands under a heading with its anchor,
so Pagefind's sub-results land on it. One record per event keeps Pagefind's memory
and the metadata every query loads small at a thousand events (one record per
passage cost 4 GB and 626 KB a query there). Filters are set per event; the
`passages` meta (anchor -> speaker, role, kind, themes) lets the search UI keep the
speaker, kind and theme filters exact for each passage. Pagefind's own CLI indexes
the records in one run, while the generator renders pages.
"""

from __future__ import annotations

import json
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
from .model import Archive, Event, Theme
from .passages import Passage, passages_of
from .render.html import KIND_LABELS, long_date


@dataclass(frozen=True)
class IndexStats:
    passages: int
    records: int
    files: int
    bytes: int

    def __str__(self) -> str:
        return (f"search index: {self.passages} passages in {self.records} event records, {self.files} files,"
                f" {self.bytes / 1024:.0f} KiB")


def record_html(event: Event, found: list[Passage], themes: dict[str, Theme]) -> str:
    """The page Pagefind indexes for one event (`found`, its passages): each under a heading with its anchor."""
    who = {}
    for p in found:
        role = p.turn.speaker.role + (f", as reported by {event.sources[0].publisher}"
                                      if p.turn.kind == "quotation" else "")
        who[p.anchor] = [p.turn.speaker.person.name, role, KIND_LABELS[p.turn.kind],
                         [themes[t].title for t in p.paragraph.themes]]
    meta = {"title": event.title, "date": long_date(event.date), "passages": json.dumps(who, ensure_ascii=False)}
    filters = {"theme": sorted({t for w in who.values() for t in w[3]}),
               "speaker": sorted({w[0] for w in who.values()}), "event": [f"{event.date.isoformat()} · {event.title}"],
               "kind": sorted({w[2] for w in who.values()}), "year": [str(event.date.year)]}
    spans = "".join(f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta.items())
    spans += "".join(f'<span data-pagefind-filter="{k}">{escape(v)}</span>' for k, vs in filters.items() for v in vs)
    body = "".join(f'<h2 id="{p.anchor}">{escape(who[p.anchor][0])}</h2><p>{escape(p.paragraph.text)}</p>'
                   for p in found)
    return (f'<!doctype html><html lang="en"><head><title>{escape(event.title)}</title></head>'
            f'<body data-pagefind-sort="date:{event.date.isoformat()}">{spans}'
            f"<main data-pagefind-body>{body}</main></body></html>")


class IndexJob:
    """Pagefind indexing, running beside the rest of the build: its input is the model, not the site."""

    def __init__(self, archive: Archive) -> None:
        self.passages = 0
        # Thousands of tiny files: in memory where the system offers it.
        shm = Path("/dev/shm")
        fast = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        self._tmp = tempfile.TemporaryDirectory(prefix="ontherecord-search-", dir=fast)
        root = Path(self._tmp.name)
        self._out = root / "pagefind"
        self.records = len(archive.events)
        for event in archive.events:
            # The record's path is the event page's path: Pagefind's result and sub-result URLs are the site's.
            folder = root / "records" / urls.event(event.id)
            folder.mkdir(parents=True)
            found = passages_of(event)
            (folder / "index.html").write_text(record_html(event, found, archive.themes), encoding="utf-8")
            self.passages += len(found)
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
            return IndexStats(self.passages, self.records, len(files), sum(f.stat().st_size for f in files))
        finally:
            self._tmp.cleanup()

    def cancel(self) -> None:
        self._process.kill()
        self._process.wait()
        self._tmp.cleanup()
