"""The home page's generated part: what the archive holds, and the ways in."""

from __future__ import annotations

from .. import urls
from ..escape import script_json
from ..model import Archive
from ..passages import ThemeIndex, passages
from .html import esc, time


def json_ld(archive: Archive, site_url: str, site_name: str) -> str:
    """schema.org: the site, and the events it records, newest first."""
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": site_name, "url": site_url,
         "description": "What NATO Secretary General Mark Rutte has said on European security, turn by turn."},
        {"@type": "ItemList", "name": "Events", "itemListElement": [
            {"@type": "ListItem", "position": i, "item": {
                "@type": "Event", "name": e.title, "startDate": e.date.isoformat(), "url": site_url + urls.event(e.id),
                "location": {"@type": "Place", "name": e.venue}}}
            for i, e in enumerate(reversed(archive.events), start=1)]},
    ]}
    return script_json(data)


def home_sections(archive: Archive, index: ThemeIndex, site_url: str, site_name: str, root: str = "") -> str:
    events = archive.events
    if not events:
        return "<p>The archive holds no event yet.</p>"
    count = (f'<p class="otr-home-count"><strong>{len(events)}</strong> events from {time(events[0].date)} to'
             f" {time(events[-1].date)}: <strong>{sum(len(e.turns) for e in events)}</strong> turns and quotations,"
             f" <strong>{len(passages(archive))}</strong> citable passages, each with a permanent link.</p>")
    latest = "".join(f'<li>{time(e.date)} · <a href="{root}{urls.event(e.id)}">{esc(e.title)}</a>'
                     f' <span class="otr-count">({"transcript" if e.kind == "transcript" else "report"})</span></li>'
                     for e in reversed(events[-5:]))
    themes = "".join(f'<li><a class="otr-chip" href="{root}{urls.theme(t.slug)}">{esc(t.title)}</a>'
                     f' <span class="otr-count">{len(index.by_theme[t.slug])}</span></li>'
                     for t in archive.themes.values() if t.core)
    return (f'<div class="otr-home">{count}'
            '<div class="otr-home-grid">'
            f'<section><h2 id="latest">Latest events</h2><ul>{latest}</ul>'
            f'<p><a href="{root}{urls.EVENTS}">All events</a></p></section>'
            f'<section><h2 id="themes">Themes</h2><ul class="otr-home-themes">{themes}</ul>'
            f'<p><a href="{root}{urls.THEMES}">All themes</a></p></section>'
            '<section><h2 id="ways-in">Ways in</h2><ul>'
            '<li><strong>Search</strong> every passage: press <kbd>/</kbd> or use the box at the top.</li>'
            f'<li><a href="{root}{urls.TIMELINE}">Timeline</a>: the events, and the moments they refer to.</li>'
            f'<li><a href="{root}{urls.PEOPLE}">People</a>: everyone who speaks, with their turns by date.</li>'
            f'<li>Data: <a href="{root}{urls.DATA_EVENTS}">events.json</a>,'
            f' <a href="{root}{urls.DATA_TURNS}">turns.json</a>,'
            f' <a href="{root}{urls.DATA_THEMES}">themes.json</a>.</li>'
            f'<li>Feeds: <a href="{root}{urls.FEED_EVENTS}">new events</a>, and one per theme.</li>'
            "</ul></section></div></div>"
            f'<script type="application/ld+json">{json_ld(archive, site_url, site_name)}</script>')
