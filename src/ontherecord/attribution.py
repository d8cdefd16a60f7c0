"""Who says each line of a pasted transcript: speaker labels found by the one rule in `labels`, graded.

Every line whose opening could be a label (`labels.could_be_label`) ends up in one
of three places: a label the text makes sure of, speech the editor declared, or a
question for the editor naming its line. Nothing that could be a label becomes
speech by default.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .labels import Opening, Shape, as_labels, could_be_label, near_miss, normal, opening, typo_of


@dataclass(frozen=True)
class Row:
    """One line of pasted text that is kept (not furniture, not header)."""

    number: int
    """1-based line number in the pasted file."""
    text: str
    starts_paragraph: bool


@dataclass
class Turn:
    label: str | None
    """The label as printed (bold marks, timestamps and colon left out); None for an unlabeled opening."""
    line: int
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    """(first line, text) of each paragraph of the turn."""
    printed: str = ""
    """How to write the label line in the source: as printed when plain, else the bare label."""
    inline: bool = False
    """The label opened a line of words ("Q: ..."), rather than standing alone."""
    joined: bool = False
    """A label alone on its line, with the words on the next line of the same paragraph."""


@dataclass(frozen=True)
class Question:
    """A line the importer cannot decide on: the editor says what it is (its line, its start, why, how)."""

    def __str__(self) -> str:
        return f"line {self.line}: “{self.text}” — {self.why}; {self.how}"

    line: int
    text: str
    why: str
    how: str


@dataclass(frozen=True)
class Decisions:
    """What the editor has declared on the command line."""

    labels: frozenset[str] = frozenset()
    """Phrases that are speaker labels (--label)."""
    speech: frozenset[str] = frozenset()
    """Phrases that are words of the speech (--not-label)."""
    people: dict[str, str] = field(default_factory=dict)
    """Label -> person id, for labels that name nobody or the wrong body ("A=mark-rutte")."""


@dataclass
class Attribution:
    turns: list[Turn]
    questions: list[Question]


def attribute(rows: list[Row], *, roles: frozenset[str], known: set[str], decisions: Decisions) -> Attribution:
    """Split `rows` into turns. `roles` are generic role words, `known` the names and labels of registry people."""
    found = _candidates(rows, roles)
    counts = Counter(normal(op.label) for op, _ in found.values())
    normals = {normal(label) for label in known}
    questions: list[Question] = []
    sure: dict[int, Opening] = {}
    for index, (op, kind) in found.items():
        if op.label in decisions.speech:
            continue
        if op.label in decisions.labels or _sure(op, kind, counts[normal(op.label)], normals):
            sure[index] = op
        else:
            questions.append(_unsure(rows[index], op, kind))
    _typos(rows, found, sure, decisions, questions, as_labels(roles) | known)
    return Attribution(_turns(rows, sure), sorted(questions, key=lambda q: q.line))


def _candidates(rows: list[Row], roles: frozenset[str]) -> dict[int, tuple[Opening, Shape]]:
    out = {}
    for i, row in enumerate(rows):
        op = opening(row.text)
        kind = could_be_label(op, roles)
        if kind is None or (op.sep == "line" and i == len(rows) - 1):
            continue  # a last short line has no words to introduce
        inside = not row.starts_paragraph
        if inside and op.sep in ("line", "line-stop") and kind.kind == "name" \
                and not row.text.rstrip().endswith((":", "：")):
            continue  # one sentence per line: a short line inside a paragraph is a label only with its colon
        out[i] = (op, kind)
    return out


def _sure(op: Opening, kind: Shape, count: int, known: set[str]) -> bool:
    if op.sep == "line-stop":
        return False  # "Mark Rutte." alone on a line: a label with a stray stop, or a sentence
    if kind.kind in ("qa", "role") or count >= 2 or normal(op.label) in known or normal(kind.base) in known:
        return True
    if op.sep in ("dash", "stop-dash"):  # "Europe – and this matters": a dash needs a name that says more
        return kind.marked and kind.words >= 2
    return kind.marked or kind.words >= 2


def _unsure(row: Row, op: Opening, kind: Shape) -> Question:
    if op.sep == "line-stop":
        return Question(row.number, row.text.strip()[:80], f"“{op.label}” could be a speaker label printed with a"
                        " full stop", f"remove the stop in the pasted text if it is one, or give --not-label"
                        f" {op.label!r} if it is speech")
    what = "a one-word phrase" if kind.words == 1 else "a name"
    return Question(row.number, row.text.strip()[:80],
                    f"“{op.label}” could be a speaker label ({what} printed once, where labels stand)",
                    f"give --label {op.label!r} if it is one, or --not-label {op.label!r} if it is speech")


def _typos(rows, found, sure, decisions, questions, registry: set[str]) -> None:
    """A label that differs from a more frequent one, or from a name or role of the registry, by a typo or
    punctuation is asked about: "Moderater", "Audience xember", "Mark Rxtte"."""
    counts = Counter(op.label for op in sure.values())
    registered = {normal(label) for label in registry}
    for i, row in enumerate(rows):
        op = sure.get(i)
        phrase = op.label if op else None
        if i in found and found[i][0].label in decisions.speech:
            continue
        if phrase in decisions.labels or phrase in decisions.speech or (
                phrase and normal(re.sub(r"\s*\d+$", "", phrase)) in registered):
            continue  # "JOURNALIST" is the registry's "Journalist": case is no typo there
        if op:
            rivals = {label for label in counts if label != phrase and counts[label] >= counts[phrase]}
            typo = next((label for label in sorted(rivals | registry) if near_miss(phrase, label)), None)
        else:
            typo = typo_of(row.text, set(counts) | registry)
        if typo is None:
            continue
        sure.pop(i, None)
        printed = phrase or (found[i][0].label if i in found else row.text.strip())
        questions[:] = [q for q in questions if q.line != row.number]  # the typo is the better question
        questions.append(Question(row.number, row.text.strip()[:80],
                                  f"looks like the label “{typo}” with a typo or other punctuation",
                                  f"correct it in the pasted text, or give --label {printed!r} if it is another"
                                  " speaker"))


def _turns(rows: list[Row], sure: dict[int, Opening]) -> list[Turn]:
    turns: list[Turn] = []
    paragraph: list[str] = []
    first = 0

    def flush():
        if paragraph:
            if not turns:
                turns.append(Turn(None, first))
            turns[-1].paragraphs.append((first, "\n".join(paragraph)))
            paragraph.clear()

    for i, row in enumerate(rows):
        op = sure.get(i)
        if op is not None:
            flush()
            plain = row.text.strip()
            prefix = plain[: len(plain) - len(op.rest)] if op.rest and plain.endswith(op.rest) else ""
            printed = plain if plain in (op.label, op.label + ":") else op.label
            if op.sep != "line":  # "Q   What ...", "MR RUTTE: ...": kept as printed; "**Q:** ..." becomes "Q: ..."
                printed = prefix if prefix.rstrip().rstrip(":").rstrip() == op.label else f"{op.label}: "
            joined = op.sep == "line" and i + 1 < len(rows) and not rows[i + 1].starts_paragraph
            turns.append(Turn(op.label, row.number, printed=printed, inline=op.sep != "line", joined=joined))
            if op.rest:
                first = row.number
                paragraph.append(op.rest)
            continue
        if row.starts_paragraph:
            flush()
        if not paragraph:
            first = row.number
        paragraph.append(row.text.strip() if row.text.startswith(" ") and not row.text.strip().startswith(("•", "-"))
                         else row.text)
    flush()
    return turns
