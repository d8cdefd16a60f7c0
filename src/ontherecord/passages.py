"""Passages: the citable units that themes collect (paragraphs of transcripts, quotations of reports)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import groupby

from .model import Archive, Event, Paragraph, Turn


@dataclass(frozen=True)
class Passage:
    event: Event
    turn: Turn
    paragraph: Paragraph

    @property
    def anchor(self) -> str:
        return self.paragraph.anchor


def passages(archive: Archive) -> list[Passage]:
    """Every passage in date and page order."""
    return [p for e in archive.events for p in passages_of(e)]


def passages_of(event: Event) -> list[Passage]:
    return [Passage(event, t, p) for t in event.turns for p in t.paragraphs]


def standalone(event: Event) -> list[tuple[str, Turn, Paragraph | None]]:
    """(anchor, turn, paragraph) of every passage with a page of its own: each turn or quotation, and each
    paragraph of a turn of several (a paragraph of a one-paragraph turn is shared as its turn)."""
    pages: list[tuple[str, Turn, Paragraph | None]] = []
    for turn in event.turns:
        pages.append((turn.anchor, turn, None))
        if len(turn.paragraphs) > 1:
            pages.extend((p.anchor, turn, p) for p in turn.paragraphs)
    return pages


def share_anchor(turn: Turn, paragraph: Paragraph) -> str:
    """The anchor of the page that shares `paragraph`: its own, or its turn's when it is the turn's only one."""
    return paragraph.anchor if len(turn.paragraphs) > 1 else turn.anchor


class ThemeIndex:
    """Passages by theme, in date order, for theme pages and 'on this theme elsewhere'."""

    def __init__(self, archive: Archive) -> None:
        self.by_theme: dict[str, list[Passage]] = {slug: [] for slug in archive.themes}
        for passage in passages(archive):
            for slug in passage.paragraph.themes:
                self.by_theme[slug].append(passage)
        self._ordinals = {slug: [p.event.date.toordinal() for p in ps] for slug, ps in self.by_theme.items()}
        self._grouped: dict[str, list[list[Passage]]] = {}

    def by_event(self, slug: str) -> list[list[Passage]]:
        """A theme's passages grouped by event, in date order; computed once per theme."""
        if slug not in self._grouped:
            self._grouped[slug] = [list(g) for _, g in groupby(self.by_theme[slug], key=lambda p: p.event.id)]
        return self._grouped[slug]

    def elsewhere(self, event: Event, slug: str, limit: int = 3) -> list[Passage]:
        """Passages on `slug` in other events, nearest in time first (earlier first on a tie)."""
        items, days = self.by_theme[slug], self._ordinals[slug]
        target = event.date.toordinal()
        right = bisect.bisect_left(days, target)
        left = right - 1
        found: list[Passage] = []
        while len(found) < limit and (left >= 0 or right < len(items)):
            take_left = right >= len(items) or (left >= 0 and target - days[left] <= days[right] - target)
            i = left if take_left else right
            if take_left:
                left -= 1
            else:
                right += 1
            if items[i].event.id != event.id and all(p.event.id != items[i].event.id for p in found):
                found.append(items[i])
        return found
