"""Quote check: the data the check reads, and the check itself for the command line.

The matcher is one JavaScript file (`js/quotecheck.js`): the /check/ page runs it in the reader's
browser against the events the search index finds; `check()` runs the very same file in an embedded
V8 (mini-racer) against the events that share the most words with the quotation. One implementation,
so the site and the command line cannot disagree on a verdict.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources

from . import urls
from .model import Archive, Event, Paragraph, Turn
from .vocabulary import KIND_LABELS, long_date

SUBJECT = "mark-rutte"
"""Whose record the archive keeps: words found in anyone else's mouth are 'other-speaker'."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def script() -> str:
    """The matcher, as shipped to the site."""
    return resources.files(__package__).joinpath("js/quotecheck.js").read_text(encoding="utf-8")


def event_data(event: Event) -> dict:
    """What the check needs of one event: its passages, grouped into runs of one speaker's turns.

    A run is the unit a quotation is matched against, so that a quotation spanning two paragraphs or two
    adjacent turns of the same speaker is one quotation. A report's own paragraphs are the publisher's.
    """
    units: list[dict] = []
    for turn in event.turns:
        last = units[-1] if units else None
        paragraphs = [{"anchor": p.anchor, "text": _spoken(p)} for p in turn.paragraphs]
        if last and last["person"] == turn.speaker.person.id and event.kind == "transcript":
            last["paragraphs"] += paragraphs
            continue
        units.append(_unit(turn, paragraphs))
    publisher = event.sources[0].publisher if event.sources else "the publisher"
    units += [{"speaker": publisher, "person": "", "role": "the publisher's own words, not a quotation",
               "kind": "Report", "turn": "", "paragraphs": [{"anchor": p.anchor, "text": _spoken(p, quotes=False)}]}
              for p in event.report]
    return {"event": event.id, "title": event.title, "date": event.date.isoformat(),
            "dateText": long_date(event.date), "url": urls.event(event.id), "units": units}


def _unit(turn: Turn, paragraphs: list[dict]) -> dict:
    return {"speaker": turn.speaker.person.name, "person": turn.speaker.person.id, "role": turn.speaker.role,
            "kind": KIND_LABELS[turn.kind], "turn": turn.anchor, "paragraphs": paragraphs}


def _spoken(p: Paragraph, quotes: bool = True) -> str:
    """The words as published: neither the archive's notes nor the publisher's [insertions]."""
    keep = ("spoken", "quotation") if quotes else ("spoken",)
    return " ".join(s.text for s in p.segments if s.kind in keep)


def data_files(archive: Archive) -> dict[str, str]:
    """One small JSON file per event, fetched by the /check/ page for the events the index finds."""
    return {urls.quote_data(e.id): json.dumps(event_data(e), ensure_ascii=False, separators=(",", ":"))
            for e in archive.events}


def candidates(text: str, archive: Archive) -> list[Event]:
    """The events holding the most of the quotation's search terms: the page asks the index for the same."""
    terms = json.loads(_runtime().call("otrTerms", text))
    counts = Counter()
    for event in archive.events:
        text = " ".join([*(t.text for t in event.turns), *(p.text for p in event.report)])
        words = {w.casefold() for w in _WORD.findall(text)}
        counts[event.id] = sum(t in words for t in terms)
    by_id = {e.id: e for e in archive.events}
    ranked = sorted((e for e in archive.events if counts[e.id]), key=lambda e: (-counts[e.id], e.id))
    return [by_id[e.id] for e in ranked[:_runtime().eval("OtrQuote.CANDIDATES")]]


def check(text: str, archive: Archive) -> dict:
    """The verdict on a quotation as printed, with the passage, the differences and the nearest passages."""
    events = [event_data(e) for e in candidates(text, archive)]
    return json.loads(_runtime().call("otrCheck", text, json.dumps(events), SUBJECT))


@cache
def _runtime():
    from py_mini_racer import MiniRacer  # loaded only when the command line checks a quotation

    runtime = MiniRacer()
    runtime.eval(script())
    runtime.eval("function otrCheck(q, events, subject) {"
                 " return JSON.stringify(OtrQuote.check(q, JSON.parse(events), subject)); }"
                 "function otrTerms(q) { return JSON.stringify(OtrQuote.searchTerms(q)); }")
    return runtime
