"""Anchors that never break: carrying published ids across edits of a source.

Every turn (`t12`), paragraph (`p48`) and report quotation (`q3`) gets a short
id. Once published, an id is kept in the event's record of anchors
(`docs/_data/anchors/<event>.yml`, written by `ontherecord lock`). On each
build the current text is matched against that record, as parlparse's
gidmatching does for Hansard:

1. the same text (typography and spacing aside) keeps its id;
2. a corrected text keeps its id when it still starts alike;
3. a paragraph merged into another leads there too (an alias);
4. a recorded id that matches nothing must be mapped under `removed:` in the
   front matter to the nearest remaining passage, or the build fails.

New passages take the next unused number, so ids are never reused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from . import schema
from .errors import SourceError
from .model import Event
from .text import normalize
from .yamldoc import load_yaml_file

_HEAD_CHARS = 160
_SIMILAR = 0.75
_NUMBER = re.compile(r"^([a-z])([0-9]+)$")


@dataclass(frozen=True)
class Recorded:
    """One published anchor, as kept in the record."""

    id: str
    hash: str = ""
    """Of the normalized text (paragraphs and quotations)."""
    head: str = ""
    """The normalized start of the text, for recognising corrected wording."""
    first: str = ""
    """For a turn: the anchor of its first paragraph."""
    removed: bool = False


@dataclass(frozen=True)
class Record:
    """The published anchors of one event."""

    turns: tuple[Recorded, ...] = ()
    paragraphs: tuple[Recorded, ...] = ()
    quotations: tuple[Recorded, ...] = ()


@dataclass
class Assignment:
    """Ids for the passages of one event, in page order."""

    paragraphs: list[str]
    turns: list[str]
    quotations: list[str]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Current id -> published ids that now lead to it."""
    lost: list[Recorded] = field(default_factory=list)
    """Published ids that match nothing now."""
    new: list[str] = field(default_factory=list)
    """Ids the record does not hold yet."""


def fingerprint(text: str) -> tuple[str, str]:
    norm = normalize(text)
    return hashlib.sha1(norm.encode()).hexdigest()[:12], norm[:_HEAD_CHARS]


def assign(record: Record, paragraphs: list[str], turns: list[list[int]], quotations: list[str]) -> Assignment:
    """Match current passages to the record.

    `paragraphs` are texts in page order; `turns` lists, per turn, the indexes
    of its paragraphs; `quotations` are texts of report quotations.
    """
    result = Assignment([], [], [])
    result.paragraphs = _match(record.paragraphs, paragraphs, "p", result)
    result.quotations = _match(record.quotations, quotations, "q", result)
    result.turns = _match_turns(record.turns, turns, result)
    return result


def _match(recorded: tuple[Recorded, ...], texts: list[str], prefix: str, result: Assignment) -> list[str]:
    ids: list[str | None] = [None] * len(texts)
    prints = [fingerprint(t) for t in texts]
    live = [r for r in recorded if not r.removed]
    result.lost.extend(r for r in recorded if r.removed)  # they must stay mapped under `removed:`
    unmatched: list[Recorded] = []
    by_hash: dict[str, list[int]] = {}
    for i, (h, _) in enumerate(prints):
        by_hash.setdefault(h, []).append(i)
    for old in live:
        free = [i for i in by_hash.get(old.hash, []) if ids[i] is None]
        if free:
            ids[free[0]] = old.id
        else:
            unmatched.append(old)
    still: list[Recorded] = []
    for old in unmatched:
        best, score = None, _SIMILAR
        for i, (_, head) in enumerate(prints):
            if ids[i] is None:
                ratio = _similarity(old.head, head)
                if ratio >= score:
                    best, score = i, ratio
        if best is None:
            still.append(old)
        else:
            ids[best] = old.id
    for old in still:
        holder = next((i for i, t in enumerate(texts) if ids[i] and old.head and old.head in normalize(t)), None)
        if holder is None:
            result.lost.append(old)
        else:
            result.aliases.setdefault(ids[holder], []).append(old.id)
    numbers = _Numbers(prefix, recorded)
    for i in range(len(ids)):
        if ids[i] is None:
            ids[i] = numbers.next()
            result.new.append(ids[i])
    return ids  # type: ignore[return-value]


def _similarity(old: str, new: str) -> float:
    """1.0 when one text starts with the other (a split or a merge), else difflib's ratio."""
    shorter = min(len(old), len(new))
    if shorter >= 30 and old[:shorter] == new[:shorter]:
        return 1.0
    return SequenceMatcher(None, old, new, autojunk=False).ratio()


def _match_turns(recorded: tuple[Recorded, ...], turns: list[list[int]], result: Assignment) -> list[str]:
    ids: list[str | None] = [None] * len(turns)
    holder: dict[str, int] = {}
    for t, members in enumerate(turns):
        for p in members:
            pid = result.paragraphs[p]
            for a in [pid, *result.aliases.get(pid, [])]:
                holder[a] = t
    for old in recorded:
        t = None if old.removed else holder.get(old.first)
        if t is None:
            result.lost.append(old)
        elif ids[t] is None:
            ids[t] = old.id
        else:
            result.aliases.setdefault(ids[t], []).append(old.id)
    numbers = _Numbers("t", recorded)
    for t in range(len(ids)):
        if ids[t] is None:
            ids[t] = numbers.next()
            result.new.append(ids[t])
    return ids  # type: ignore[return-value]


def line_near(lost: str, lines: dict[str, int]) -> int | None:
    """Where a lost anchor stood: the line of the closest earlier anchor of its kind still present."""
    m = _NUMBER.match(lost)
    earlier = [(int(n.group(2)), line) for a, line in lines.items()
               if (n := _NUMBER.match(a)) and n.group(1) == m.group(1) and int(n.group(2)) < int(m.group(2))]
    return max(earlier)[1] if earlier else None


class _Numbers:
    """Hands out ids after the highest ever recorded, so none is reused."""

    def __init__(self, prefix: str, recorded: tuple[Recorded, ...]) -> None:
        self.prefix = prefix
        self.last = max((int(m.group(2)) for r in recorded if (m := _NUMBER.match(r.id))), default=0)

    def next(self) -> str:
        self.last += 1
        return f"{self.prefix}{self.last}"


def updated_record(old: Record, event: Event) -> Record:
    """The record after publishing `event`: its current anchors, plus every older one."""
    removed = {r.anchor for r in event.removed}
    current_turns = {t.anchor: Recorded(t.anchor, first=t.paragraphs[0].anchor) for t in event.turns
                     if event.kind == "transcript"}
    current_paras = {p.anchor: Recorded(p.anchor, *fingerprint(p.text)) for p in event.paragraphs}
    current_quotes = {t.anchor: Recorded(t.anchor, *fingerprint(t.text)) for t in event.turns
                      if event.kind == "report"}

    def merge(current: dict[str, Recorded], previous: tuple[Recorded, ...]) -> tuple[Recorded, ...]:
        rows = dict(current)
        for r in previous:
            if r.id not in rows:  # merged into another passage, or removed
                rows[r.id] = replace(r, removed=r.id in removed)
        return tuple(sorted(rows.values(), key=lambda r: int(_NUMBER.match(r.id).group(2))))

    return Record(turns=merge(current_turns, old.turns), paragraphs=merge(current_paras, old.paragraphs),
                  quotations=merge(current_quotes, old.quotations))


# The record on disk -----------------------------------------------------------

_HEADER = (
    "# Published anchors of this event: every id that a link may point at.\n"
    "# Written by `ontherecord lock`; the build matches the source against it.\n"
    "# Do not edit by hand: to retire an anchor, map it under `removed:` in the event source.\n"
)


def read_record(path: Path) -> Record:
    """The record at `path` (empty if there is none). Raises SourceError naming the file and line."""
    if not path.exists():
        return Record()
    doc = load_yaml_file(path)
    if doc.data is None:
        return Record()
    try:
        schema.check(doc, "anchors")
    except SourceError as exc:
        raise SourceError(exc.path, exc.line, f"the record of published anchors is damaged: {exc.problem}",
                          "restore it from version control (git checkout -- <file>), then run `ontherecord"
                          " lock`; a merge conflict in it is resolved by keeping every anchor of both sides")\
            from None
    return Record(**{kind: tuple(Recorded(**entry) for entry in doc.data.get(kind, []))
                     for kind in ("turns", "paragraphs", "quotations")})


def write_record(path: Path, record: Record) -> None:
    def rows(items: tuple[Recorded, ...]) -> list[dict]:
        return [{k: v for k, v in vars(r).items() if v} for r in items]

    data = {kind: rows(getattr(record, kind)) for kind in ("turns", "paragraphs", "quotations")}
    data = {k: v for k, v in data.items() if v}
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
    path.write_text(_HEADER + body, encoding="utf-8")
