"""Writing what the generator does not write: standalone passage pages, notices, cards, and the sitemaps' dates.

The standalone pages are most of the site's files (tens of thousands at 1,000 events). A generator empties
its site folder before each build; `set_aside` moves them out of its way first (one rename), and the next
`write_after_build` takes them back, writing again only the pages of events that changed. What it keeps is
checked against the record it wrote (`_record`): page keys, and each file's size. `mkdocs serve` builds in a
temporary folder and deletes it when it stops: `park` keeps its pages for the next session (`unpark`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
from collections.abc import Iterable
from pathlib import Path

import orjson

from . import cores, feeds, lastmod, urls
from .cache import digest_of, engine_version, folder_digest
from .render.cards import cards
from .render.passage import palette_script
from .settings import SiteInfo
from .site import SiteBuild

PARKED, PARKED_RECORD = "parked", "record.json"
"""In the work folder: the standalone pages of the last `mkdocs serve` session, and their record."""


def write_after_build(job: StandaloneJob, digests: dict[str, str]) -> str:
    """Wait for the standalone pages (`job`, started with the generator's build), write the notices and
    the cards into the built site; date every page in the sitemaps by when its content last changed.
    `digests` are the generator's pages' (site path -> digest); the build's digests are kept in the work
    folder for `ontherecord lock`. Returns a line for the log: how many pages, and of how many events they
    were written anew.
    """
    build, site_dir, site, work = job.build, job.site_dir, job.site, job.work
    build.rendered.prune(build.rendered.used)  # the generator has asked for every page by now
    written, record = job.finish()
    notices = []
    for path, page in build.notice_pages(site):
        _write(site_dir / path, page)
        notices.append(path)
    _forget_gone_sites(work)
    _record(site_dir, work).write_bytes(orjson.dumps({"site": str(site_dir.resolve()), "notices": notices,
                                                      "events": record}))
    digests = {**digests, **written}
    lastmod.save_digests(work, digests, site.url)
    days = {site.url + path: day for path, day in
            lastmod.dates(digests, lastmod.read_ledger(build.data_dir / lastmod.LEDGER), dt.date.today()).items()}
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
    return f"{len(written)} (those of {job.anew} of {len(build.archive.events)} events written anew)"


def _record(site_dir: Path, work: Path) -> Path:
    """In the build's work folder, one for each site folder (`mkdocs serve` builds in a folder of its own):
    what the standalone pages in the site folder were made from, and their notices."""
    return work / f"kept-{digest_of(str(site_dir.resolve()))[:16]}.json"


def _forget_gone_sites(work: Path) -> None:
    """Remove the records of site folders that are gone (`mkdocs serve` removes its own when it stops)."""
    for old in work.glob("kept-*.json"):
        try:
            if not Path(orjson.loads(old.read_bytes())["site"]).exists():
                old.unlink()
        except (OSError, ValueError, KeyError):
            old.unlink(missing_ok=True)


def set_aside(site_dir: Path, work: Path) -> None:
    """Before the generator empties `site_dir`: move its standalone pages beside it, if the last build
    recorded them (an unknown folder is left to be emptied)."""
    aside, passages, record = _aside(site_dir), site_dir / urls.PASSAGES, _record(site_dir, work)
    if aside.exists():
        shutil.rmtree(aside)  # left by a build that failed: nothing is known of it
    if record.exists() and passages.is_dir():
        try:
            passages.rename(aside)  # the same file system: one rename, however many pages
            return
        except OSError:
            pass
    record.unlink(missing_ok=True)


def park(site_dir: Path, work: Path) -> int:
    """When `mkdocs serve` stops, before it deletes its site folder: move the standalone pages and their record
    into the work folder, for the next session's first build (`unpark`). Returns the number of events whose
    pages were kept: none when the two folders are on different file systems (copying them would cost about
    what writing them again does). Leaves nothing beside the site folder, which MkDocs alone would."""
    record, parked, aside = _record(site_dir, work), work / PARKED, _aside(site_dir)
    # still set aside if the last build failed before taking them back (`_take_back`)
    passages = site_dir / urls.PASSAGES if (site_dir / urls.PASSAGES).is_dir() else aside
    shutil.rmtree(parked, ignore_errors=True)
    kept = 0
    if record.exists() and passages.is_dir():  # else the last build failed later: nothing is known of them
        parked.mkdir(parents=True)
        try:
            passages.rename(parked / urls.PASSAGES)
            record.rename(parked / PARKED_RECORD)
            kept = len(orjson.loads((parked / PARKED_RECORD).read_bytes())["events"])
        except OSError:
            shutil.rmtree(parked, ignore_errors=True)
    shutil.rmtree(aside, ignore_errors=True)
    return kept


def unpark(site_dir: Path, work: Path) -> None:
    """At a `mkdocs serve` session's first build, after `set_aside`: the pages the last session parked, set
    aside for this session's folder, to be taken back and checked as any build's are (`StandaloneJob`)."""
    parked, aside, record = work / PARKED, _aside(site_dir), _record(site_dir, work)
    if (parked / PARKED_RECORD).exists() and not aside.exists() and not record.exists():
        try:
            (parked / urls.PASSAGES).rename(aside)
            (parked / PARKED_RECORD).rename(record)
        except OSError:
            shutil.rmtree(aside, ignore_errors=True)
            record.unlink(missing_ok=True)
    shutil.rmtree(parked, ignore_errors=True)


def _aside(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}-passages-aside"


def _take_back(site_dir: Path, work: Path) -> dict:
    """Put the pages `set_aside` moved back in the site, less last build's notices; returns what each
    event's pages were made from ({} when nothing was set aside)."""
    aside, record = _aside(site_dir), _record(site_dir, work)
    if not aside.exists() or not record.exists():
        return {}
    try:
        kept = orjson.loads(record.read_bytes())
        record.unlink()  # until this build has written its own
    except (OSError, ValueError):  # a record cut short: nothing set aside can be trusted
        shutil.rmtree(aside)
        record.unlink(missing_ok=True)
        return {}
    for path in kept["notices"]:
        (aside / path.removeprefix(urls.PASSAGES)).unlink(missing_ok=True)
    shutil.rmtree(site_dir / urls.PASSAGES, ignore_errors=True)
    aside.rename(site_dir / urls.PASSAGES)
    return kept["events"]


class StandaloneJob:
    """Every standalone page, written by processes forked from this one (while the generator builds its
    own pages, when started early enough), or by this one alone on one core. An event's pages already in
    the site (taken back from `set_aside`) stay when neither it nor the site's settings changed: creating
    tens of thousands of files and folders is most of the cost."""

    def __init__(self, build: SiteBuild, site_dir: Path, site: SiteInfo, work: Path) -> None:
        self.build, self.site_dir, self.site, self.work = build, site_dir, site, work
        self.anew = 0  # events whose pages were written, not kept (known once finished)
        kept = _take_back(site_dir, work)
        overrides = site.templates and site.templates / "ontherecord"
        settings = digest_of(engine_version(), repr(site), folder_digest(overrides))
        self._parts = cores.Started(lambda i: _write_events(build, site_dir, site, settings, kept, (i,)),
                                    range(len(build.archive.events)), least=20)

    def finish(self) -> tuple[dict[str, str], dict]:
        """Wait for the pages; returns their digests, and what each event's pages were made from."""
        parts = self._parts.results()
        record = {event: made for _, part, _ in parts for event, made in part.items()}
        self.anew = sum(anew for _, _, anew in parts)
        current = {e.id for e in self.build.archive.events}
        for folder in (self.site_dir / urls.PASSAGES).glob("*/"):
            if folder.name not in current:  # an event no longer in the archive (its notices are written next)
                shutil.rmtree(folder)
        return {path: d for digests, _, _ in parts for path, d in digests.items()}, record

    def cancel(self) -> None:
        self._parts.cancel()


def _write_events(build: SiteBuild, site_dir: Path, site: SiteInfo, settings: str, kept: dict,
                  events: Iterable[int]) -> tuple[dict[str, str], dict, int]:
    """Write the standalone pages of the events at `events`; returns their digests, what they were made from,
    and the number of events whose pages were written (not kept)."""
    digests, record, anew = {}, {}, 0
    for i in events:
        event = build.archive.events[i]
        key = digest_of(settings, event.fingerprint) if event.fingerprint else ""
        made = kept.get(event.id)
        if key and made and made["key"] == key and _intact(site_dir, made["sizes"]):
            digests.update(made["digests"])
            record[event.id] = made
            continue
        shutil.rmtree(site_dir / urls.passages_of(event.id), ignore_errors=True)
        anew += 1
        made = {"key": key, "digests": {}, "sizes": {}}
        for path, page in build.standalone_of(event, site):
            _write(site_dir / path, page)
            made["digests"][path.removesuffix("index.html")] = lastmod.digest(page)
            made["sizes"][path] = len(page.encode())
        digests.update(made["digests"])
        if key:
            record[event.id] = made
    return digests, record, anew


def _intact(site_dir: Path, sizes: dict[str, int]) -> bool:
    """Every page kept is in the site, at the size it was written: none lost or changed since."""
    try:
        return all((site_dir / path).stat().st_size == size for path, size in sizes.items())
    except OSError:
        return False


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
