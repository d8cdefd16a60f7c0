"""The search records: one Pagefind record per event, each passage a sub-result, written into the site.

Records come from the model, not from crawling the site's pages, so each passage
is indexed exactly once (theme and standalone pages repeat passages) and no
navigation chrome is indexed. Each passage stands under a heading with its anchor,
so Pagefind's sub-results land on it. One record per event keeps Pagefind's memory
and the metadata every query loads small at a thousand events (one record per
passage cost 4 GB and 626 KB a query there). Filters are set per event; the
`passages` meta (each passage's speaker, role, kind and themes) lets the
search UI keep the speaker, kind and theme filters exact for each passage. Pagefind's
own CLI indexes the records in one run, while the generator renders pages (see `indexer`).
"""

from __future__ import annotations

import json
import re

from . import urls
from .model import Archive, Event, Theme
from .passages import Passage, passages_of
from .render.templates import render
from .vocabulary import KIND_LABELS, long_date

NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
           " seventeen eighteen nineteen twenty").split()
_PERCENT = re.compile(r"(?:^|(?<=[^\w.,]))(\d+(?:[.,]\d+)?|" + "|".join(NUMBERS) + r")"
                      r"\s*(?:%|\s(?:per\s?cent|percent|pc)\b)", re.IGNORECASE)


def unit_aliases(text: str) -> list[str]:
    """One index word for each number with a unit, whatever its spelling: '5%', 'five per cent' -> '5percent'.

    The search box turns a query's numbers into the same words (assets/ontherecord-search.js, `units`), so
    `5 percent` finds a passage that says `5%`. The words are the index's only: results never show them.
    """
    found = []
    for number in _PERCENT.findall(text):
        word = number.lower()
        # letters for the decimal mark: Pagefind splits words at '.', and 3.5% must not match 5%
        digits = str(NUMBERS.index(word)) if word in NUMBERS else word.replace(",", "point").replace(".", "point")
        found.append(digits + "percent")
    return list(dict.fromkeys(found))


DIGITS = "!$%()+,-./"
"""0-9 in the `passages` meta. Pagefind indexes every meta field's words: written out for each passage,
speaker names, roles and theme titles (a theme called "Ukraine" on most passages) cost a query for three
frequent words 115 KB, and Pagefind 190 MB of memory, at 1,000 events. It indexes no punctuation, and no
filter values."""


def record_html(event: Event, found: list[Passage], themes: dict[str, Theme]) -> str:
    """The page Pagefind indexes for one event (`found`, its passages): each under a heading with its anchor.

    Its `passages` meta has a row for each passage, in the order of their headings: the place of its
    speaker, role, kind and themes in the record's speaker filter, `roles` meta, kind filter and theme
    filter, each list sorted, in `DIGITS` (assets/ontherecord-search.js, `whoOf`, reads them)."""
    who = []
    for p in found:
        role = p.turn.speaker.role + (f", as reported by {event.sources[0].publisher}"
                                      if p.turn.kind == "quotation" else "")
        who.append((p.turn.speaker.person.name, role, KIND_LABELS[p.turn.kind],
                    [themes[t].title for t in p.paragraph.themes]))
    names, roles, kinds = (sorted({w[i] for w in who}) for i in range(3))
    titles = sorted({t for w in who for t in w[3]})
    rows = [":".join([_digits(names.index(name)), _digits(roles.index(role)), _digits(kinds.index(kind)),
                      *(_digits(titles.index(title)) for title in on)]) for name, role, kind, on in who]
    meta = {"title": event.title, "date": long_date(event.date), "roles": json.dumps(roles, ensure_ascii=False),
            "passages": " ".join(rows)}
    filters = {"theme": titles, "speaker": names, "event": [f"{event.date.isoformat()} · {event.title}"],
               "kind": kinds, "year": [str(event.date.year)]}
    passages = [{"anchor": p.anchor, "text": p.paragraph.text, "aliases": unit_aliases(p.paragraph.text)}
                for p in found]
    return render("search-record.html", event=event, meta=meta, filters=filters, passages=passages)


def _digits(number: int) -> str:
    return "".join(DIGITS[int(d)] for d in str(number))


def search_records(archive: Archive, made: list[tuple[str, int]] | None = None) -> tuple[dict[str, str], int]:
    """The records Pagefind indexes, by path ('events/<id>/index.html'), and how many passages they hold.
    `made`: each event's `record_of`, when made before."""
    made = made or [record_of(e, archive.themes) for e in archive.events]
    # The record's path is the event page's path: Pagefind's result and sub-result URLs are the site's.
    records = {urls.event(e.id) + "index.html": html for e, (html, _) in zip(archive.events, made, strict=True)}
    return records, sum(count for _, count in made)


def record_of(event: Event, themes: dict[str, Theme]) -> tuple[str, int]:
    """One event's search record, and how many passages it holds."""
    found = passages_of(event)
    return record_html(event, found, themes), len(found)
