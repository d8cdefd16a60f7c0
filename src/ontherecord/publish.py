"""Writing what the generator does not write: standalone passage pages, notices, and their sitemap entries."""

from __future__ import annotations

from pathlib import Path

from . import feeds, urls
from .render.cards import cards
from .settings import SiteInfo
from .site import SiteBuild


def write_after_build(build: SiteBuild, site_dir: Path, site: SiteInfo) -> int:
    """Write the standalone pages and the notices into the built site, and their sitemap.

    Returns the number of standalone pages.
    """
    for path, page in build.notice_pages(site):
        _write(site_dir / path, page)
    count = 0
    for path, page in build.standalone(site):
        _write(site_dir / path, page)
        count += 1
    # A sitemap of their own, named in robots.txt: Material reads sitemap.xml to know which links its
    # instant navigation may load as its own pages, and these pages are not.
    _write(site_dir / urls.SITEMAP_PASSAGES, feeds.sitemap(build.sitemap_locations(site)))
    for kind, png in cards(site.name).items():
        (site_dir / urls.card(kind)).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / urls.card(kind)).write_bytes(png)
    return count


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
