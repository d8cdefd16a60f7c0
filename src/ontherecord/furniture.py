"""Page furniture in pasted web text, recognised by rules kept as data (docs/_data/furniture.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from . import schema
from .yamldoc import load_yaml_file


@dataclass(frozen=True)
class FurnitureRule:
    id: str
    kind: str
    """'line', 'block' or 'tail'."""
    note: str
    match: tuple[re.Pattern, ...]
    until: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class RemovedRun:
    """A run of lines removed as furniture: 1-based, inclusive."""

    rule: str
    note: str
    first: int
    last: int
    preview: str


def load_rules(path: Path) -> tuple[FurnitureRule, ...]:
    """The rules at `path`, read again whenever the file changes."""
    stat = path.stat()
    return _load_rules(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_rules(path: Path, _mtime: int, _size: int) -> tuple[FurnitureRule, ...]:
    doc = load_yaml_file(path)
    schema.check(doc, "furniture")

    def compiled(patterns):
        return tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in patterns)

    return tuple(FurnitureRule(r["id"], r["kind"], r.get("note", ""), compiled(r["match"]),
                               compiled(r.get("until", []))) for r in doc.data)


def strip(lines: list[str], rules: tuple[FurnitureRule, ...]) -> tuple[list[int], list[RemovedRun]]:
    """The indexes of the lines to keep, and what was removed (line numbers are 1-based)."""
    keep, removed = [], []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        rule = next((r for r in rules if line and any(p.fullmatch(line) for p in r.match)), None)
        if rule is None:
            keep.append(i)
            i += 1
            continue
        end = i
        if rule.kind == "tail":
            end = len(lines) - 1
        elif rule.kind == "block":
            ends = (j for j in range(i + 1, len(lines)) if any(p.fullmatch(lines[j].strip()) for p in rule.until))
            end = next(ends, i)
        removed.append(RemovedRun(rule.id, rule.note, i + 1, end + 1, line[:60]))
        i = end + 1
    return keep, _merge(removed)


def _merge(removed: list[RemovedRun]) -> list[RemovedRun]:
    """Adjacent removals by one rule, reported as one run."""
    out: list[RemovedRun] = []
    for r in removed:
        if out and out[-1].rule == r.rule and r.first <= out[-1].last + 2:
            out[-1] = replace(out[-1], last=r.last)
        else:
            out.append(r)
    return out
