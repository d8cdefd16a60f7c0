"""The timeline: events, and the dated moments their passages refer to.

Moments are curated data (docs/_data/moments.yml). A moment is mentioned by a
passage when one of its rules matches the passage (the rule language of themes).
The editor's report lists moments no passage mentions, and years in the texts
that match no moment, so that the data file can grow with the archive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .errors import SourceError
from .model import Archive, Event
from .passages import Passage, passages_of
from .themes import Prefilter, Rule, compile_rules
from .yamldoc import load_yaml_file

_YEAR = re.compile(r"(?<![\d.,/])(1[89]\d\d|20\d\d)(?![\d%])")


@dataclass(frozen=True)
class Moment:
    id: str
    date: str
    """As written: YYYY, YYYY-MM or YYYY-MM-DD; the form is the precision."""
    title: str
    description: str
    themes: tuple[str, ...]
    rules: tuple[Rule, ...]

    @property
    def precision(self) -> str:
        return ("year", "month", "day")[self.date.count("-")]

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: a year before its months, a month before its days."""
        return _key(self.date)

    @property
    def first_day(self) -> dt.date:
        return _first_day(self.date)

    @property
    def label(self) -> str:
        day = self.first_day
        return {"year": f"{day.year}", "month": f"{day:%B %Y}", "day": f"{day.day} {day:%B %Y}"}[self.precision]


@dataclass(frozen=True)
class Mention:
    moment: str
    passage: Passage
    rule: str
    words: str


@dataclass(frozen=True)
class Timeline:
    moments: tuple[Moment, ...]
    """In date order."""
    mentions: dict[str, tuple[Mention, ...]]
    """Moment id -> its mentions, in date and page order."""
    latest: dt.date | None
    """The date of the latest event: moments after it are still ahead."""
    unmatched_years: tuple[tuple[Passage, str], ...]

    def ahead(self, moment: Moment) -> bool:
        return self.latest is not None and moment.first_day > self.latest

    def entries(self, events: tuple[Event, ...]) -> list[tuple[tuple[int, int, int], Event | Moment]]:
        """Events and moments together, in date order (an event after a moment of the same day)."""
        items = [(m.key, 0, m) for m in self.moments]
        items += [((e.date.year, e.date.month, e.date.day), 1, e) for e in events]
        return [(key, item) for key, _, item in sorted(items, key=lambda x: (x[0], x[1]))]

    def report(self) -> list[str]:
        lines = [f"timeline: moment '{m.id}' ({m.date}) is mentioned by no passage"
                 for m in self.moments if not self.mentions[m.id]]
        years: dict[str, list[Passage]] = {}
        for p, year in self.unmatched_years:
            years.setdefault(year, []).append(p)
        for year, found in sorted(years.items()):
            where = f"{found[0].event.id}#{found[0].anchor}" + (f" and {len(found) - 1} more" if len(found) > 1 else "")
            lines.append(f"timeline: {where} mentions {year}, which matches no moment"
                         " (add one to docs/_data/moments.yml if it matters)")
        return lines


def _key(date: str) -> tuple[int, int, int]:
    y, m, d = ([int(x) for x in date.split("-")] + [0, 0])[:3]
    return y, m, d


def _first_day(date: str) -> dt.date:
    y, m, d = _key(date)
    return dt.date(y, m or 1, d or 1)


def load_moments(path: Path, themes: dict) -> tuple[Moment, ...]:
    doc = load_yaml_file(path)
    schema.check(doc, "moments")
    moments = []
    for i, entry in enumerate(doc.data or []):
        for j, slug in enumerate(entry["themes"]):
            if slug not in themes:
                raise SourceError(path, doc.line_of([i, "themes", j]), f"'{slug}' is not a theme",
                                  f"use a slug from docs/_data/themes.yml: {', '.join(themes)}")
        try:
            _first_day(entry["date"])
        except ValueError:
            raise SourceError(path, doc.line_of([i, "date"]), f"the date {entry['date']!r} does not exist",
                              "write a real date as YYYY, YYYY-MM or YYYY-MM-DD") from None
        moments.append(Moment(id=entry["id"], date=entry["date"], title=entry["title"],
                              description=entry["description"], themes=tuple(entry["themes"]),
                              rules=compile_rules(entry["mentions"], doc, [i, "mentions"])))
    return tuple(sorted(moments, key=lambda m: m.key))


def build_timeline(archive: Archive, moments: tuple[Moment, ...],
                   made: list[list[tuple]] | None = None) -> Timeline:
    """The moments with the passages that mention them. `made`: each event's `mentions_of`, when made before."""
    if made is None:
        prefilter = moment_prefilter(moments)
        made = [mentions_of(e, moments, prefilter) for e in archive.events]
    found: dict[str, list[Mention]] = {m.id: [] for m in moments}
    unmatched = []
    for event, hits in zip(archive.events, made, strict=True):
        found_here = passages_of(event)
        for i, moment, rule, words in hits:
            if moment:
                found[moment].append(Mention(moment, found_here[i], rule, words))
            else:
                unmatched.append((found_here[i], words))
    latest = archive.events[-1].date if archive.events else None
    return Timeline(moments, {k: tuple(v) for k, v in found.items()}, latest, tuple(unmatched))


def mentions_of(event: Event, moments: tuple[Moment, ...], prefilter: Prefilter) -> list[tuple]:
    """What one event's passages mention, in page order, as (passage number, moment id, rule, words), and
    (passage number, '', '', year) for a year that matches no moment. `prefilter`: `moment_prefilter`'s."""
    out: list[tuple] = []
    dates = {m.id: m.date for m in moments}
    for i, p in enumerate(passages_of(event)):
        text = p.paragraph.text
        mentioned, years_here = set(), set()
        for moment, rule, words in prefilter.matches(text):
            if moment not in mentioned:  # a moment's first rule to match is the one kept
                out.append((i, moment, rule.id, words))
                mentioned.add(moment)
                years_here.add(dates[moment][:4])
        out.extend((i, "", "", year) for year in dict.fromkeys(_YEAR.findall(text)) if year not in years_here)
    return out


def moment_prefilter(moments: tuple[Moment, ...]) -> Prefilter:
    """One pass over a text names the few moments worth trying."""
    return Prefilter({m.id: m.rules for m in moments})
