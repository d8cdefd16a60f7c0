"""The page of one event: its header, then every turn with its anchors."""

from __future__ import annotations

from .. import cite, urls
from ..escape import script_json
from ..model import Event, Paragraph, Removed, Theme, Turn
from ..passages import Passage, ThemeIndex
from ..vocabulary import KIND_LABELS, excerpt, long_date
from .html import aliases, esc, paragraph, permalink, speaker_line, time
from .page import RenderedPage, TocEntry


def event_page(event: Event, root: str, themes: dict[str, Theme], index: ThemeIndex, site_url: str,
               site_name: str) -> RenderedPage:
    parts = [f'<h1>{esc(event.title)}</h1>', _header(event, root)]
    removed = _removed_by_target(event.removed)
    page = _Page(event, root, themes, index, removed)
    if event.kind == "report":
        parts.append(page.report())
        toc = tuple(TocEntry(t.anchor, f"Quotation: {excerpt(t.text, 8)}") for t in event.turns)
    else:
        parts.extend(page.turn(t) for t in event.turns)
        toc = tuple(TocEntry(t.anchor, f"{t.speaker.person.name} · {KIND_LABELS[t.kind].lower()}")
                    for t in event.turns)
    citations = cite.page_data(event, list(event.turns), site_name)
    parts.append(f'<script type="application/json" id="otr-cite-data">{citations}</script>')
    parts.append(f'<script type="application/ld+json">{json_ld(event, site_url)}</script>')
    html = "\n".join(parts)
    return RenderedPage(event.title, f'<article class="otr-event otr-{event.kind}">\n{html}\n</article>',
                        toc, event.description)


def json_ld(event: Event, site_url: str) -> str:
    """schema.org Event, its passages as Quotations (an opening each; the full text is on their pages)."""
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title,
        "startDate": event.date.isoformat(), "url": site_url + urls.event(event.id),
        "location": {"@type": "Place", "name": event.venue}, "description": event.description,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "workFeatured": [{
            "@type": "Quotation", "url": site_url + urls.passage(event.id, t.anchor),
            "text": excerpt(t.text, 40), "spokenByCharacter": {"@type": "Person", "name": t.speaker.person.name},
            "creator": {"@type": "Person", "name": t.speaker.person.name},
        } for t in event.turns],
    }
    return script_json(data)


def _header(event: Event, root: str) -> str:
    if event.kind == "report":
        badge = ('<p class="otr-badge otr-badge-report"><strong>Publisher’s report — not a transcript.</strong>'
                 f' Only the words in quotation marks are {esc(_quoted_name(event))}’s,'
                 ' as reported by the publisher.</p>')
    else:
        badge = '<p class="otr-badge otr-badge-transcript">Transcript</p>'
    speakers = "".join(
        f'<li><a href="{root}{urls.person(s.person.id)}">{esc(s.person.name)}</a>, {esc(s.role)}</li>'
        for s in event.speakers)
    sources = "".join(f"<li>{_source(s)}</li>" for s in event.sources)
    description = f'<p class="otr-description">{esc(event.description)}</p>' if event.description else ""
    return (f'<header class="otr-event-head">{badge}{description}<dl class="otr-facts">'
            f"<dt>Date</dt><dd>{time(event.date)}</dd>"
            f"<dt>Venue</dt><dd>{esc(event.venue)}</dd>"
            f'<dt>Speakers</dt><dd><ul class="otr-list">{speakers}</ul></dd>'
            f'<dt>Sources</dt><dd><ul class="otr-list otr-sources">{sources}</ul></dd>'
            "</dl></header>")


def _source(source) -> str:
    name = esc(source.publisher)
    if source.title:
        name += f": <cite>{esc(source.title)}</cite>"
    if source.url:
        name = f'<a href="{esc(source.url)}" rel="external">{name}</a>'
    text = f"{name} — covers {esc(source.covers)}"
    if source.note:
        text += f' <span class="otr-source-note">{esc(source.note)}</span>'
    return text


def _quoted_name(event: Event) -> str:
    return next((s.person.name for s in event.speakers if s.part == "quoted"), "the speaker")


def _removed_by_target(removed: tuple[Removed, ...]) -> dict[str, list[Removed]]:
    out: dict[str, list[Removed]] = {}
    for r in removed:
        out.setdefault(r.nearest, []).append(r)
    return out


def _notices(anchor: str, removed: dict[str, list[Removed]]) -> str:
    return "".join(
        f'<div class="otr-removed" id="{r.anchor}" role="note"><strong>The passage you linked to'
        f" (#{r.anchor}) is no longer in this record.</strong> {esc(r.note)}"
        " The nearest remaining passage follows.</div>"
        for r in removed.get(anchor, []))


class _Page:
    """What every part of one event page needs to know."""

    def __init__(self, event, root, themes, index, removed) -> None:
        self.event, self.root, self.themes, self.index, self.removed = event, root, themes, index, removed

    def turn(self, turn: Turn) -> str:
        event, root = self.event, self.root
        head = (f'<h2 class="otr-turn-head" id="{turn.anchor}">{speaker_line(turn, root)}'
                f' <span class="otr-kind otr-kind-{turn.kind}">{KIND_LABELS[turn.kind]}</span></h2>')
        links = [permalink(turn.anchor, "turn"), self.cite_link(turn.anchor, turn.anchor)]
        if turn.in_reply_to:
            links.append("Answers " + _refs(event, turn.in_reply_to))
        if turn.answered_by:
            links.append("Answered in " + _refs(event, turn.answered_by))
        body = "\n".join(_notices(p.anchor, self.removed) + self.paragraph(p, turn.anchor) for p in turn.paragraphs)
        return (f'{_notices(turn.anchor, self.removed)}<section class="otr-turn otr-turn-{turn.kind}"'
                f' data-speaker="{turn.speaker.person.id}">{aliases(turn.aliases)}\n{head}\n'
                f'<p class="otr-turn-links">{" · ".join(links)}</p>\n{self.chips(turn.themes)}{body}\n</section>')

    def chips(self, slugs: tuple[str, ...]) -> str:
        if not slugs:
            return ""
        items = "".join(f'<li><a class="otr-chip" href="{self.root}{urls.theme(s)}">'
                        f"{esc(self.themes[s].title)}</a></li>" for s in slugs)
        return f'<ul class="otr-chips" aria-label="Themes">{items}</ul>\n'

    def paragraph(self, p: Paragraph, turn: str | None = None) -> str:
        found = {slug: self.index.elsewhere(self.event, slug) for slug in p.themes}
        extra = self.cite_link(p.anchor, turn) if turn else ""
        quoted = (lambda anchor: self.cite_link(anchor, anchor)) if self.event.kind == "report" else None
        return paragraph(p, extra, quoted) + elsewhere(found, self.themes, self.root)

    def cite_link(self, anchor: str, turn: str) -> str:
        """Cite control; without JavaScript it leads to the citations on the turn's own page."""
        return (f'<a class="otr-cite" href="{self.root}{urls.passage(self.event.id, turn)}#cite"'
                f' data-anchor="{anchor}" data-turn="{turn}" aria-label="Cite #{anchor}">cite</a>')

    def report(self) -> str:
        event, removed = self.event, self.removed
        publisher = event.sources[0].publisher if event.sources else "the publisher"
        body = "\n".join(
            "".join(_notices(a, removed) for a in [p.anchor, *(s.anchor for s in p.segments if s.anchor)])
            + self.chips(p.themes) + self.paragraph(p) for p in event.report)
        return (f'<section class="otr-report" aria-label="Report by {esc(publisher)}">'
                f'<h2 id="report">The report, as published by {esc(publisher)}</h2>\n{body}\n</section>')


def _refs(event: Event, anchors: tuple[str, ...]) -> str:
    out = []
    for a in anchors:
        t = event.turn(a)
        out.append(f'<a href="#{a}">the {KIND_LABELS[t.kind].lower()} by {esc(t.speaker.person.name)} (#{a})</a>')
    return ", ".join(out)


def elsewhere(passages_by_theme: dict[str, list[Passage]], themes: dict[str, Theme], root: str) -> str:
    """The 'on this theme elsewhere' block under a paragraph."""
    rows = []
    for slug, found in passages_by_theme.items():
        links = ", ".join(f'<a href="{root}{urls.event(p.event.id)}#{p.anchor}">{long_date(p.event.date)},'
                          f" {esc(p.turn.speaker.person.name)}</a>" for p in found)
        if links:
            chip = f'<a class="otr-chip" href="{root}{urls.theme(slug)}">{esc(themes[slug].title)}</a>'
            rows.append(f"<li>{chip}: {links}</li>")
    if not rows:
        return ""
    names = " · ".join(esc(themes[slug].title) for slug, found in passages_by_theme.items() if found)
    return (f'<details class="otr-elsewhere"><summary>On this theme elsewhere: {names}</summary>'
            f'<ul>{"".join(rows)}</ul></details>')
