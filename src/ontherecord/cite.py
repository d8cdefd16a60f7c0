"""Citations of a passage, as plain text and as BibTeX.

The format lives here only. A page embeds the two citations as templates with `{url}`,
`{accessed}`, `{accessed_iso}` and `{anchor}` slots; the site's script fills them for the
turn or paragraph being cited and the reader's date. A passage's own page is written with its address
and without the date, which the script adds: a page holds nothing of the day it was built.
"""

from __future__ import annotations

import re

from .model import Event, Turn
from .vocabulary import KIND_LABELS, long_date


def templates(event: Event, turn: Turn, site_name: str) -> dict[str, str]:
    """The citation of `turn` as text and as BibTeX, with {url} and {accessed} to fill in."""
    return {"plain": _plain(event, turn, site_name), "bibtex": _bibtex(event, turn, site_name)}


PLAIN_ACCESSED, BIBTEX_ACCESSED = " (accessed {accessed})", ". Accessed {accessed_iso}"
"""The clause of each form that holds the reader's date."""


def undated(template: str, url: str, anchor: str) -> tuple[str, str, str]:
    """`template` filled but for its date: (the words before the dated clause, the clause, the words after)."""
    filled = template.replace("{url}", url).replace("{anchor}", anchor)
    for clause in (PLAIN_ACCESSED, BIBTEX_ACCESSED):
        before, found, after = filled.partition(clause)
        if found:
            return before, clause, after
    raise ValueError(f"no dated clause in the citation {template!r}")


def page_data(event: Event, turns: list[Turn], site_name: str) -> dict:
    """The citation templates of `turns`: each distinct one once ('forms'), and which each turn uses ('turns').

    Turns by the same speaker in the same part share a form, so a 39-turn page carries a handful.
    """
    forms: list[dict[str, str]] = []
    used: dict[str, int] = {}
    for t in turns:
        form = templates(event, t, site_name)
        if form not in forms:
            forms.append(form)
        used[t.anchor] = forms.index(form)
    return {"forms": forms, "turns": used}


def _sources(turn: Turn) -> str:
    return "; ".join(f"{s.publisher}{', ' + s.url if s.url else ''}" for s in turn.sources)


def _plain(event: Event, turn: Turn, site_name: str) -> str:
    what = "quotation as reported by the publisher" if turn.kind == "quotation" else KIND_LABELS[turn.kind].lower()
    return (f"{turn.speaker.person.name} ({turn.speaker.role}), {what}. {event.title}. {event.venue},"
            f" {long_date(event.date)}. Source: {_sources(turn)}. {site_name}, {{url}}"
            f"{PLAIN_ACCESSED}.")


def _bibtex(event: Event, turn: Turn, site_name: str) -> str:
    *first, last = turn.speaker.person.name.split()
    key = re.sub(r"[^a-z0-9]", "", f"{last.lower()}{event.date:%Y%m%d}{event.id.split('-')[-1]}") + "{anchor}"
    fields = [
        ("author", "{" + _tex(f"{last}, {' '.join(first)}" if first else last) + "}"),
        ("title", "{" + _tex(f"{KIND_LABELS[turn.kind]}: {event.title}") + "}"),
        ("howpublished", "{" + _tex(f"{event.venue}, {long_date(event.date)}") + "}"),
        ("year", "{" + str(event.date.year) + "}"), ("month", f"{event.date:%b}".lower()),
        ("url", "{{url}}"),
        ("note", "{" + _tex(f"Source: {_sources(turn)}. {site_name}") + BIBTEX_ACCESSED + "}"),
    ]
    body = ",\n".join(f"  {k} = {v}" for k, v in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _tex(text: str) -> str:
    """Escape BibTeX's special characters, and the template's own braces."""
    return re.sub(r"([{}%&$#_])", r"\\\1", text)
