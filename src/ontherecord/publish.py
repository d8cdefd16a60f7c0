"""Writing what the generator does not write: standalone passage pages, notices, cards, and the sitemaps' dates."""

from __future__ import annotations

import gzip
from pathlib import Path

from . import feeds, lastmod, urls
from .render.cards import cards
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
    digests = dict(digests)
    count = 0
    for path, page in build.standalone(site):
        _write(site_dir / path, page)
        # the build's own date (a citation's "accessed") is no change of content
        digests[path.removesuffix("index.html")] = lastmod.digest(
            page.replace(long_date(site.built), "").replace(site.built.isoformat(), ""))
        count += 1
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
    for kind, png in cards(site.name).items():
        (site_dir / urls.card(kind)).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / urls.card(kind)).write_bytes(png)
    return count


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
