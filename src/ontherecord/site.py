"""Everything a site generator needs from the engine, for one build.

`build_site()` reads the sources and returns the pages to add (keyed by their
source path, as a generator would name a Markdown file) and the data files to
write. A generator adapter (see `hooks/`) only copies these into its own build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import export, feeds, urls
from .archive import load_archive
from .model import Archive
from .passages import ThemeIndex
from .render.event import event_page
from .render.home import home_sections
from .render.lists import events_index, people_index, person_page
from .render.page import RenderedPage
from .render.passage import SiteInfo, passage_page
from .render.theme import theme_page, themes_index
from .render.timeline import timeline_page, timeline_slice
from .timeline import Timeline, build_timeline, load_moments


@dataclass
class SiteBuild:
    archive: Archive
    index: ThemeIndex
    timeline: Timeline
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    """Source path ('events/<id>.md') -> page."""
    data: dict[str, str] = field(default_factory=dict)
    """Output path ('data/turns.json') -> content."""
    home: str = ""
    """HTML to put below the home page's own text."""

    def standalone(self, site: SiteInfo) -> dict[str, str]:
        """Output path ('a/<event>/<anchor>/index.html') -> page, for every turn and quotation."""
        return {urls.passage(e.id, t.anchor) + "index.html": passage_page(e, t, self.archive.themes, site)
                for e in self.archive.events for t in e.turns}

    def sitemap(self, sitemap: str, site_url: str) -> str:
        return feeds.extend_sitemap(sitemap, [site_url + urls.passage(e.id, t.anchor)
                                              for e in self.archive.events for t in e.turns])

    def report(self) -> list[str]:
        """Lines for the build log: what an editor should know about this build."""
        lines = []
        for e in self.archive.events:
            if e.new_anchors:
                lines.append(f"{e.path.name}: {len(e.new_anchors)} anchors not yet in the published record"
                             " (run `ontherecord lock` before publishing)")
        lines += self.timeline.report()
        provisional = [p.id for p in self.archive.people.values() if p.provisional]
        if provisional:
            lines.append(f"provisional people awaiting confirmation: {', '.join(provisional)}")
        return lines


def build_site(data_dir: Path, site_url: str = "") -> SiteBuild:
    archive = load_archive(data_dir)
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    base = urlsplit(site_url).path or "/"
    index = ThemeIndex(archive)
    timeline = build_timeline(archive, load_moments(data_dir / "moments.yml", archive.themes))
    build = SiteBuild(archive, index, timeline, home=home_sections(archive, index, site_url))
    pages = build.pages
    pages["events/index.md"] = events_index(archive, urls.root_of(urls.EVENTS))
    for event in archive.events:
        pages[f"events/{event.id}.md"] = event_page(event, urls.root_of(urls.event(event.id)), archive.themes, index,
                                                    site_url)
    pages["themes/index.md"] = themes_index(archive, index, urls.root_of(urls.THEMES))
    for theme in archive.themes.values():
        root = urls.root_of(urls.theme(theme.slug))
        pages[f"themes/{theme.slug}.md"] = theme_page(
            theme, index, root, timeline_slice(timeline, archive, index, theme.slug, root))
    pages["timeline/index.md"] = timeline_page(timeline, archive, index, urls.root_of(urls.TIMELINE))
    pages["people/index.md"] = people_index(archive, urls.root_of(urls.PEOPLE))
    for person in archive.people.values():
        pages[f"people/{person.id}.md"] = person_page(archive, person, urls.root_of(urls.person(person.id)))
    build.data[urls.DATA_EVENTS] = export.events_json(archive, base)
    build.data[urls.DATA_TURNS] = export.turns_json(archive, base)
    build.data[urls.DATA_THEMES] = export.themes_json(archive, index, base)
    build.data[urls.DATA_TIMELINE] = export.timeline_json(timeline, base)
    build.data[urls.FEED_EVENTS] = feeds.events_feed(archive, site_url)
    for theme in archive.themes.values():
        build.data[urls.theme_feed(theme.slug)] = feeds.theme_feed(theme, index, site_url)
    return build
