"""Writing what the generator does not write: standalone passage pages, notices, cards, and the sitemaps' dates."""

from __future__ import annotations

import gzip
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import feeds, lastmod, urls
from .render.cards import cards
from .render.passage import palette_script
from .settings import SiteInfo
from .site import SiteBuild
from .vocabulary import long_date


def write_after_build(build: SiteBuild, site_dir: Path, site: SiteInfo, digests: dict[str, str],
                      work: Path) -> int:
    """Write the standalone pages, the notices and the cards into the built site; date every page in the
    sitemaps by when its content last changed. `digests` are the generator's pages' (site path -> digest);
    the build's digests are kept in `work` for `ontherecord lock`. Returns the number of standalone pages.
    """
    for path, page in build.notice_pages(site):
        _write(site_dir / path, page)
    written = _standalone(build, site_dir, site)
    digests = {**digests, **written}
    lastmod.save_digests(work, digests)
    days = {site.url + path: day for path, day in
            lastmod.dates(digests, lastmod.read_ledger(build.data_dir / lastmod.LEDGER), site.built).items()}
    # A sitemap of their own, named in robots.txt: Material reads sitemap.xml to know which links its
    # instant navigation may load as its own pages, and these pages are not.
    passages = build.sitemap_locations(site)
    _write(site_dir / urls.SITEMAP_PASSAGES, feeds.sitemap([(loc, days[loc]) for loc in passages]))
    sitemap = site_dir / urls.SITEMAP
    if sitemap.exists():
        sitemap.write_text(feeds.restamp(sitemap.read_text(encoding="utf-8"), days), encoding="utf-8")
        (site_dir / (urls.SITEMAP + ".gz")).write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))
    _write(site_dir / urls.PALETTE_SCRIPT, palette_script(site.palette))
    for kind, png in cards(site.name).items():
        (site_dir / urls.card(kind)).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / urls.card(kind)).write_bytes(png)
    return len(written)


_JOB: tuple | None = None
"""What the worker processes render: set before they are forked, so nothing is pickled but results."""


def _standalone(build: SiteBuild, site_dir: Path, site: SiteInfo) -> dict[str, str]:
    """Write every standalone page; returns their digests. The events are shared among the machine's cores
    (processes forked from this one, each with the whole build in its memory); one core does it alone."""
    global _JOB
    workers = min(os.cpu_count() or 1, 8, max(len(build.archive.events) // 20, 1))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _write_events(build, site_dir, site, range(len(build.archive.events)))
    _JOB = (build, site_dir, site)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = pool.map(_work, [range(i, len(build.archive.events), workers) for i in range(workers)])
            return {path: d for part in parts for path, d in part.items()}
    finally:
        _JOB = None


def _work(events: range) -> dict[str, str]:
    return _write_events(*_JOB, events)


def _write_events(build: SiteBuild, site_dir: Path, site: SiteInfo, events: range) -> dict[str, str]:
    digests = {}
    for path, page in build.standalone(site, events):
        _write(site_dir / path, page)
        # the build's own date (a citation's "accessed") is no change of content
        digests[path.removesuffix("index.html")] = lastmod.digest(
            page.replace(long_date(site.built), "").replace(site.built.isoformat(), ""))
    return digests


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
