"""Theme pages: what a theme covers, a summary with a chart, then every passage by event."""

from __future__ import annotations

import re
from itertools import groupby

from .. import urls
from ..model import Archive, Paragraph, Theme
from ..passages import Passage, ThemeIndex
from ..vocabulary import KIND_LABELS, long_date
from .html import esc, time
from .page import RenderedPage, chunks, pager

PER_PAGE = 100
"""Passages per theme page: a theme of thousands of passages is split into pages of this many."""


def themes_index(archive: Archive, index: ThemeIndex, root: str) -> RenderedPage:
    items = "".join(
        f'<li><a href="{root}{urls.theme(t.slug)}">{esc(t.title)}</a> <span class="otr-count">'
        f"({len(index.by_theme[t.slug])} passages)</span><br>{esc(t.description)}</li>"
        for t in archive.themes.values())
    html = ("<h1>Themes</h1><p>Every passage of the archive is tagged with the themes it speaks to."
            " Each theme page lists its passages in date order, with a link to each in context.</p>"
            f'<ul class="otr-theme-list">{items}</ul>')
    return RenderedPage("Themes", html, description="The themes of the archive, each with every passage on it.")


def theme_page_count(theme: Theme, index: ThemeIndex) -> int:
    return len(chunks(index.by_theme[theme.slug], PER_PAGE))


def theme_page(theme: Theme, index: ThemeIndex, root: str, timeline: str = "", number: int = 1) -> RenderedPage:
    """Page `number` of a theme: the summary, chart and timeline slice on the first."""
    found = index.by_theme[theme.slug]
    pages = chunks(found, PER_PAGE)
    events = index.by_event(theme.slug)
    parts = [f"<h1>{esc(theme.title)}</h1>", f'<p class="otr-theme-description">{esc(theme.description)}</p>']
    nav = pager(number, len(pages), root, urls.theme(theme.slug))
    if not found:
        parts.append("<p>No passage in the archive is on this theme yet.</p>")
    else:
        first, last = found[0].event.date, found[-1].event.date
        parts.append(f'<p class="otr-theme-summary"><strong>{len(found)}</strong> passages in'
                     f" <strong>{len(events)}</strong> events, from {time(first)} to {time(last)}.</p>")
        if number == 1:
            parts += [_chart(theme, events), timeline]
        parts.append(nav)
        shown = [list(group) for _, group in groupby(pages[number - 1], key=lambda p: p.event.id)]
        parts.extend(_event_group(theme, group, root) for group in shown)
        parts.append(nav)
    return RenderedPage(theme.title, '<article class="otr-theme">' + "\n".join(parts) + "</article>",
                        description=theme.description, feed=urls.theme_feed(theme.slug))


def _chart(theme: Theme, events: list[list[Passage]]) -> str:
    """Passages per event over time, as an inline SVG bar chart (no script, no request)."""
    width, height, pad = 600, 120, 24
    if len(events) > 150:  # one bar a month, not a bar an event, for a chart that stays small
        events = [sum(g, []) for _, g in groupby(events, key=lambda g: (g[0].event.date.year, g[0].event.date.month))]
    days = [g[0].event.date.toordinal() for g in events]
    span = max(days[-1] - days[0], 1)
    tallest = max(len(g) for g in events)
    bars = []
    for group, day in zip(events, days, strict=True):
        x = pad + (width - 2 * pad) * (day - days[0]) / span if len(events) > 1 else width / 2
        h = (height - 2 * pad) * len(group) / tallest
        label = f"{long_date(group[0].event.date)}: {len(group)} passages, {group[0].event.title}"
        bars.append(f'<rect x="{x - 4:.1f}" y="{height - pad - h:.1f}" width="8" height="{h:.1f}">'
                    f"<title>{esc(label)}</title></rect>")
    axis = (f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" />'
            f'<text x="{pad}" y="{height - 6}">{events[0][0].event.date.year}</text>'
            f'<text x="{width - pad}" y="{height - 6}" text-anchor="end">{events[-1][0].event.date.year}</text>')
    summary = "; ".join(f"{long_date(g[0].event.date)}: {len(g)}" for g in events)
    return (f'<figure class="otr-chart"><svg viewBox="0 0 {width} {height}" role="img"'
            f' aria-label="Passages on {esc(theme.title)} per event: {esc(summary)}">{axis}{"".join(bars)}</svg>'
            f"<figcaption>Passages per event, by date.</figcaption></figure>")


def _event_group(theme: Theme, group: list[Passage], root: str) -> str:
    event = group[0].event
    items = "\n".join(_passage(theme, p, root) for p in group)
    return (f'<section class="otr-theme-event"><h2 id="{event.id}">{time(event.date)} · '
            f'<a href="{root}{urls.event(event.id)}">{esc(event.title)}</a></h2>\n{items}</section>')


def _passage(theme: Theme, p: Passage, root: str) -> str:
    role = esc(p.turn.speaker.role)
    kind = KIND_LABELS[p.turn.kind].lower()
    if p.turn.kind == "quotation":
        kind += f", as reported by {esc(p.event.sources[0].publisher)}"
    return (f'<div class="otr-passage"><p class="otr-passage-who"><strong>{esc(p.turn.speaker.person.name)}</strong>'
            f" · {role} · {kind} · {time(p.event.date)}</p>"
            f'<blockquote class="otr-passage-text">{_highlighted(theme, p.paragraph)}</blockquote>'
            f'<p><a href="{root}{urls.event(p.event.id)}#{p.anchor}">Read in context (#{p.anchor})</a></p></div>')


def _highlighted(theme: Theme, paragraph: Paragraph) -> str:
    """The passage, in full, with the words that tagged it marked."""
    text = esc(paragraph.text).replace("\n", "<br>")
    for words in {esc(e.words) for e in paragraph.evidence if e.theme == theme.slug and e.rule != "editor"}:
        text = re.sub(rf"(?<![\w>]){re.escape(words)}(?!\w)", lambda m: f"<mark>{m.group(0)}</mark>", text, count=1)
    return text
