"""Where a build's time goes, by stage, for one project.

    .venv/bin/python benchmarks/stages.py benchmarks/work/archive-1000

Two profiles. `stages`: the engine's stages (no generator involved), each one's seconds on the clock,
timed twice: with no cache (a cold build), and with the caches a previous build left (a rebuild after an
edit, where all but one event are unchanged). Sources and each event's data are made on all cores,
rendering on one; the standalone pages are written as a build writes them (forked workers, into a site
folder).

`processor_stages`: a whole cold `mkdocs build`'s processor seconds by finer stage (parse, anchor, tag,
cross-link, render, standalone pages, search index, writing, MkDocs and Material), in one process on one
core, so that each stage's work is counted wherever it happens; Pagefind's is its own process's.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from corpus import copy_parts

from ontherecord import anchors, archive, cache, finished, indexer, lastmod, passages, publish, site
from ontherecord.archive import load_archive
from ontherecord.publish import StandaloneJob, set_aside, write_after_build
from ontherecord.settings import SiteInfo
from ontherecord.site import build_site


def stages(project: Path, scratch: Path | None = None) -> dict[str, list[float]]:
    """Stage -> [seconds with no cache, seconds with a warm cache]. Made in `scratch`, left there (see
    `corpus.discard`); in a temporary folder removed at the end if None."""
    data = project / "docs" / "_data"
    times: dict[str, list[float]] = {}

    def timed(name, work):
        start = time.perf_counter()
        result = work()
        times.setdefault(name, []).append(round(time.perf_counter() - start, 2))
        return result

    with (contextlib.nullcontext(scratch) if scratch else tempfile.TemporaryDirectory(dir=project)) as scratch:
        work, site_dir = Path(scratch) / "cache", Path(scratch) / "site"
        info = SiteInfo("Bench", "https://example.org/", ("a.css",), ("a.js",))
        for _ in ("cold", "cached"):
            timed("read, anchor and tag the sources (load_archive, on all cores)",
                  lambda: load_archive(data, work / "events"))
            build = timed("the rest of the set-up (build_site, its sources now in the cache: per-event data"
                          " on all cores, timeline, home, feeds)",
                          lambda: build_site(data, "https://example.org/", "Bench", cache_dir=work))
            for label, prefix in (("event pages", "events/2"), ("theme pages", "themes/"),
                                  ("person pages", "people/"), ("timeline pages", "timeline")):
                timed(f"render {label}", lambda p=prefix, b=build: [lazy.render() for src, lazy in b.pages.items()
                                                                    if src.startswith(p)])
            set_aside(site_dir, work)  # as before a build: the last build's standalone pages are kept
            timed("write the standalone pages, notices and sitemaps (forked workers)",
                  lambda b=build: write_after_build(StandaloneJob(b, site_dir, info, work), {}))
    return times


class Stopwatch:
    """Processor seconds by stage, each counted once: what a stage does inside another is its own, not both."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._open: list[str] = []
        self._mark = time.process_time()

    def _charge(self) -> None:
        now = time.process_time()
        if self._open:
            self.seconds[self._open[-1]] = self.seconds.get(self._open[-1], 0.0) + now - self._mark
        self._mark = now

    @contextlib.contextmanager
    def stage(self, name: str):
        self._charge()
        self._open.append(name)
        try:
            yield
        finally:
            self._charge()
            self._open.pop()

    def timing(self, name: str, work):
        """`work`, its calls counted to `name`."""
        @functools.wraps(work)
        def timed(*args, **kwargs):
            with self.stage(name):
                return work(*args, **kwargs)
        return timed


PARSE = "parse: read the sources (front matter, speaker labels, turns)"
ANCHOR = "anchor: match paragraphs to their published anchors"
TAG = "tag: each paragraph's themes"
MODEL = "the rest of building the events"
DATA = "each event's data: data files, quote-check data, search records, timeline mentions"
LINKS = "cross-link: passages by theme, 'elsewhere' links on event pages"
SETUP = "the rest of the set-up: timeline, home page, feeds, data files, addresses"
RECORDS = "search index: records handed to Pagefind, its index copied into the site"
PAGEFIND = "search index: Pagefind (its own process)"
EVENTS = "render event pages"
THEMES = "render theme pages"
OTHERS = "render person pages, lists, timeline, quote check"
PASSAGE = "standalone pages: render"
WRITING = "writing the standalone pages' files"
AFTER = "content digests (sitemap dates), sitemaps, preview cards"
CACHES = "caches: what this build made, kept for the next"
GENERATOR = "MkDocs and Material: files, navigation, each page wrapped in the theme and written; the hooks"
ORDER = (PARSE, ANCHOR, TAG, MODEL, DATA, LINKS, SETUP, RECORDS, PAGEFIND, EVENTS, THEMES, OTHERS, PASSAGE, WRITING,
         AFTER, CACHES, GENERATOR)


def _timed_calls() -> list[tuple[object, str, str]]:
    """(owner, name, stage): the engine's functions whose calls are counted to a stage. Where one runs inside
    another (reading a source inside loading the archive), it is counted to its own."""
    return [(site, "load_archive", MODEL), (archive, "read_source", PARSE), (anchors, "assign", ANCHOR),
            (archive, "tag_paragraphs", TAG), (site, "_of_events", DATA), (passages.ThemeIndex, "__init__", LINKS),
            (passages.ThemeIndex, "elsewhere", LINKS), (site, "_build_site", SETUP),
            (site, "search_records", RECORDS), (indexer.IndexJob, "__init__", RECORDS),
            (indexer.IndexJob, "finish", RECORDS),
            *((site, name, EVENTS) for name in ("event_inputs", "event_page")),
            *((site, name, THEMES) for name in ("theme_inputs", "theme_page", "timeline_slice", "themes_index")),
            *((site, name, OTHERS) for name in ("person_inputs", "person_page", "timeline_page", "events_index",
                                                "people_index", "check_page", "home_sections")),
            (site, "passage_page", PASSAGE), (publish, "_write", WRITING), (publish.StandaloneJob, "__init__", AFTER),
            (publish, "write_after_build", AFTER), (lastmod, "digest", AFTER),
            *((owner, name, CACHES) for owner in (cache.EventCache, cache.PageCache) for name in ("get", "put")),
            *((finished.FinishedPages, name, CACHES) for name in ("find", "finish"))]


def processor_stages(project: Path, scratch: Path | None = None) -> dict[str, float]:
    """Stage -> processor seconds of a cold `mkdocs build --strict` of a copy of `project`, made in this
    process on one core (the engine's forked processes off) so that each stage's work is counted where it
    happens; in `scratch` (see `stages`). Pagefind's is its own process's."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    watch = Stopwatch()
    with contextlib.ExitStack() as stack:
        scratch = Path(scratch or stack.enter_context(tempfile.TemporaryDirectory(dir=project)))
        copy = scratch / "project"
        copy_parts(project, copy, ("mkdocs.yml", "hooks", "docs", "overrides"))
        stack.enter_context(mock.patch("os.cpu_count", return_value=1))
        stack.enter_context(mock.patch.dict(os.environ, {"NO_MKDOCS_2_WARNING": "1"}))
        for owner, name, stage in _timed_calls():  # before the hooks are loaded: they import some by name
            stack.enter_context(mock.patch.object(owner, name, watch.timing(stage, getattr(owner, name))))
        log = logging.getLogger("mkdocs")
        stack.callback(log.setLevel, log.level)
        log.setLevel(logging.ERROR)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with watch.stage(GENERATOR):
            config = load_config(str(copy / "mkdocs.yml"), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = {**watch.seconds, PAGEFIND: after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}
    return {stage: seconds.get(stage, 0.0) for stage in ORDER}


if __name__ == "__main__":
    print(json.dumps(stages(Path(sys.argv[1])), indent=1))
    print(json.dumps(processor_stages(Path(sys.argv[1])), indent=1))
