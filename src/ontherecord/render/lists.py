"""Index pages: all events, all people, and one page per person."""

from __future__ import annotations

from itertools import groupby

from .. import urls
from ..model import Archive, Person
from ..vocabulary import KIND_LABELS, excerpt
from .html import esc, time
from .page import RenderedPage, chunks, pager

PER_PAGE = 200
"""Turns per person page."""


def events_index(archive: Archive, root: str) -> RenderedPage:
    rows = "".join(
        f'<tr><td>{time(e.date)}</td><td><a href="{root}{urls.event(e.id)}">{esc(e.title)}</a></td>'
        f"<td>{'Transcript' if e.kind == 'transcript' else 'Report'}</td><td>{esc(e.venue)}</td>"
        f"<td>{len(e.turns)}</td></tr>"
        for e in reversed(archive.events))
    html = ("<h1>Events</h1>"
            f"<p>{len(archive.events)} events, newest first. A transcript gives every turn as spoken;"
            " a report is a publisher’s account that quotes the speaker.</p>"
            '<table class="otr-table"><thead><tr><th>Date</th><th>Event</th><th>Kind</th><th>Venue</th>'
            f"<th>Turns or quotations</th></tr></thead><tbody>{rows}</tbody></table>")
    return RenderedPage("Events", html, description="Every event in the archive, newest first.")


def people_index(archive: Archive, root: str) -> RenderedPage:
    items = []
    for person in archive.people.values():
        count = len(archive.turns_of(person.id))
        if not count:
            continue  # a role entry of the registry no transcript has used yet
        items.append(f'<li><a href="{root}{urls.person(person.id)}">{esc(person.name)}</a> — {esc(_office(person))}'
                     f' <span class="otr-count">({count} turn{"s" if count != 1 else ""})</span></li>')
    html = ("<h1>People</h1><p>Everyone who speaks in the archive, with their turns by date.</p>"
            f'<ul class="otr-people">{"".join(items)}</ul>')
    return RenderedPage("People", html, description="Everyone who speaks in the archive.")


def person_page_count(archive: Archive, person: Person) -> int:
    return len(chunks(archive.turns_of(person.id), PER_PAGE))


def person_page(archive: Archive, person: Person, root: str, number: int = 1) -> RenderedPage:
    provisional = ('<p class="otr-provisional">This entry was added by the importer and awaits the'
                   " editor’s confirmation.</p>") if person.provisional else ""
    pages = chunks(archive.turns_of(person.id), PER_PAGE)
    nav = pager(number, len(pages), root, urls.person(person.id))
    groups = [nav]
    for _, pairs in groupby(pages[number - 1], key=lambda pair: pair[0].id):
        pairs = list(pairs)
        event, turns = pairs[0][0], [t for _, t in pairs]
        items = "".join(
            f'<li><a href="{root}{urls.event(event.id)}#{t.anchor}">{KIND_LABELS[t.kind]} #{t.anchor}</a>'
            f" <span class=\"otr-role\">{esc(t.speaker.role)}</span>"
            f'<blockquote class="otr-excerpt">{esc(excerpt(t.text))}</blockquote></li>'
            for t in turns)
        groups.append(f'<section class="otr-person-event"><h2 id="{event.id}">{time(event.date)} ·'
                      f' <a href="{root}{urls.event(event.id)}">{esc(event.title)}</a></h2>'
                      f'<ol class="otr-turn-list">{items}</ol></section>')
    count = len(archive.turns_of(person.id))
    html = (f"<h1>{esc(person.name)}</h1>{provisional}"
            f'<p class="otr-office">{esc(_office(person))}</p><p>{esc(person.description)}</p>'
            f"<p>{count} turn{'s' if count != 1 else ''} in the archive, by date.</p>" + "".join(groups) + nav)
    return RenderedPage(person.name, html, description=person.description)


def _office(person: Person) -> str:
    return ", ".join(x for x in (person.role, person.affiliation) if x)
