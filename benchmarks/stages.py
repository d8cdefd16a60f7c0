"""The engine's work by stage, for one project: where a build's time goes (no generator involved).

    .venv/bin/python benchmarks/stages.py benchmarks/work/archive-1000

Each stage is timed twice: with no cache (a cold build), and with the caches a previous build left
(a rebuild after an edit, where all but one event are unchanged). Sources and each event's data are
made on all cores, rendering on one; the standalone pages are written as a build writes them (forked
workers, into a site folder).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

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
        site = SiteInfo("Bench", "https://example.org/", ("a.css",), ("a.js",), dt.date(2026, 1, 1))
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
                  lambda b=build: write_after_build(StandaloneJob(b, site_dir, site, work), {}))
    return times


if __name__ == "__main__":
    print(json.dumps(stages(Path(sys.argv[1])), indent=1))
