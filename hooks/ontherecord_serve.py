"""MkDocs adapter: a `mkdocs serve` session keeps its standalone pages for the next.

`mkdocs serve` builds in a temporary folder and deletes it when it stops, so each session would write tens
of thousands of standalone pages again. When it stops, their folder is moved into the work folder; the next
session's first build takes it back (`ontherecord.publish.park`, `unpark`). Runs after
`ontherecord_site.py` (listed after it in mkdocs.yml), which has set the last build's pages aside by then.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ontherecord.publish import park, unpark

log = logging.getLogger("mkdocs.plugins.ontherecord")
_serving = False
_session: tuple[Path, Path] | None = None  # the session's site folder and work folder


def on_startup(command, dirty):
    global _serving, _session
    _serving, _session = command == "serve", None


def on_pre_build(config):
    global _session
    if _serving and _session is None:  # the session's first build: the pages the last one kept
        _session = (Path(config.site_dir), Path(config.config_file_path).parent / ".cache" / "ontherecord")
        unpark(*_session)


def on_shutdown():  # MkDocs deletes the site folder next
    if _session:
        kept = park(*_session)
        log.info(f"standalone pages of {kept} events kept for the next `mkdocs serve`" if kept else
                 "standalone pages not kept for the next `mkdocs serve`: the last build failed, or the temporary"
                 " folder is on another file system than the project")
