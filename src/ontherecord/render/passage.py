"""Standalone pages, one per passage: what a shared link opens, and what its preview shows.

At 1,000 events there are tens of thousands of them, so they are written after the main
build from one light template (`passage.html`), not made generator pages. They use the
site's stylesheets and palette.
"""

from __future__ import annotations

from importlib.resources import files

from .. import cite, preview, urls
from ..escape import script_json
from ..model import Event, Paragraph, Theme, Turn
from ..settings import SiteInfo
from ..vocabulary import KIND_LABELS, long_date
from . import structured
from .templates import render

CARD = "passage"
"""The card image of a passage's preview (see `cards`)."""


def palette_script(palette: tuple[dict[str, str], ...]) -> str:
    """The script that colours the standalone pages as the reader chose (js/palette.js, with the site's schemes)."""
    return (files("ontherecord") / "js" / "palette.js").read_text(encoding="utf-8").replace(
        "OPTIONS", script_json(list(palette)))


def what(turn: Turn, paragraph: Paragraph | None) -> str:
    """'Answer', 'Paragraph of an answer', 'Quotation'."""
    kind = KIND_LABELS[turn.kind]
    return f"Paragraph of the {kind.lower()}" if paragraph else kind


def title_of(turn: Turn, paragraph: Paragraph | None = None) -> str:
    """The page's title and preview title: the speaker, then the words (within a card's length)."""
    return preview.title(turn.speaker.person.name, paragraph.text if paragraph else turn.text)


def description_of(event: Event, turn: Turn, paragraph: Paragraph | None = None) -> str:
    return preview.description(paragraph.text if paragraph else turn.text,
                               f"{turn.speaker.person.name}, {turn.speaker.role}, {long_date(event.date)}")


def passage_page(event: Event, turn: Turn, paragraph: Paragraph | None, themes: dict[str, Theme],
                 site: SiteInfo) -> str:
    anchor = paragraph.anchor if paragraph else turn.anchor
    path = urls.passage(event.id, anchor)
    canonical = site.url + path
    t = cite.templates(event, turn, site.name)
    title = title_of(turn, paragraph)
    view = {
        "anchor": anchor, "turn": turn, "paragraph": paragraph, "canonical": canonical, "title": title,
        "description": description_of(event, turn, paragraph), "what": what(turn, paragraph),
        "paragraphs": [paragraph] if paragraph else list(turn.paragraphs),
        "position": turn.paragraphs.index(paragraph) + 1 if paragraph else 0,
        "themes": paragraph.themes if paragraph else turn.themes,
        "asked": [event.turn(a) for a in turn.in_reply_to],
        "answers": [] if paragraph else [event.turn(a) for a in turn.answered_by],
        "plain": cite.undated(t["plain"], canonical, anchor),
        "bibtex": cite.undated(t["bibtex"], canonical, anchor),
        "image": site.card(CARD, f"{turn.speaker.person.name}, {long_date(event.date)}"),
        "json_ld": _json_ld(event, turn, paragraph, canonical, title, site),
    }
    return render("passage.html", site.templates, site=site, root=urls.root_of(path), event=event,
                  themes=themes, passage=view)


def _json_ld(event: Event, turn: Turn, paragraph: Paragraph | None, canonical: str, title: str,
             site: SiteInfo) -> dict:
    """schema.org Quotation, recorded at its Event, spoken by a Person with a stable @id."""
    speaker = structured.person(turn.speaker.person, site.url)
    quotation = structured.compact({
        "@type": "Quotation", "@id": canonical, "url": canonical,
        "text": paragraph.text if paragraph else turn.text, "inLanguage": "en",
        "spokenByCharacter": speaker, "creator": speaker, "dateCreated": event.date.isoformat(),
        "recordedAt": {"@type": "Event", "@id": site.url + urls.event(event.id), "name": event.title,
                       "startDate": event.date.isoformat(), "location": structured.place(event.venue)},
        "isBasedOn": [s.url for s in turn.sources if s.url] or None,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
    })
    return structured.graph(quotation, structured.breadcrumbs(
        site.url, site.name, ("Events", urls.EVENTS), (event.title, urls.event(event.id)),
        (title, urls.passage(event.id, paragraph.anchor if paragraph else turn.anchor))))
