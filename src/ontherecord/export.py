"""The archive as data: data/events.json and data/turns.json in the built site."""

from __future__ import annotations

import orjson

from . import urls
from .model import Archive, Event, Paragraph, Turn
from .passages import ThemeIndex
from .timeline import Timeline


def events_json(archive: Archive, base: str) -> str:
    """One object per event. `base` is the site's path, e.g. '/' or '/archive/'."""
    return _dump([{
        "id": e.id, "title": e.title, "date": e.date.isoformat(), "kind": e.kind, "venue": e.venue,
        "url": base + urls.event(e.id), "description": e.description,
        "sources": [{"publisher": s.publisher, "url": s.url or None, "title": s.title or None, "covers": s.covers}
                    for s in e.sources],
        "turns": len(e.turns),
    } for e in archive.events])


def turns_json(archive: Archive, base: str, made: list[bytes] | None = None) -> bytes:
    """One object per turn (for a report: per quotation), in date and page order. `made`: each event's
    `turns_of`, when made before. As UTF-8 bytes: the archive's largest file (90 MB at 1,000 events)
    would take twice that in memory as text."""
    made = made or [turns_of(e, base) for e in archive.events]
    return b"[" + b",".join(part for part in made if part) + b"]\n"


def turns_of(event: Event, base: str) -> bytes:
    """The event's turns as they stand in turns.json: its objects, comma-separated."""
    return orjson.dumps([_turn(event, t, base) for t in event.turns])[1:-1]


def turn_id(event: Event, turn: Turn) -> str:
    return f"{event.id}.{turn.anchor}"


def _turn(event: Event, turn: Turn, base: str) -> dict:
    page = base + urls.event(event.id)
    return {
        "id": turn_id(event, turn), "event": event.id, "date": event.date.isoformat(),
        "speaker": turn.speaker.person.id, "speaker_name": turn.speaker.person.name,
        "role": turn.speaker.role, "kind": turn.kind,
        "in_reply_to": [f"{event.id}.{a}" for a in turn.in_reply_to],
        "answered_by": [f"{event.id}.{a}" for a in turn.answered_by],
        "url": f"{page}#{turn.anchor}", "permalink": base + urls.passage(event.id, turn.anchor),
        "text": turn.text, "themes": list(turn.themes),
        "paragraphs": [_paragraph(p, page) for p in turn.paragraphs],
        "sources": [s.publisher for s in turn.sources],
    }


def _paragraph(p: Paragraph, page: str) -> dict:
    return {"id": p.anchor, "url": f"{page}#{p.anchor}", "text": p.text, "themes": list(p.themes),
            "tagged_by": [{"theme": e.theme, "rule": e.rule, "words": e.words} for e in p.evidence]}


def themes_json(archive: Archive, index: ThemeIndex, base: str) -> str:
    """One object per theme, with its counts."""
    out = []
    for theme in archive.themes.values():
        found = index.by_theme[theme.slug]
        out.append({
            "slug": theme.slug, "title": theme.title, "url": base + urls.theme(theme.slug),
            "description": theme.description, "core": theme.core,
            "counts": {"passages": len(found), "events": len({p.event.id for p in found}),
                       "turns": len({(p.event.id, p.turn.anchor) for p in found})},
            "first": found[0].event.date.isoformat() if found else None,
            "last": found[-1].event.date.isoformat() if found else None,
        })
    return _dump(out)


def _dump(data: list) -> str:
    """Compact JSON, one file a program reads: orjson writes the archive's 100 MB (1,000 events) in a blink."""
    return orjson.dumps(data).decode() + "\n"


def timeline_json(timeline: Timeline, base: str) -> str:
    """Every referenced moment, with its precision, themes and the passages that mention it."""
    return _dump([{
        "id": m.id, "date": m.date, "precision": m.precision, "title": m.title, "description": m.description,
        "themes": list(m.themes), "ahead": timeline.ahead(m),
        "mentions": [{"url": f"{base}{urls.event(x.passage.event.id)}#{x.passage.anchor}", "rule": x.rule,
                      "words": x.words} for x in timeline.mentions[m.id]],
    } for m in timeline.moments])
