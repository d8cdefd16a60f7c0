"""The search index: one Pagefind record per passage, written into the built site.

Records come from the model, not from crawling the site's pages, so each passage
is indexed exactly once (theme and standalone pages repeat passages) and no
navigation chrome is indexed. Pagefind's own CLI indexes them in one run: the
engine writes one small HTML file per passage into a temporary folder, and each
record carries the passage's in-context link (`link` meta) for the search UI.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import urls
from .errors import SourceError
from .model import Archive, Theme
from .passages import Passage, passages
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


def write_index(archive: Archive, site_dir: Path) -> IndexStats:
    """Index every passage into `site_dir`/pagefind/ with Pagefind's CLI. Nothing is fetched."""
    found = passages(archive)
    out = site_dir / "pagefind"
    with tempfile.TemporaryDirectory(prefix="ontherecord-search-") as tmp:
        for p in found:
            path = Path(tmp) / p.event.id / p.anchor / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_html(p, archive.themes), encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(out),
                              "--force-language", "en", "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        raise SourceError(site_dir, None, f"Pagefind could not index the site: {run.stdout}{run.stderr}",
                          "check that the 'pagefind[bin]' package is installed (pip install -e .)")
    files = [f for f in out.rglob("*") if f.is_file()]
    return IndexStats(len(found), len(files), sum(f.stat().st_size for f in files))
