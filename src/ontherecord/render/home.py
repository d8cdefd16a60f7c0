"""The home page's generated part: the latest answers, a passage per core theme, the way to search."""

from __future__ import annotations

from pathlib import Path

from .. import preview, urls
from ..model import Archive
from ..passages import Passage, ThemeIndex, share_anchor
from . import structured
from .templates import render

LATEST = 5
WORDS = 45
"""Words of a passage shown on the home page (from its first sentence that says something)."""


def json_ld(archive: Archive, site_url: str, site_name: str, description: str) -> dict:
    """schema.org: the site, and its latest events, newest first."""
    return structured.graph(
        structured.compact({"@type": "WebSite", "@id": site_url + "#website", "name": site_name, "url": site_url,
                            "description": description, "inLanguage": "en"}),
        {"@type": "ItemList", "name": "Latest events", "itemListElement": [
            {"@type": "ListItem", "position": i, "url": site_url + urls.event(e.id), "name": e.title}
            for i, e in enumerate(reversed(archive.events[-LATEST * 4:]), start=1)]})


def home_sections(archive: Archive, index: ThemeIndex, site_url: str, site_name: str, subject: str,
                  description: str = "", root: str = "", templates: Path | None = None) -> tuple[str, str]:
    """The home page's generated part, and what goes in its <head>."""
    answers = [p for p in _firsts(archive) if p.turn.kind in ("answer", "quotation")]
    # the subject's answers; an archive without them shows everyone's
    answers = [p for p in answers if p.turn.speaker.person.id == subject] or answers
    featured = []
    for theme in (t for t in archive.themes.values() if t.core):
        best = striking(index.by_theme[theme.slug], theme.slug, subject)
        if best:
            featured.append(_item(best) | {"theme": theme})
    html = render("home.html", templates, root=root, events=archive.events,
                  turns=sum(len(e.turns) for e in archive.events),
                  latest=[_item(p, whole_turn=True) for p in reversed(answers[-LATEST:])], featured=featured)
    return html, render("_head.html", templates, citations=None,
                        json_ld=json_ld(archive, site_url, site_name, description))


def striking(found: list[Passage], slug: str, subject: str) -> Passage | None:
    """The subject's passage that speaks most to a theme: a readable length, then most evidence, the latest."""
    def weight(p: Passage):
        return sum(1 for e in p.paragraph.evidence if e.theme == slug), p.event.date
    mine = sorted((p for p in found if p.turn.speaker.person.id == subject), key=weight, reverse=True)
    # counting words is the costly part: the first readable one in that order is the one
    return next((p for p in mine if 15 <= len(p.paragraph.text.split()) <= 120), mine[0] if mine else None)


def _firsts(archive: Archive) -> list[Passage]:
    """Each turn's first paragraph, in date order: what a list of answers shows of each."""
    return [Passage(e, t, t.paragraphs[0]) for e in archive.events for t in e.turns if t.paragraphs]


def _item(p: Passage, whole_turn: bool = False) -> dict:
    """A passage as the home page quotes it: from its first sentence that says something, linked to its page."""
    words, skipped = preview.substance(p.turn.text if whole_turn else p.paragraph.text)
    shown = " ".join(words.split()[:WORDS]) + (" …" if len(words.split()) > WORDS else "")
    return {"event": p.event, "turn": p.turn, "words": ("… " if skipped else "") + shown,
            "anchor": p.turn.anchor if whole_turn else share_anchor(p.turn, p.paragraph)}
