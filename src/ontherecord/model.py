"""The archive's model: what an event is made of, once parsed and anchored.

Everything here is a frozen value. Parsing builds it (`source.py`, `anchors.py`,
`archive.py`), rendering reads it (`render/`), nothing changes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

TURN_KINDS = ("remarks", "question", "answer", "moderator", "chair", "quotation")


@dataclass(frozen=True)
class Person:
    id: str
    """Slug, the key in the people registry and the person's URL."""
    name: str
    role: str
    """Their office, e.g. 'Secretary General'."""
    affiliation: str
    description: str
    """One line on who they are."""
    provisional: bool = False
    """Added by the importer and not yet confirmed by the editor."""
    labels: tuple[str, ...] = ()
    """Other labels transcripts print for this person or role."""
    generic: bool = False
    """A role (audience member, journalist), not one person."""
    part: str | None = None
    """For a generic role: the part it plays in an event."""


def role_words(people: dict[str, Person]) -> frozenset[str]:
    """The labels of the registry's generic roles, lowercase: 'moderator', 'audience member', 'q'."""
    return frozenset(label.lower() for p in people.values() if p.generic for label in (p.name, *p.labels))


@dataclass(frozen=True)
class Speaker:
    label: str
    """The label exactly as printed in the source text."""
    person: Person
    role: str
    """Their role in this event, as shown beside their name."""
    part: str
    """main, moderator, chair, questioner or quoted: decides default turn kinds."""


@dataclass(frozen=True)
class Source:
    publisher: str
    url: str
    """The address it was copied from; empty when not known."""
    covers: str
    """Which part of the event this source covers, in words."""
    title: str = ""
    note: str = ""
    turns: tuple[str, ...] | None = None
    """Anchors of the turns this source covers; None means all of them."""


@dataclass(frozen=True)
class Segment:
    """A run of text inside a paragraph."""

    kind: str
    """'spoken' (published words), 'inserted' (the publisher's [square-bracket]
    insertion), 'note' (the archive's own clarification) or 'quotation' (a direct
    quotation inside a report)."""
    text: str
    anchor: str = ""
    """For a quotation: the anchor of its quotation turn."""
    marks: tuple[str, str] = ("", "")
    """For a quotation: the opening and closing quotation marks as printed."""


@dataclass(frozen=True)
class Theme:
    slug: str
    """Permanent id, used in the theme's URL."""
    title: str
    description: str
    core: bool = False
    """One of the themes the archive exists for."""


@dataclass(frozen=True)
class Evidence:
    """Why a passage carries a theme: the rule, and the words it matched."""

    theme: str
    rule: str
    """A rule id of the taxonomy, 'heading-of-section', or 'editor' for a theme set in the source."""
    words: str

    def __str__(self) -> str:
        return f"{self.theme}: rule '{self.rule}' matched “{self.words}”"


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    """Short, permanent in-page id, e.g. 'p12'."""
    segments: tuple[Segment, ...]
    line: int
    """The file line on which the paragraph starts."""
    aliases: tuple[str, ...] = ()
    """Published anchors of paragraphs merged into this one: they lead here too."""
    section_break: bool = False
    """A section break (***) stands before this paragraph."""
    themes: tuple[str, ...] = ()
    """Slugs of its themes, in taxonomy order."""
    evidence: tuple[Evidence, ...] = ()
    """Why it carries each theme."""

    @cached_property  # read many times per build; a frozen dataclass keeps it in its __dict__
    def text(self) -> str:
        """The published text, publisher's insertions included, archive notes left out."""
        text = "".join("\0" if s.kind == "note" else s.marks[0] + s.text + s.marks[1]
                       for s in self.segments)
        return text.replace(" \0 ", " ").replace("\0", "")


@dataclass(frozen=True)
class Turn:
    anchor: str
    """Short, permanent in-page id, e.g. 't5' (or 'q2' for a quotation in a report)."""
    speaker: Speaker
    kind: str
    """One of TURN_KINDS."""
    paragraphs: tuple[Paragraph, ...]
    line: int
    """The file line of the label (or of the first paragraph when unlabeled)."""
    aliases: tuple[str, ...] = ()
    in_reply_to: tuple[str, ...] = ()
    """Anchors of the questions this turn answers."""
    answered_by: tuple[str, ...] = ()
    """Anchors of the answers to this question."""
    sources: tuple[Source, ...] = ()
    """The sources that carry this turn."""

    @cached_property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @cached_property
    def themes(self) -> tuple[str, ...]:
        """Its paragraphs' themes, in order of first appearance."""
        return tuple(dict.fromkeys(t for p in self.paragraphs for t in p.themes))


@dataclass(frozen=True)
class Removed:
    """A published anchor whose passage was deleted, and where its links now lead."""

    anchor: str
    nearest: str
    note: str


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: dt.date
    venue: str
    kind: str
    """'transcript' or 'report'."""
    sources: tuple[Source, ...]
    speakers: tuple[Speaker, ...]
    turns: tuple[Turn, ...]
    """Transcript turns; for a report, its direct quotations of the speaker."""
    path: Path
    description: str = ""
    report: tuple[Paragraph, ...] = ()
    """For a report: the publisher's paragraphs, quotations marked inside them."""
    removed: tuple[Removed, ...] = ()
    new_anchors: tuple[str, ...] = field(default=(), compare=False)
    """Anchors assigned in this build that the published record does not hold yet."""
    fingerprint: str = field(default="", compare=False)
    """A digest of everything the event was built from (source, people, themes, anchor record, engine):
    pages made from this event alone can be kept under it from one build to the next."""

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph in page order."""
        if self.kind == "report":
            return self.report
        return tuple(p for t in self.turns for p in t.paragraphs)

    def turn(self, anchor: str) -> Turn:
        return next(t for t in self.turns if t.anchor == anchor)


@dataclass(frozen=True)
class Retired:
    """An event withdrawn from the archive, and why."""

    id: str
    title: str
    date: str
    why: str


@dataclass(frozen=True)
class Moves:
    renamed: dict[str, str] = field(default_factory=dict)
    """Old event id -> the id it has now (chains followed to their end)."""
    retired: dict[str, Retired] = field(default_factory=dict)


@dataclass(frozen=True)
class Archive:
    events: tuple[Event, ...]
    """In date order, oldest first."""
    people: dict[str, Person]
    themes: dict[str, Theme] = field(default_factory=dict)
    """By slug, in taxonomy order."""
    moves: Moves = field(default_factory=Moves)
    """Events renamed or retired since their addresses were published."""

    def turns_of(self, person_id: str) -> list[tuple[Event, Turn]]:
        return self._turns_by_person.get(person_id, [])

    @cached_property
    def _turns_by_person(self) -> dict[str, list[tuple[Event, Turn]]]:
        """Computed once: each person page would otherwise walk the whole archive."""
        out: dict[str, list[tuple[Event, Turn]]] = {}
        for e in self.events:
            for t in e.turns:
                out.setdefault(t.speaker.person.id, []).append((e, t))
        return out
