"""The timeline page, and a theme's slice of it."""

from __future__ import annotations

from .. import urls
from ..model import Archive, Event
from ..passages import ThemeIndex
from ..timeline import Moment, Timeline
from ..vocabulary import excerpt, long_date
from .html import esc
from .page import RenderedPage, chunks, pager

PER_PAGE = 250
"""Entries per timeline page."""
SLICE_EVENTS = 40
"""Events shown in a theme's slice of the timeline (the latest); its moments are all shown."""
MENTIONS_SHOWN = 25
"""Mention links listed under a moment; data/timeline.json lists them all."""


def timeline_page_count(timeline: Timeline, archive: Archive) -> int:
    return len(chunks(timeline.entries(archive.events), PER_PAGE))


def timeline_page(timeline: Timeline, archive: Archive, index: ThemeIndex, root: str, number: int = 1) -> RenderedPage:
    filters = " · ".join(f'<a href="{root}{urls.theme(t.slug)}#timeline">{esc(t.title)}</a>'
                         for t in archive.themes.values())
    html = ("<h1>Timeline</h1>"
            "<p>Every event of the archive, and the moments its passages refer to, in date order."
            ' <span class="otr-tl-key otr-tl-event">Events</span> are what was said;'
            ' <span class="otr-tl-key otr-tl-moment">moments</span> are what it refers to;'
            ' <span class="otr-tl-key otr-tl-moment otr-tl-ahead">moments still ahead</span> come after the latest'
            " event.</p>"
            f'<p class="otr-tl-filters">One theme at a time: {filters}.</p>')
    pages = chunks(timeline.entries(archive.events), PER_PAGE)
    nav = pager(number, len(pages), root, "timeline/")
    html += nav + _list(timeline, pages[number - 1], archive, index, root) + nav
    return RenderedPage("Timeline", f'<article class="otr-timeline-page">{html}</article>',
                        description="The events of the archive and the moments they refer to, in date order.")


def timeline_slice(timeline: Timeline, archive: Archive, index: ThemeIndex, slug: str, root: str) -> str:
    """The entries of one theme: events with passages on it, moments of it."""
    events = {p.event.id for p in index.by_theme[slug]}
    entries = [(k, item) for k, item in timeline.entries(archive.events)
               if (isinstance(item, Event) and item.id in events) or (isinstance(item, Moment) and slug in item.themes)]
    if not entries:
        return ""
    shown_events = {item.id for _, item in entries if isinstance(item, Event)}
    latest = {e.id for e in [item for _, item in entries if isinstance(item, Event)][-SLICE_EVENTS:]}
    entries = [(k, item) for k, item in entries if not isinstance(item, Event) or item.id in latest]
    earlier = len(shown_events) - len(latest)
    note = (f"<p>The latest {len(latest)} of {len(shown_events)} events on this theme are shown; the passages"
            " below list them all.</p>") if earlier else ""
    return (f'<section class="otr-theme-timeline"><h2 id="timeline">On the timeline</h2>{note}'
            f'<p><a href="{root}{urls.TIMELINE}">The whole timeline</a></p>'
            + _list(timeline, entries, archive, index, root, ids=False) + "</section>")


def _list(timeline: Timeline, entries, archive: Archive, index: ThemeIndex, root: str, ids: bool = True) -> str:
    rows, year = [], None
    for key, item in entries:
        if key[0] != year:
            year = key[0]
            heading = f'<h2 id="y{year}">{year}</h2>' if ids else f"<h3>{year}</h3>"
            rows.append(f'<li class="otr-tl-year">{heading}</li>')
        rows.append(_moment(timeline, item, archive, root, ids) if isinstance(item, Moment)
                    else _event(item, archive, root, ids))
    return f'<ol class="otr-timeline">{"".join(rows)}</ol>'


def _chips(slugs, archive: Archive, root: str) -> str:
    return "".join(f'<a class="otr-chip" href="{root}{urls.theme(s)}">{esc(archive.themes[s].title)}</a> '
                   for s in slugs)


def _event(event: Event, archive: Archive, root: str, ids: bool) -> str:
    themes = tuple(dict.fromkeys(t for turn in event.turns for t in turn.themes))
    kind = "Transcript" if event.kind == "transcript" else "Publisher’s report"
    count = f"{len(event.turns)} {'turns' if event.kind == 'transcript' else 'quotations'}"
    anchor = f' id="e-{event.id}"' if ids else ""
    return (f'<li class="otr-tl-entry otr-tl-event"{anchor}><time datetime="{event.date.isoformat()}">'
            f"{long_date(event.date)}</time> <span class=\"otr-tl-kind\">Event</span>"
            f'<p class="otr-tl-title"><a href="{root}{urls.event(event.id)}">{esc(event.title)}</a></p>'
            f'<p class="otr-tl-facts">{kind} · {esc(event.venue)} · {count}</p>'
            f'<p class="otr-tl-themes">{_chips(themes, archive, root)}</p></li>')


def _moment(timeline: Timeline, moment: Moment, archive: Archive, root: str, ids: bool) -> str:
    ahead = timeline.ahead(moment)
    mentions = timeline.mentions[moment.id]
    links = "".join(
        f'<li><a href="{root}{urls.event(m.passage.event.id)}#{m.passage.anchor}">{long_date(m.passage.event.date)},'
        f" {esc(m.passage.turn.speaker.person.name)}: “{esc(excerpt(m.passage.paragraph.text, 12))}”</a></li>"
        for m in mentions[:MENTIONS_SHOWN])
    if len(mentions) > MENTIONS_SHOWN:
        links += (f'<li>and {len(mentions) - MENTIONS_SHOWN} more, listed in'
                  f' <a href="{root}{urls.DATA_TIMELINE}">data/timeline.json</a></li>')
    said = (f'<details class="otr-tl-mentions"><summary>Mentioned in {len(mentions)} passage'
            f'{"s" if len(mentions) != 1 else ""}</summary><ul>{links}</ul></details>') if mentions else ""
    anchor = f' id="m-{moment.id}"' if ids else ""
    label = "Still ahead" if ahead else "Moment"
    return (f'<li class="otr-tl-entry otr-tl-moment{" otr-tl-ahead" if ahead else ""}"{anchor}>'
            f'<time datetime="{moment.date}">{moment.label}</time> <span class="otr-tl-kind">{label}</span>'
            f'<p class="otr-tl-title">{esc(moment.title)}</p><p class="otr-tl-facts">{esc(moment.description)}</p>'
            f'<p class="otr-tl-themes">{_chips(moment.themes, archive, root)}</p>{said}</li>')
