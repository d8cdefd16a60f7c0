"""MkDocs adapter: a page whose content and wrapping did not change since the last build is not wrapped again.

Runs after `ontherecord_site.py` (listed after it in mkdocs.yml), which has put each page's content in place
by `on_page_context`. The keeping is the engine's (`ontherecord.finished`); this module names what Material's
wrapping is made of, and has Material render an empty layout for a kept page.
"""

from __future__ import annotations

import logging
from importlib import metadata
from pathlib import Path

from mkdocs import __version__ as mkdocs_version

from ontherecord.cache import engine_version, folder_digest
from ontherecord.finished import FinishedPages

log = logging.getLogger("mkdocs.plugins.ontherecord")
_finished: FinishedPages | None = None


def on_pre_build(config):
    global _finished
    _finished = None  # made at the first page, when the navigation is known


def on_page_context(context, page, config, nav):
    global _finished
    _finished = _finished or FinishedPages(Path(config.config_file_path).parent / ".cache" / "ontherecord" / "finished",
                                           *_wrapping(config, nav))
    if _finished.find(page.url, repr(page.meta), str(page.toc), page.title or "", page.content or ""):
        page.meta["otr_finished"] = True  # overrides/main.html then extends an empty layout, not Material's
    return context


def on_post_page(output, page, config):
    return _finished.finish(page.url, output) if _finished else output


def on_post_build(config):
    if _finished:
        _finished.prune()
        log.info(str(_finished))


def _wrapping(config, nav) -> list:
    """What Material's wrapping of every page is made of: more than it reads, so that no kept page is stale.
    Material's own templates by its version: digesting its 14,000 files would take 0.4 s a build."""
    hooks = sorted(Path(config.config_file_path).parent.glob("hooks/*.py"))
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    return [Path(config.config_file_path).read_bytes(), *(h.read_bytes() for h in hooks), engine_version(),
            mkdocs_version, metadata.version("mkdocs-material"), folder_digest(custom), str(nav),
            config.site_url or "", repr(config.extra)]
