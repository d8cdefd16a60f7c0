"""Everything a site generator needs from the engine, for one build.

`build_site()` reads the sources and returns the pages to add (keyed by their
source path, as a generator would name a Markdown file) and the data files to
write. A generator adapter (see `hooks/`) only copies these into its own build.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import collector, cores, export, feeds, quotecheck, urls
from .addresses import read_published
from .archive import load_archive, read_bytes
from .cache import PageCache, digest_of, engine_version, folder_digest
from .errors import SourceError
from .indexer import IndexJob
from .model import Archive, Event, Retired
from .passages import ThemeIndex, share_anchor, standalone
from .render.check import MATCHER, check_page
from .render.event import event_page
from .render.event import inputs as event_inputs
from .render.home import home_sections
from .render.lists import events_index, events_page_count, people_index, person_inputs, person_page, person_page_count
from .render.notice import moved_page, retired_page
from .render.page import LazyPage, RenderedPage
from .render.passage import passage_page
from .render.templates import environment
from .render.theme import inputs as theme_inputs
from .render.theme import theme_page, theme_page_count, themes_index
from .render.timeline import timeline_page, timeline_page_count, timeline_slice
from .search import record_of, search_records
from .settings import SiteInfo
from .timeline import Moment, Timeline, build_timeline, load_moments, mentions_of, moment_prefilter


@dataclass(frozen=True)
class Notice:
    """What an address that moved or was withdrawn shows."""

    target: str = ""
    """For a move: the site path it leads to ('#anchor' allowed)."""
    what: str = ""
    """For a move: 'event' or 'passage', in its words."""
    retired: Retired | None = None
    """For a withdrawn event: what it was, and why it is gone."""


@dataclass
class SiteBuild:
    archive: Archive
    index: ThemeIndex
    timeline: Timeline
    pages: dict[str, LazyPage] = field(default_factory=dict)
    """Source path ('events/<id>.md') -> page, rendered when the generator asks."""
    data: dict[str, str | bytes] = field(default_factory=dict)
    """Output path ('data/turns.json') -> content (text, or UTF-8 bytes)."""
    home: str = ""
    """HTML to put below the home page's own text."""
    home_head: str = ""
    """HTML for the home page's <head>."""
    notices: dict[str, Notice] = field(default_factory=dict)
    """Site path of an address that moved or was withdrawn -> what it shows."""
    templates: Path | None = None
    """The theme's custom_dir, whose `ontherecord/` folder overrides the engine's templates."""
    site_url: str = ""
    site_name: str = ""
    data_dir: Path = Path()
    """Where the sources are: the record of published addresses and of when pages changed are read there."""
    rendered: PageCache = field(default_factory=lambda: PageCache(None))
    """Rendered pages kept from one build to the next, under their inputs and `settings`."""
    settings: str = ""
    """A digest of the engine and the site's settings: a kept page made under others is not used."""
    search: tuple[dict[str, str], int] = field(default_factory=lambda: ({}, 0))
    """What Pagefind indexes: records by path, and how many passages they hold (`search.search_records`)."""
    indexing: IndexJob | None = None
    """Pagefind at work on `search`, when `build_site` was given somewhere to run it."""

    def addresses(self) -> set[str]:
        """Every site path this build answers with a page of its own (generator pages, standalone pages, data)."""
        pages = {_url_of(src) for src in self.pages}
        passages = {urls.passage(e.id, anchor) for e in self.archive.events for anchor, _, _ in standalone(e)}
        return pages | passages | set(self.data)

    def check_published(self, published: list[tuple[int, str]], path: Path, addresses: set[str]) -> None:
        """Every address ever published must answer: with its page (`addresses`, this build's own), or with a
        notice of where it went."""
        answering = addresses | set(self.notices)
        for line, address in published:
            if address not in answering:
                raise SourceError(path, line, f"the published address '{address}' would no longer answer",
                                  "if its event was renamed or withdrawn, say so under 'renamed:' or 'retired:' in"
                                  " docs/_data/addresses.yml; if a passage was deleted, map its anchor under"
                                  " 'removed:' in the event source; never delete a published address")

    def standalone_of(self, event: Event, site: SiteInfo) -> Iterator[tuple[str, str]]:
        """(output path 'a/<event>/<anchor>/index.html', page) for every passage of `event` with a page; they
        are made from the event, the themes' names and the site's settings alone (see `publish`)."""
        for anchor, turn, paragraph in standalone(event):
            yield urls.passage(event.id, anchor) + "index.html", passage_page(event, turn, paragraph,
                                                                              self.archive.themes, site)

    def notice_pages(self, site: SiteInfo) -> Iterator[tuple[str, str]]:
        """(output path, page) for every address that moved or was withdrawn."""
        for path, notice in self.notices.items():
            page = (moved_page(path, notice.target, notice.what, site) if notice.retired is None
                    else retired_page(path, notice.retired, site))
            yield path + "index.html", page

    def sitemap_locations(self, site: SiteInfo) -> list[str]:
        """The pages written after the generator's build that belong in its sitemap: the standalone pages."""
        return [site.url + urls.passage(e.id, anchor) for e in self.archive.events for anchor, _, _ in standalone(e)]

    def release(self) -> None:
        """Lets go of the pages, which refer back to the build: once nothing else holds it, it is freed at once,
        not by the collector's pass over everything that the next `build_site` starts with (`collector`)."""
        self.pages.clear()

    def report(self) -> list[str]:
        """Lines for the build log: what an editor should know about this build."""
        lines = [f"{e.path.name}: {len(e.new_anchors)} anchors not yet in the published record"
                 " (run `ontherecord lock` before publishing)" for e in self.archive.events if e.new_anchors]
        lines += self.timeline.report()
        provisional = [p.id for p in self.archive.people.values() if p.provisional]
        if provisional:
            lines.append(f"provisional people awaiting confirmation: {', '.join(provisional)}")
        return lines


def build_site(data_dir: Path, site_url: str = "", site_name: str = "", templates: Path | None = None,
               description: str = "", cache_dir: Path | None = None, index_dir: Path | None = None) -> SiteBuild:
    """The pages, data and checks of one build; `site_url`, `site_name`, `description` and `templates` (the
    theme's custom_dir, whose `ontherecord/` folder overrides the engine's templates) are the site's settings;
    `cache_dir` keeps built events and rendered pages from one build to the next (see `cache`). Given
    `index_dir`, Pagefind starts there as soon as the search records are made (`SiteBuild.indexing`)."""
    with collector.kept_out():  # the build lives on: see `collector`
        return _build_site(data_dir, site_url, site_name, templates, description, cache_dir, index_dir)


def _build_site(data_dir: Path, site_url: str, site_name: str, templates: Path | None, description: str,
                cache_dir: Path | None, index_dir: Path | None) -> SiteBuild:
    environment.cache_clear()  # templates are read anew each build: `mkdocs serve` sees an override added
    archive = load_archive(data_dir, cache_dir and cache_dir / "events")
    published = read_published(data_dir / "published.txt")
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    base = urlsplit(site_url).path or "/"
    index = ThemeIndex(archive)
    moments = load_moments(data_dir / "moments.yml", archive.themes)
    # `mkdocs serve` builds for another address than `mkdocs build`: each keeps its pages in a folder of its own
    settings = digest_of(engine_version(), site_url, site_name, folder_digest(templates and templates / "ontherecord"))
    made = _of_events(archive, base, moments, digest_of(read_bytes(data_dir / "moments.yml")),
                      PageCache(cache_dir and cache_dir / "derived" / settings[:16]))
    search = search_records(archive, [m["record"] for m in made])
    indexing = IndexJob(search, index_dir) if index_dir else None  # Pagefind indexes while the rest is made
    with _ended_on_failure(indexing):
        timeline = build_timeline(archive, moments, [m["timeline"] for m in made])
        home, home_head = home_sections(archive, index, site_url, site_name, quotecheck.SUBJECT, description,
                                        templates=templates)
        build = SiteBuild(archive, index, timeline, home=home, home_head=home_head, templates=templates,
                          site_url=site_url, site_name=site_name, data_dir=data_dir,
                          rendered=PageCache(cache_dir and cache_dir / "rendered" / settings[:16]), settings=settings,
                          search=search, indexing=indexing)
        _add_pages(build, {address for _, address in published})
        _add_data(build, made, base)
        addresses = build.addresses()
        build.notices = _notices(archive, published, addresses)
        build.check_published(published, data_dir / "published.txt", addresses)
        return build


def _add_pages(build: SiteBuild, cited: set[str]) -> None:
    """Every generator page of the archive, to be rendered when asked; `cited`: the addresses ever published."""
    archive, index, templates, pages = build.archive, build.index, build.templates, build.pages
    for number in range(1, events_page_count(archive) + 1):  # the first stays events/index.md, in the nav
        pages["events/index.md" if number == 1 else _numbered(urls.EVENTS, number)] = LazyPage(
            "Events", "Every event in the archive, newest first.",
            lambda n=number: events_index(archive, _root(urls.EVENTS, n), templates, n), card="event")
    for event in archive.events:
        pages[f"events/{event.id}.md"] = LazyPage(event.title, event.description,
                                                  _event(event, build, build.site_url, build.site_name), card="event")
    pages["themes/index.md"] = LazyPage("Themes", "The themes of the archive, each with every passage on it.",
                                        lambda: themes_index(archive, index, urls.root_of(urls.THEMES), templates),
                                        card="theme")
    for theme in archive.themes.values():
        for number in range(1, theme_page_count(theme, index) + 1):
            pages[_numbered(urls.theme(theme.slug), number)] = LazyPage(
                theme.title, theme.description, _theme(theme, number, build), feed=urls.theme_feed(theme.slug),
                card="theme")
    for number in range(1, timeline_page_count(build.timeline, archive) + 1):
        pages[_numbered(urls.TIMELINE, number)] = LazyPage(
            "Timeline", "The events of the archive and the moments they refer to, in date order.",
            _timeline(number, build), card="timeline")
    pages["people/index.md"] = LazyPage("People", "Everyone who speaks in the archive.",
                                        lambda: people_index(archive, urls.root_of(urls.PEOPLE), templates),
                                        card="person")
    for person in archive.people.values():
        if not archive.turns_of(person.id) and urls.person(person.id) not in cited:
            continue  # who has not spoken in the archive gets no page (unless one was published)
        for number in range(1, person_page_count(archive, person) + 1):
            pages[_numbered(urls.person(person.id), number)] = LazyPage(
                person.name, person.description, _person(person, number, build), card="person")
    pages["check.md"] = LazyPage("Check a quotation", "Paste a quotation as printed: see what was said.",
                                 lambda: check_page(archive, quotecheck.SUBJECT, templates))


def _add_data(build: SiteBuild, made: list[dict], base: str) -> None:
    """The data files, feeds and quote-check files; `made`: what `_of_events` made of each event."""
    archive, data = build.archive, build.data
    data[urls.DATA_EVENTS] = export.events_json(archive, base)
    data[urls.DATA_TURNS] = export.turns_json(archive, base, [m["turns"] for m in made])
    data[urls.DATA_THEMES] = export.themes_json(archive, build.index, base)
    data[urls.DATA_TIMELINE] = export.timeline_json(build.timeline, base)
    data[urls.FEED_EVENTS] = feeds.events_feed(archive, build.site_url, build.site_name)
    for theme in archive.themes.values():
        data[urls.theme_feed(theme.slug)] = feeds.theme_feed(theme, build.index, build.site_url, build.site_name)
    data.update(quotecheck.data_files(archive, [m["check"] for m in made]))
    data[MATCHER] = quotecheck.script()
    data[urls.ROBOTS] = _robots(build.site_url)


@contextlib.contextmanager
def _ended_on_failure(indexing: IndexJob | None) -> Iterator[None]:
    """A build that fails after Pagefind started leaves no Pagefind running."""
    try:
        yield
    except BaseException:
        if indexing is not None:
            indexing.cancel()
        raise


def _of_events(archive: Archive, base: str, moments: tuple[Moment, ...], moments_digest: str,
               store: PageCache) -> list[dict]:
    """What the data files, the search index and the timeline hold of each event, made from it alone (and
    the moments): kept in `store` under its fingerprint, made again only for an event that changed."""
    keys = [digest_of(base, moments_digest, e.fingerprint) if e.fingerprint else "" for e in archive.events]
    made = [store.get(key) if key else None for key in keys]
    todo = [i for i, found in enumerate(made) if found is None]
    prefilter = moment_prefilter(moments) if todo else None

    def make(i: int) -> dict:
        event = archive.events[i]
        found = {"turns": export.turns_of(event, base), "check": quotecheck.of_event(event),
                 "record": record_of(event, archive.themes), "timeline": mentions_of(event, moments, prefilter)}
        if keys[i]:
            store.put(keys[i], found)
        return found

    for i, found in zip(todo, cores.each(make, todo), strict=True):  # on all cores
        made[i] = found
    store.prune(set(keys))  # each found, or put by the process that made it
    return made


def _notices(archive: Archive, published: list[tuple[int, str]], answering: set[str]) -> dict[str, Notice]:
    """The pages that keep moved and withdrawn addresses answering, chains followed to their end."""
    notices: dict[str, Notice] = {}
    published_anchors: dict[str, list[str]] = {}  # event id -> anchors of its published passage pages
    for _, address in published:
        if parts := urls.passage_parts(address):
            published_anchors.setdefault(parts[0], []).append(parts[1])
    for e in archive.events:
        gone = [a for t in e.turns for a in t.aliases] + [r.anchor for r in e.removed]
        for anchor in gone:  # merged or removed: the event page shows where it went, and why
            if anchor[0] in "tqp":
                notices[urls.passage(e.id, anchor)] = Notice(urls.event(e.id) + "#" + anchor, "passage")
        shared = {p.anchor: share_anchor(t, p) for t in e.turns for p in t.paragraphs}
        for t in e.turns:  # a paragraph merged into another: its page leads to the one it is part of
            for p in t.paragraphs:
                for alias in p.aliases:
                    notices[urls.passage(e.id, alias)] = Notice(urls.passage(e.id, share_anchor(t, p)), "passage")
        for anchor in published_anchors.get(e.id, []):  # a paragraph now its turn's only one: shared as the turn
            if shared.get(anchor, anchor) != anchor:
                notices[urls.passage(e.id, anchor)] = Notice(urls.passage(e.id, shared[anchor]), "passage")
    retired = dict(archive.moves.retired)
    for old, new in archive.moves.renamed.items():
        if new in retired:
            retired[old] = retired[new]
            continue
        notices[urls.event(old)] = Notice(urls.event(new), "event")
        prefix = urls.passages_of(new)
        for path in [*answering, *list(notices)]:
            if path.startswith(prefix):
                notices[urls.passages_of(old) + path[len(prefix):]] = Notice(path, "passage")
    for old, why in retired.items():
        notices[urls.event(old)] = Notice(retired=why)
        for anchor in published_anchors.get(old, []):
            notices[urls.passage(old, anchor)] = Notice(retired=why)
    assert not set(notices) & answering, "a notice would hide a page"  # load_moves refuses a moved current id
    return notices


def _robots(site_url: str) -> str:
    """Everything may be crawled; the sitemap is named under the site's own address, sub-path included.

    Crawlers read robots.txt only at a host's root: a site published under a sub-path should have its
    host serve this file (or its line) there.
    """
    lines = ["User-agent: *", "Allow: /"]
    if site_url.startswith(("http://", "https://")):
        lines += [f"Sitemap: {site_url}{urls.SITEMAP}", f"Sitemap: {site_url}{urls.SITEMAP_PASSAGES}"]
    return "\n".join(lines) + "\n"


def _url_of(src_uri: str) -> str:
    """The site path of a generated page: 'events/x.md' -> 'events/x/', 'events/index.md' -> 'events/'."""
    stem = src_uri.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


# Pages are rendered when the generator asks for them; these bind what each one needs.


def _numbered(path: str, number: int) -> str:
    """The source path of page `number` of the page at `path` ('themes/x/' -> 'themes/x.md', 'themes/x/2.md')."""
    return (path + f"{number}/" if number > 1 else path).rstrip("/") + ".md"


def _root(path: str, number: int) -> str:
    return urls.root_of(path + (f"{number}/" if number > 1 else ""))


def _kept(build: SiteBuild, inputs: Callable[[], str | None], render: Callable[[], RenderedPage]):
    """`render`, its page taken from the build's page cache when made before from the same inputs."""
    def kept() -> RenderedPage:
        made_of = inputs()
        if made_of is None:
            return render()
        key = digest_of(build.settings, made_of)
        page = build.rendered.get(key)
        if page is None:
            page = render()
            build.rendered.put(key, page)
        return page
    return kept


def _event(event, build: SiteBuild, site_url: str, site_name: str):
    return _kept(build, lambda: event_inputs(event, build.index),
                 lambda: event_page(event, urls.root_of(urls.event(event.id)), build.archive.themes, build.index,
                                    site_url, site_name, build.templates))


def _theme(theme, number, build: SiteBuild):
    def render():
        root = _root(urls.theme(theme.slug), number)
        slice_ = (timeline_slice(build.timeline, build.archive, build.index, theme.slug, root, build.templates)
                  if number == 1 else "")
        return theme_page(theme, build.index, root, slice_, number, build.templates, build.site_url, build.site_name)
    return _kept(build, lambda: theme_inputs(theme, build.index, number), render)


def _timeline(number, build: SiteBuild):
    return lambda: timeline_page(build.timeline, build.archive, build.index, _root(urls.TIMELINE, number), number,
                                 build.templates)


def _person(person, number, build: SiteBuild):
    return _kept(build, lambda: person_inputs(build.archive, person, number),
                 lambda: person_page(build.archive, person, _root(urls.person(person.id), number), number,
                                     build.templates, build.site_url, build.site_name))
