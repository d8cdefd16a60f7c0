"""MkDocs adapter: adds the archive's pages and data files to each build.

All the work is in the `ontherecord` engine; this module only hands MkDocs what `build_site()` returns. The
engine's errors become PluginErrors: a bad source fails the build with its message (file, line, what to do).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from ontherecord.collector import let_go_later
from ontherecord.errors import SourceError
from ontherecord.indexer import IndexingError, IndexJob
from ontherecord.lastmod import digest
from ontherecord.publish import StandaloneJob, set_aside, write_after_build
from ontherecord.settings import SiteInfo, palette
from ontherecord.site import SiteBuild, build_site

log = logging.getLogger("mkdocs.plugins.ontherecord")


@dataclass
class _State:
    """Everything one build holds; made anew in on_files (hooks are not reloaded under `mkdocs serve`)."""

    build: SiteBuild
    index: IndexJob
    standalone: StandaloneJob
    digests: dict[str, str] = field(default_factory=dict)  # site path -> content digest, for lastmod


_state: _State | None = None


def on_pre_build(config):  # before MkDocs empties the site folder: keep the standalone pages that still hold
    global _state
    let_go_later([_state.build] if _state else [])  # a build that failed: let go before the next is made
    _state = None
    set_aside(Path(config.site_dir), _work(config))


def on_files(files, config):
    global _state
    try:
        build = build_site(Path(config.docs_dir) / "_data", site_url=config.site_url or "",
                           site_name=config.site_name, templates=_custom_dir(config),
                           description=config.site_description or "", cache_dir=_work(config), index_dir=_work(config))
    except SourceError as exc:
        raise PluginError(str(exc)) from None
    styles = sorted(f.dest_uri for f in files if re.fullmatch(r"assets/stylesheets/[^/]+\.min\.css", f.dest_uri))
    info = SiteInfo(name=config.site_name, url=config.site_url or "/", stylesheets=(*styles, *config.extra_css),
                    scripts=("assets/ontherecord.js",), templates=_custom_dir(config),
                    palette=palette(config.theme.get("palette")))
    _state = _State(build, build.indexing, StandaloneJob(build, Path(config.site_dir), info, _work(config)))
    for line in build.report():
        log.info(line)
    for path, text in [*((src_uri, "") for src_uri in build.pages), *build.data.items()]:  # pages, then data
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown, page, config, files):
    lazy = _state.build.pages.get(page.file.src_uri)
    if lazy is None:
        return markdown
    # Material prints these unescaped: escape here, they are plain text in the engine.
    page.meta["title"], page.meta["description"] = html.escape(lazy.title), html.escape(lazy.description)
    page.meta["feed"], page.meta["card"] = lazy.feed, lazy.card
    return ""


def on_page_context(context, page, config, nav):  # rendered as it is written: not all held till the end
    lazy = _state.build.pages.get(page.file.src_uri)
    if page.is_homepage:
        page.meta["otr_head"], page.content = _state.build.home_head, page.content + _state.build.home
    elif lazy is not None:
        rendered = lazy.render()
        page.meta["otr_head"], page.content = rendered.head, rendered.html
        page.toc = get_toc([entry.as_dict() for entry in rendered.toc])
    _state.digests[page.url] = digest(page.content)
    return context


def on_post_page(output, page, config):
    page.content = None  # written: MkDocs would keep every page's HTML till the end (no plugin here reads it later)
    return output


def on_post_build(config):
    global _state
    log.info(f"standalone passage pages: {write_after_build(_state.standalone, _state.digests)}")
    try:
        log.info(str(_state.index.finish(Path(config.site_dir))))
    except IndexingError as exc:
        raise PluginError(str(exc)) from None
    let_go_later([_state.build])  # `mkdocs serve` frees it while it waits for the next edit
    _state = None


def _custom_dir(config) -> Path | None:
    return Path(config.theme.custom_dir) if config.theme.custom_dir else None


def _work(config) -> Path:
    return Path(config.config_file_path).parent / ".cache" / "ontherecord"


def on_build_error(error):
    for job in (_state.index, _state.standalone) if _state else ():
        job.cancel()
