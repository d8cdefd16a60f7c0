"""The engine's work by stage, for one project: where a build's time goes (no generator involved).

    .venv/bin/python benchmarks/stages.py benchmarks/work/archive-1000
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from ontherecord import quotecheck
from ontherecord.archive import load_archive
from ontherecord.search import search_records
from ontherecord.settings import SiteInfo
from ontherecord.site import build_site


def stages(project: Path) -> dict[str, float]:
    data = project / "docs" / "_data"
    times: dict[str, float] = {}

    def timed(name, work):
        start = time.perf_counter()
        result = work()
        times[name] = round(time.perf_counter() - start, 2)
        return result

    timed("parse, anchor and tag (load_archive)", lambda: load_archive(data))
    build = timed("whole engine set-up (build_site: archive, themes, timeline, home, data, quote index)",
                  lambda: build_site(data, "https://example.org/", "Bench"))
    pages = build.pages
    for label, prefix in (("event pages", "events/2"), ("theme pages", "themes/"), ("timeline pages", "timeline"),
                          ("person pages", "people/")):
        timed(f"render {label}", lambda p=prefix: [lazy.render() for src, lazy in pages.items() if src.startswith(p)])
    site = SiteInfo("Bench", "https://example.org/", ("a.css",), ("a.js",), dt.date(2026, 1, 1))
    timed("render standalone pages", lambda: sum(1 for e in build.archive.events for _ in build.standalone_of(e, site)))
    timed("search records", lambda: search_records(build.archive))
    timed("quote-check data", lambda: quotecheck.data_files(build.archive))
    return times


if __name__ == "__main__":
    print(json.dumps(stages(Path(sys.argv[1])), indent=1))
