"""Standalone pages, one per turn or quotation: a light template, outside the generator's build.

At 1,000 events there are some 40,000 of them, so they are plain strings written
after the main build, not generator pages. They use the site's stylesheets.
"""

from __future__ import annotations

import datetime as dt

from .. import cite, urls
from ..escape import script_json
from ..model import Event, Theme, Turn
from ..settings import SiteInfo
from ..vocabulary import KIND_LABELS, excerpt, long_date
from .html import esc, inline, time


def title_of(event: Event, turn: Turn) -> str:
    return f"{turn.speaker.person.name}, {KIND_LABELS[turn.kind].lower()} · {event.title} ({long_date(event.date)})"


def passage_page(event: Event, turn: Turn, themes: dict[str, Theme], site: SiteInfo) -> str:
    path = urls.passage(event.id, turn.anchor)
    root = urls.root_of(path)
    canonical = site.url + path
    in_context = f"{root}{urls.event(event.id)}#{turn.anchor}"
    title = title_of(event, turn)
    description = excerpt(turn.text, 35)
    head = "".join([
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{esc(title)} · {esc(site.name)}</title>",
        f'<meta name="description" content="{esc(description)}">',
        f'<link rel="canonical" href="{esc(canonical)}"><link rel="icon" href="{root}{site.icon}">',
        f'<meta property="og:type" content="article"><meta property="og:site_name" content="{esc(site.name)}">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">',
        '<meta name="twitter:card" content="summary">',
        f'<meta name="twitter:title" content="{esc(title)}">',
        f'<meta name="twitter:description" content="{esc(description)}">',
        *(f'<link rel="stylesheet" href="{root}{s}">' for s in site.stylesheets),
        f'<script type="application/ld+json">{_json_ld(event, turn, canonical, site)}</script>',
    ])
    body = "\n".join([
        f'<h1>{esc(turn.speaker.person.name)}: {KIND_LABELS[turn.kind].lower()}</h1>',
        (f'<p class="otr-passage-who">{esc(turn.speaker.role)} · {time(event.date)} · {esc(event.venue)} ·'
         f' <a href="{root}{urls.event(event.id)}">{esc(event.title)}</a></p>'),
        _chips(turn, themes, root),
        f'<blockquote class="otr-standalone-text" id="{turn.anchor}">'
        + "".join(f"<p>{inline(p.segments)}</p>" for p in turn.paragraphs) + "</blockquote>",
        _exchange(event, turn, root),
        f'<p class="otr-in-context"><a href="{in_context}">Read in context</a> (#{turn.anchor} on the event page)</p>',
        _sources(turn),
        _citations(event, turn, canonical, site.built, site.name),
    ])
    return (f'<!doctype html><html lang="en" class="no-js"><head>{head}</head>'
            '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo"'
            ' data-md-color-accent="indigo"><script>if(matchMedia("(prefers-color-scheme: dark)").matches)'
            'document.body.dataset.mdColorScheme="slate"</script>'
            f'<header class="md-header otr-light-header"><nav class="md-header__inner md-grid">'
            f'<a class="otr-light-home" href="{root}">{esc(site.name)}</a>'
            f'<a href="{root}{urls.EVENTS}">Events</a><a href="{root}{urls.THEMES}">Themes</a>'
            f'<a href="{root}{urls.PEOPLE}">People</a>'
            "</nav></header>"
            f'<main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">'
            f'<article class="md-content__inner md-typeset otr-standalone">{body}</article></div></div></main>'
            + "".join(f'<script src="{root}{s}"></script>' for s in site.scripts) + "</body></html>\n")


def _chips(turn: Turn, themes: dict[str, Theme], root: str) -> str:
    if not turn.themes:
        return ""
    items = "".join(f'<li><a class="otr-chip" href="{root}{urls.theme(s)}">{esc(themes[s].title)}</a></li>'
                    for s in turn.themes)
    return f'<ul class="otr-chips" aria-label="Themes">{items}</ul>'


def _exchange(event: Event, turn: Turn, root: str) -> str:
    rows = []
    for label, anchors in (("In answer to", turn.in_reply_to), ("Answered in", turn.answered_by)):
        for a in anchors:
            other = event.turn(a)
            rows.append(f'<p class="otr-exchange">{label} <a href="{root}{urls.passage(event.id, a)}">'
                        f"the {KIND_LABELS[other.kind].lower()} by {esc(other.speaker.person.name)}</a>:"
                        f" “{esc(excerpt(other.text, 30))}”</p>")
    return "".join(rows)


def _sources(turn: Turn) -> str:
    items = "".join(
        f"<li>{esc(s.publisher)}" + (f': <a href="{esc(s.url)}" rel="external">{esc(s.title or s.url)}</a>' if s.url
                                      else f": {esc(s.title)}" if s.title else "") + "</li>"
        for s in turn.sources)
    return f'<h2 id="sources">Sources</h2><ul class="otr-sources">{items}</ul>'


def _citations(event: Event, turn: Turn, canonical: str, built: dt.date, site_name: str) -> str:
    t = cite.templates(event, turn, site_name)
    plain = cite.fill(t["plain"], canonical, built, turn.anchor)
    bib = cite.fill(t["bibtex"], canonical, built, turn.anchor)
    return (f'<h2 id="cite">Cite this {KIND_LABELS[turn.kind].lower()}</h2>'
            f'<div class="otr-citations" data-turn="{turn.anchor}" data-url="{esc(canonical)}">'
            f'<p>Plain text</p><pre class="otr-cite-plain">{esc(plain)}</pre>'
            f'<p>BibTeX</p><pre class="otr-cite-bibtex">{esc(bib)}</pre></div>'
            f'<script type="application/json" id="otr-cite-data">{cite.page_data(event, [turn], site_name)}</script>')


def _json_ld(event: Event, turn: Turn, canonical: str, site: SiteInfo) -> str:
    data = {
        "@context": "https://schema.org", "@type": "Quotation", "url": canonical,
        "text": turn.text, "spokenByCharacter": {"@type": "Person", "name": turn.speaker.person.name},
        "creator": {"@type": "Person", "name": turn.speaker.person.name},
        "dateCreated": event.date.isoformat(),
        "isPartOf": {"@type": "Event", "name": event.title, "startDate": event.date.isoformat(),
                     "location": {"@type": "Place", "name": event.venue},
                     "url": site.url + urls.event(event.id)},
    }
    return script_json(data)
