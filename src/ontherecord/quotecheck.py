"""Quote check: the data the check reads, and the check itself for the command line.

The matcher is one JavaScript file (`js/quotecheck.js`): the /check/ page runs it in the reader's
browser against the events the search index finds; `check()` runs the very same file in an embedded
V8 (mini-racer) against the events that share the most words with the quotation. One implementation,
so the site and the command line cannot disagree on a verdict.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

from . import urls
from .model import Archive, Event, Paragraph, Turn
from .vocabulary import KIND_LABELS, long_date

SUBJECT = "mark-rutte"
"""Whose record the archive keeps: words found in anyone else's mouth are 'other-speaker'."""
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word as the matcher reads one ([\\p{L}\\p{N}]+ with apostrophes inside)."""


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


def data_files(archive: Archive, made: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """What the /check/ page reads: one small JSON file per event, the list of events, and the word index
    (word -> the numbers of the events that hold it) split into files by a hash of the word. `made`: each
    event's `of_event`, when made before."""
    made = made or [of_event(e) for e in archive.events]
    files = {urls.quote_data(e.id): data for e, (data, _) in zip(archive.events, made, strict=True)}
    files[urls.QUOTE_EVENTS] = _json([e.id for e in archive.events])
    shards: dict[int, dict[str, list[int]]] = {}
    for word, events in sorted(_postings([words for _, words in made]).items()):
        shards.setdefault(_shard(word), {})[word] = events
    files.update({urls.quote_words(n): _json(words) for n, words in shards.items()})
    return files


def of_event(event: Event) -> tuple[str, str]:
    """What the check's files hold of one event: its data file, and the words the index lists it under."""
    return _json(event_data(event)), words_of(event)


def words_of(event: Event) -> str:
    """Every word of the event the check may search for, space-separated (one string: thousands of words an
    event, for a thousand events, are kept until the index is made)."""
    skip = _stopwords()
    text = unicodedata.normalize("NFKC", " ".join([*(t.text for t in event.turns), *(p.text for p in event.report)]))
    return " ".join(sorted(w for w in {w.lower() for w in _WORD.findall(text)} if len(w) >= 3 and w not in skip))


def postings(archive: Archive) -> dict[str, list[int]]:
    """Every word the check may search for -> the numbers (in archive order) of the events that hold it."""
    return _postings([words_of(e) for e in archive.events])


def _postings(words: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for number, theirs in enumerate(words):
        for word in theirs.split():
            out.setdefault(word, []).append(number)
    return out


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(json.loads(_runtime().eval("JSON.stringify(OtrQuote.STOPWORDS)")))


def _shard(word: str) -> int:
    """FNV-1a over the word's UTF-16 code units, as `OtrQuote.shard` computes it in the reader's browser."""
    h = 0x811C9DC5
    units = word.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | units[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % _shards()


@cache
def _shards() -> int:
    return int(_runtime().eval("OtrQuote.SHARDS"))


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def candidates(text: str, archive: Archive) -> list[Event]:
    """The events the page would read for this quotation: the same terms, the same index, the same ranking."""
    runtime = _runtime()
    terms = json.loads(runtime.call("otrTerms", text))
    index = postings(archive)
    chosen = json.loads(runtime.call("otrRank", json.dumps(terms), json.dumps({t: index.get(t, []) for t in terms}),
                                     len(archive.events)))
    return [archive.events[n] for n in chosen]


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
                 "function otrTerms(q) { return JSON.stringify(OtrQuote.searchTerms(q)); }"
                 "function otrRank(terms, postings, n) {"
                 " return JSON.stringify(OtrQuote.rankEvents(JSON.parse(terms), JSON.parse(postings), n)); }")
    return runtime
