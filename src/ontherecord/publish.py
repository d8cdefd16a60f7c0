"""Writing what the generator does not write: standalone passage pages, notices, and their sitemap entries."""

from __future__ import annotations

import gzip
from pathlib import Path

from . import feeds
from .settings import SiteInfo
from .site import SiteBuild


def write_after_build(build: SiteBuild, site_dir: Path, site: SiteInfo) -> int:
    """Write the standalone pages and the notices into the built site, and add the pages to its sitemap.

    Returns the number of standalone pages.
    """
    for path, page in build.notice_pages(site):
        _write(site_dir / path, page)
    count = 0
    for path, page in build.standalone(site):
        _write(site_dir / path, page)
        count += 1
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        text = feeds.extend_sitemap(sitemap.read_text(encoding="utf-8"), build.sitemap_locations(site))
        sitemap.write_text(text, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))
    return count


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
