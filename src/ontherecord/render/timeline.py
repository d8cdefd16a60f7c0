"""The timeline page, and a theme's slice of it."""

from __future__ import annotations

from pathlib import Path

from ..model import Archive, Event
from ..passages import ThemeIndex
from ..timeline import Moment, Timeline
from .page import RenderedPage, page_count, page_of
from .templates import render

PER_PAGE = 250
"""Entries per timeline page."""
SLICE_EVENTS = 40
"""Events shown in a theme's slice of the timeline (the latest); its moments are all shown."""
MENTIONS_SHOWN = 25
"""Mention links listed under a moment; data/timeline.json lists them all."""


def _split(timeline: Timeline, archive: Archive) -> tuple[list, list]:
    """The entries from the archive's first event on, and the moments before it."""
    entries = timeline.entries(archive.events)
    if not archive.events:
        return [], entries
    start = (archive.events[0].date.year, archive.events[0].date.month, archive.events[0].date.day)
    return [e for e in entries if e[0] >= start], [e for e in entries if e[0] < start]


def timeline_page_count(timeline: Timeline, archive: Archive) -> int:
    return page_count(_split(timeline, archive)[0], PER_PAGE)


def timeline_page(timeline: Timeline, archive: Archive, index: ThemeIndex, root: str, number: int = 1,
                  templates: Path | None = None) -> RenderedPage:
    during, before = _split(timeline, archive)
    pages = page_count(during, PER_PAGE)
    sliced = {slug for slug, found in index.by_theme.items() if found}  # theme pages that carry a slice
    html = render("timeline.html", templates, root=root, themes=archive.themes, sliced=sliced, number=number,
                  pages=pages, rows=_rows(timeline, page_of(during, PER_PAGE, number)), shown=MENTIONS_SHOWN,
                  before=_rows(timeline, before) if number == pages else [])
    return RenderedPage("Timeline", html,
                        description="The events of the archive and the moments they refer to, in date order.")


def timeline_slice(timeline: Timeline, archive: Archive, index: ThemeIndex, slug: str, root: str,
                   templates: Path | None = None) -> str:
    """The entries of one theme: events with passages on it, moments of it."""
    events = {p.event.id for p in index.by_theme[slug]}
    entries = [(k, item) for k, item in timeline.entries(archive.events)
               if (isinstance(item, Event) and item.id in events) or (isinstance(item, Moment) and slug in item.themes)]
    if not entries:
        return ""
    shown_events = [item.id for _, item in entries if isinstance(item, Event)]
    latest = set(shown_events[-SLICE_EVENTS:])
    entries = [(k, item) for k, item in entries if not isinstance(item, Event) or item.id in latest]
    return render("timeline-slice.html", templates, root=root, themes=archive.themes, rows=_rows(timeline, entries),
                  shown=MENTIONS_SHOWN, earlier=len(shown_events) > len(latest), latest=len(latest),
                  total=len(shown_events))


def _rows(timeline: Timeline, entries) -> list[dict]:
    """The template's rows: a year heading where the year changes, then each event or moment."""
    rows, year = [], None
    for key, item in entries:
        if key[0] != year:
            year = key[0]
            rows.append({"year": year, "event": None, "moment": None})
        if isinstance(item, Moment):
            rows.append({"year": None, "event": None, "moment": item, "ahead": timeline.ahead(item),
                         "mentions": timeline.mentions[item.id]})
        else:
            themes = tuple(dict.fromkeys(t for turn in item.turns for t in turn.themes))
            rows.append({"year": None, "event": item, "moment": None, "themes": themes})
    return rows
