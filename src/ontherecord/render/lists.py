"""Index pages: all events, all people, and one page per person."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from .. import urls
from ..model import Archive, Person
from . import structured
from .page import RenderedPage, page_count, page_of
from .templates import render

PER_PAGE = 200
"""Turns per person page."""
EVENTS_PER_PAGE = 200
"""Events per page of the list of events."""


def events_page_count(archive: Archive) -> int:
    return page_count(archive.events, EVENTS_PER_PAGE)


def events_index(archive: Archive, root: str, templates: Path | None = None, number: int = 1) -> RenderedPage:
    """Page `number` of the list of events, newest first."""
    html = render("events.html", templates, root=root,
                  events=page_of(archive.events[::-1], EVENTS_PER_PAGE, number), total=len(archive.events),
                  first=len(archive.events) - (number - 1) * EVENTS_PER_PAGE, number=number,
                  pages=events_page_count(archive))
    return RenderedPage("Events", html, description="Every event in the archive, newest first.")


def people_index(archive: Archive, root: str, templates: Path | None = None) -> RenderedPage:
    people = [{"person": p, "office": office(p), "count": len(archive.turns_of(p.id))}
              for p in archive.people.values()]
    # a role entry of the registry no transcript has used yet is left out
    html = render("people.html", templates, root=root, people=[p for p in people if p["count"]])
    return RenderedPage("People", html, description="Everyone who speaks in the archive.")


def person_page_count(archive: Archive, person: Person) -> int:
    return page_count(archive.turns_of(person.id), PER_PAGE)


def person_inputs(archive: Archive, person: Person, number: int) -> str | None:
    """Everything page `number` of a person is made from besides the site's settings (the page is kept under
    this in the page cache): the person, and the events of the turns it shows."""
    turns = archive.turns_of(person.id)
    shown = page_of(turns, PER_PAGE, number)
    if not all(event.fingerprint for event, _ in shown):
        return None
    return " ".join([repr(person), str(number), str(len(turns)), *(e.fingerprint + t.anchor for e, t in shown)])


def person_page(archive: Archive, person: Person, root: str, number: int = 1,
                templates: Path | None = None, site_url: str = "", site_name: str = "") -> RenderedPage:
    turns = archive.turns_of(person.id)
    groups = []
    for _, pairs in groupby(page_of(turns, PER_PAGE, number), key=lambda pair: pair[0].id):
        pairs = list(pairs)
        groups.append({"event": pairs[0][0], "turns": [t for _, t in pairs]})
    html = render("person.html", templates, root=root, person=person, office=office(person), count=len(turns),
                  number=number, pages=page_count(turns, PER_PAGE), groups=groups)
    who = structured.person(person, site_url) | structured.compact(
        {"jobTitle": person.role, "description": person.description,
         "affiliation": {"@type": "Organization", "name": person.affiliation} if person.affiliation else None})
    data = structured.graph({"@type": "ProfilePage", "@id": site_url + urls.person(person.id), "mainEntity": who},
                            structured.breadcrumbs(site_url, site_name, ("People", urls.PEOPLE),
                                                   (person.name, urls.person(person.id))))
    return RenderedPage(person.name, html, description=person.description or office(person),
                        head=render("_head.html", templates, citations=None, json_ld=data))


def office(person: Person) -> str:
    return ", ".join(x for x in (person.role, person.affiliation) if x)
