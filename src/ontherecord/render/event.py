"""The page of one event: what its template needs, gathered from the model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import cite, urls
from ..model import Event, Removed, Theme, Turn
from ..passages import Passage, ThemeIndex
from ..vocabulary import KIND_LABELS, excerpt
from . import structured
from .page import RenderedPage, TocEntry
from .templates import render

ELSEWHERE = 3
"""Passages of other events listed under a turn, for its first theme (the theme's page has them all)."""


@dataclass(frozen=True)
class _Elsewhere:
    title: str
    passages: list[Passage]


def event_page(event: Event, root: str, themes: dict[str, Theme], index: ThemeIndex, site_url: str,
               site_name: str, templates: Path | None = None) -> RenderedPage:
    removed = _removed_by_target(event.removed)
    context = {"event": event, "root": root, "themes": themes, "site_url": site_url}
    if event.kind == "report":
        context |= {"publisher": event.sources[0].publisher if event.sources else "the publisher",
                    "quoted_name": _quoted_name(event), "turns": [],
                    "report": [{"paragraph": p, "notices": _notices(removed, p.anchor,
                                                                     *(s.anchor for s in p.segments if s.anchor))}
                               for p in event.report]}
        toc = tuple(TocEntry(t.anchor, f"Quotation: {excerpt(t.text, 8)}") for t in event.turns)
    else:
        context |= {"report": [], "turns": [_turn(event, t, themes, index, removed) for t in event.turns]}
        toc = contents(event, themes)
    head = render("_head.html", templates, citations=cite.page_data(event, list(event.turns), site_name),
                  json_ld=json_ld(event, site_url, site_name))
    return RenderedPage(event.title, render("event.html", templates, **context), toc, event.description, head=head)


def inputs(event: Event, index: ThemeIndex) -> str | None:
    """Everything the event's page is made from besides the site's settings: the event, and the passages of
    other events it links to (the page is kept under this in the page cache). None: not to be kept."""
    if not event.fingerprint:
        return None
    linked = [p.event.fingerprint + p.paragraph.anchor for slug in _first_themes(event)
              for p in index.elsewhere(event, slug, ELSEWHERE)]
    return " ".join([event.fingerprint, *linked]) if all(linked) else None


def _first_themes(event: Event) -> list[str]:
    return list(dict.fromkeys(t.themes[0] for t in event.turns if t.themes))


def contents(event: Event, themes: dict[str, Theme]) -> tuple[TocEntry, ...]:
    """The table of contents: each question with its answers beneath it, named by its asker and topic."""
    entries: list[TocEntry] = []
    placed: set[str] = set()
    for turn in event.turns:
        if turn.anchor in placed:
            continue
        name = turn.speaker.person.name
        if turn.kind == "question" and turn.answered_by:
            answers = [event.turn(a) for a in turn.answered_by]
            placed.update(turn.answered_by)
            children = tuple(TocEntry(a.anchor, f"Answer: {a.speaker.person.name}") for a in answers)
            entries.append(TocEntry(turn.anchor, f"{name} on {_topic(turn, answers, themes)}", children))
        else:
            entries.append(TocEntry(turn.anchor, f"{name} · {KIND_LABELS[turn.kind].lower()}"))
    return tuple(entries)


def _topic(question: Turn, answers: list[Turn], themes: dict[str, Theme]) -> str:
    """What a question is about: its first theme (or its answer's), else its opening words."""
    for turn in (question, *answers):
        if turn.themes:
            return themes[turn.themes[0]].title
    return "“" + excerpt(question.text, 6) + "”"


def json_ld(event: Event, site_url: str, site_name: str) -> dict:
    """schema.org Event: where and when, who spoke (each person with a stable @id), where it was published."""
    url = site_url + urls.event(event.id)
    data = structured.compact({
        "@type": "Event", "@id": url, "name": event.title, "startDate": event.date.isoformat(),
        "endDate": event.date.isoformat(), "url": url, "description": event.description or event.title,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": structured.place(event.venue),
        "image": site_url + urls.card("event") if site_url.startswith(("http://", "https://")) else None,
        "performer": [structured.person(s.person, site_url) for s in event.speakers if not s.person.generic],
        "organizer": {"@type": "Organization", "name": event.sources[0].publisher} if event.sources else None,
        "subjectOf": [{"@type": "CreativeWork", "name": s.title or s.publisher, "url": s.url,
                       "publisher": {"@type": "Organization", "name": s.publisher}} for s in event.sources if s.url],
    })
    return structured.graph(data, structured.breadcrumbs(site_url, site_name, ("Events", urls.EVENTS),
                                                         (event.title, urls.event(event.id))))


def _turn(event: Event, turn: Turn, themes: dict[str, Theme], index: ThemeIndex,
          removed: dict[str, list[Removed]]) -> dict:
    refs = [(label, [event.turn(a) for a in anchors])
            for label, anchors in (("answers", turn.in_reply_to), ("answered in", turn.answered_by)) if anchors]
    several = len(turn.paragraphs) > 1
    elsewhere = [_Elsewhere(themes[slug].title, found) for slug in turn.themes[:1]
                 if (found := index.elsewhere(event, slug, ELSEWHERE))]
    return {"turn": turn, "refs": refs, "notices": _notices(removed, turn.anchor), "elsewhere": elsewhere,
            "paragraphs": [{"paragraph": p, "share": several, "notices": _notices(removed, p.anchor)}
                           for p in turn.paragraphs]}


def _quoted_name(event: Event) -> str:
    return next((s.person.name for s in event.speakers if s.part == "quoted"), "the speaker")


def _removed_by_target(removed: tuple[Removed, ...]) -> dict[str, list[Removed]]:
    out: dict[str, list[Removed]] = {}
    for r in removed:
        out.setdefault(r.nearest, []).append(r)
    return out


def _notices(removed: dict[str, list[Removed]], *anchors: str) -> list[Removed]:
    return [r for a in anchors for r in removed.get(a, [])]

