"""Writing what the generator does not write: standalone passage pages, notices, cards, and the sitemaps' dates."""

from __future__ import annotations

import gzip
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import feeds, lastmod, urls
from .cache import PageCache, digest_of, engine_version, folder_digest
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
    written = _standalone(build, site_dir, site, work)
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


def _standalone(build: SiteBuild, site_dir: Path, site: SiteInfo, work: Path) -> dict[str, str]:
    """Write every standalone page; returns their digests. An event's pages are taken from the page cache
    when neither it nor the site's settings changed. The events are shared among the machine's cores
    (processes forked from this one, each with the whole build in its memory); one core does it alone."""
    global _JOB
    store = PageCache(work / "pages")
    settings = digest_of(engine_version(), repr(site), folder_digest(site.templates and site.templates / "ontherecord"))
    count = len(build.archive.events)
    workers = min(os.cpu_count() or 1, 8, max(count // 20, 1))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        parts = [_write_events(build, site_dir, site, store, settings, range(count))]
    else:
        _JOB = (build, site_dir, site, store, settings)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                parts = list(pool.map(_work, [range(i, count, workers) for i in range(workers)]))
        finally:
            _JOB = None
    store.prune({key for _, used in parts for key in used})
    return {path: d for digests, _ in parts for path, d in digests.items()}


def _work(events: range) -> tuple[dict[str, str], set[str]]:
    return _write_events(*_JOB, events)


def _write_events(build: SiteBuild, site_dir: Path, site: SiteInfo, store: PageCache, settings: str,
                  events: range) -> tuple[dict[str, str], set[str]]:
    """Write the standalone pages of the events at `events`; returns their digests and the cache keys used."""
    digests, used = {}, set()
    for i in events:
        event = build.archive.events[i]
        key = digest_of(settings, event.fingerprint) if event.fingerprint else None
        entry = store.get(key) if key else None
        if entry is None:
            pages = dict(build.standalone_of(event, site))
            # the build's own date (a citation's "accessed") is no change of content
            entry = {"pages": pages, "digests": {path.removesuffix("index.html"): lastmod.digest(
                page.replace(long_date(site.built), "").replace(site.built.isoformat(), ""))
                for path, page in pages.items()}}
            if key:
                store.put(key, entry)
        if key:
            used.add(key)
        for path, page in entry["pages"].items():
            _write(site_dir / path, page)
        digests.update(entry["digests"])
    return digests, used


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
