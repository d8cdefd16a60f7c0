"""Theme pages: what a theme covers, its passages by event with the words that placed them marked."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from markupsafe import Markup

from .. import urls
from ..model import Archive, Paragraph, Theme
from ..passages import Passage, ThemeIndex, share_anchor
from ..vocabulary import long_date
from . import structured
from .page import RenderedPage, page_count, page_of
from .templates import render

PER_PAGE = 100
"""Passages per theme page: a theme of thousands of passages is split into pages of this many."""


def themes_index(archive: Archive, index: ThemeIndex, root: str, templates: Path | None = None) -> RenderedPage:
    html = render("themes.html", templates, root=root, themes=list(archive.themes.values()),
                  counts={slug: len(found) for slug, found in index.by_theme.items()})
    return RenderedPage("Themes", html, description="The themes of the archive, each with every passage on it.")


def theme_page_count(theme: Theme, index: ThemeIndex) -> int:
    return page_count(index.by_theme[theme.slug], PER_PAGE)


def inputs(theme: Theme, index: ThemeIndex, number: int) -> str | None:
    """Everything page `number` of a theme is made from besides the site's settings (the page is kept under
    this in the page cache); None for the first, whose chart and timeline draw on the whole archive."""
    found = index.by_theme[theme.slug]
    shown = page_of(found, PER_PAGE, number)
    if number == 1 or not all(p.event.fingerprint for p in shown):
        return None
    return " ".join([theme.slug, str(number), str(len(found)), str(len(index.by_event(theme.slug))),
                     found[0].event.date.isoformat(), found[-1].event.date.isoformat(),
                     *(p.event.fingerprint + p.paragraph.anchor for p in shown)])


def theme_page(theme: Theme, index: ThemeIndex, root: str, timeline: str = "", number: int = 1,
               templates: Path | None = None, site_url: str = "", site_name: str = "") -> RenderedPage:
    """Page `number` of a theme: its passages; the chart and timeline slice after them on the first."""
    found = index.by_theme[theme.slug]
    pages = page_count(found, PER_PAGE)
    events = index.by_event(theme.slug)
    groups = [[{"passage": p, "pieces": marked(p.paragraph, theme.slug), "share": share_anchor(p.turn, p.paragraph)}
               for p in group] for _, group in groupby(page_of(found, PER_PAGE, number), key=lambda p: p.event.id)]
    html = render("theme.html", templates, theme=theme, root=root, count=len(found), events=len(events),
                  first=found[0].event.date if found else None, last=found[-1].event.date if found else None,
                  number=number, pages=pages, groups=groups,
                  chart=chart(theme, events) if found and number == 1 else None,
                  timeline=Markup(timeline) if number == 1 else "")
    data = structured.graph(
        structured.compact({"@type": "CollectionPage", "@id": site_url + urls.theme(theme.slug), "name": theme.title,
                            "description": theme.description, "url": site_url + urls.theme(theme.slug),
                            "about": {"@type": "Thing", "name": theme.title}}),
        structured.breadcrumbs(site_url, site_name, ("Themes", urls.THEMES), (theme.title, urls.theme(theme.slug))))
    return RenderedPage(theme.title, html, description=theme.description, feed=urls.theme_feed(theme.slug),
                        head=render("_head.html", templates, citations=None, json_ld=data))


def marked(paragraph: Paragraph, slug: str) -> list[dict]:
    """The paragraph's text as pieces, each marked or not: the first place of each word that tagged it.

    Worked out on the text, before any escaping, so no word can match inside markup.
    """
    text = paragraph.text
    spans: list[tuple[int, int]] = []
    for words in sorted({e.words for e in paragraph.evidence if e.theme == slug and e.rule != "editor"}):
        found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
        if found and not any(a < found.end() and found.start() < b for a, b in spans):
            spans.append(found.span())
    pieces, at = [], 0
    for a, b in sorted(spans):
        pieces += [{"text": text[at:a], "marked": False}, {"text": text[a:b], "marked": True}]
        at = b
    pieces.append({"text": text[at:], "marked": False})
    return [p for p in pieces if p["text"]]


def chart(theme: Theme, events: list[list[Passage]]) -> dict:
    """Passages per event over time, as the numbers of an inline SVG bar chart (no script, no request)."""
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
        bars.append({"x": x - 4, "y": height - pad - h, "h": h,
                     "label": f"{long_date(group[0].event.date)}: {len(group)} passages, {group[0].event.title}"})
    return {"width": width, "height": height, "pad": pad, "base": height - pad, "bars": bars,
            "first_year": events[0][0].event.date.year, "last_year": events[-1][0].event.date.year,
            "summary": "; ".join(f"{long_date(g[0].event.date)}: {len(g)}" for g in events)}
