"""Reading one event source file: front matter, then the body split into turns.

The body is the published text. Paragraphs are separated by blank lines; a line
on its own that equals a declared speaker label starts that speaker's turn, as
does a paragraph opening with a declared label and a colon ("Q: ..."). A
paragraph of just `***` is a section break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .errors import SourceError
from .labels import as_labels, could_be_label, opening, typo_of
from .yamldoc import YamlDoc, load_yaml, read_text

_FRONT_MATTER = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # a line of three or more dashes
_SECTION_BREAK = re.compile(r"^(\*\s*){3,}$")


@dataclass
class RawParagraph:
    text: str
    line: int
    section_break: bool = False


@dataclass
class RawTurn:
    label: str
    """The declared label of the speaker."""
    line: int
    paragraphs: list[RawParagraph] = field(default_factory=list)


@dataclass
class ParsedSource:
    """An event source as read from its file, before anchors are assigned."""

    path: Path
    meta: dict
    doc: YamlDoc
    turns: list[RawTurn]
    """For a transcript: its turns. For a report: empty."""
    paragraphs: list[RawParagraph]
    """For a report: its paragraphs. For a transcript: empty."""


def read_source(path: Path, roles: frozenset[str] = frozenset()) -> ParsedSource:
    """Parse and check an event source. Raises SourceError naming file and line.

    `roles` are the generic role words of the people registry ("audience member"): labels too.
    """
    return parse_source(read_text(path), path, roles)


def parse_source(text: str, path: Path, roles: frozenset[str] = frozenset()) -> ParsedSource:
    """Parse and check the text of an event source read from `path` (named in errors)."""
    doc, body, body_line, closing_line = _split(text, path)
    schema.check(doc, "event")
    meta = doc.data
    _check_raw(doc, path)
    blocks = list(_blocks(body, body_line))
    if not blocks:
        raise SourceError(path, closing_line, "the body is empty: there is no text after the front matter",
                          "paste the published text below this closing '---' line")
    labels = _declared_labels(doc)
    if meta["kind"] == "report":
        return ParsedSource(path, meta, doc, [], _paragraphs(blocks))
    return ParsedSource(path, meta, doc, _turns(blocks, labels, doc, roles), [])


def _check_raw(doc: YamlDoc, path: Path) -> None:
    """Each source's text as published must be kept beside the event: provenance is checkable."""
    for i, source in enumerate(doc.data["sources"]):
        raw = source.get("raw")
        if raw is not None and not (path.parent / raw).is_file():
            raise SourceError(path, doc.key_line(["sources", i, "raw"]), f"the raw text '{raw}' is not there",
                              f"keep the text as copied from the publisher at {path.parent / raw}, or correct"
                              " the path")


def _split(text: str, path: Path) -> tuple[YamlDoc, str, int, int]:
    """The front matter as YAML, the body, the line the body starts on, the line of the closing '---'."""
    marks = list(_FRONT_MATTER.finditer(text))
    if len(marks) < 2 or marks[0].start() != 0:
        raise SourceError(path, 1, "the file does not start with front matter between two '---' lines",
                          "begin the file with '---', the event's fields (id, title, date, ...), then '---'")
    start, end = marks[0], marks[1]
    # Line numbers are counted on the whole file, the body's included.
    doc = load_yaml(text[start.end() : end.start()], path, first_line=text[: start.end()].count("\n") + 1)
    if not isinstance(doc.data, dict):
        raise SourceError(path, doc.first_line, "the front matter is not a set of 'key: value' lines",
                          "write one field per line, e.g. 'title: Speech at the Concert Noble'")
    return doc, text[end.end() :], text[: end.end()].count("\n") + 1, text[: end.start()].count("\n") + 1


def _blocks(body: str, first_line: int):
    """(text, line) for each blank-line separated block; trailing spaces dropped."""
    lines = [line.rstrip() for line in body.split("\n")]
    current: list[str] = []
    start = first_line
    for number, line in enumerate(lines, start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            yield "\n".join(current), start
            current = []
    if current:
        yield "\n".join(current), start


def _declared_labels(doc: YamlDoc) -> dict[str, int]:
    labels: dict[str, int] = {}
    for i, speaker in enumerate(doc.data["speakers"]):
        label = speaker["label"]
        if label in labels:
            raise SourceError(doc.path, doc.line_of(["speakers", i, "label"]),
                              f"the label '{label}' is declared twice",
                              "declare each label once under 'speakers'")
        labels[label] = i
    return labels


def _paragraphs(blocks) -> list[RawParagraph]:
    out: list[RawParagraph] = []
    pending_break = False
    for text, line in blocks:
        if _SECTION_BREAK.match(text):
            pending_break = True
            continue
        out.append(RawParagraph(text, line, pending_break))
        pending_break = False
    return out


def _turns(blocks, labels: dict[str, int], doc: YamlDoc, roles: frozenset[str]) -> list[RawTurn]:
    path, meta = doc.path, doc.data
    turns: list[RawTurn] = []
    pending_break = False
    not_labels = set(meta.get("not_labels", []))
    for text, line in blocks:
        label, rest = _label_of(text, labels)
        _refuse_undeclared_label(text, line, labels, not_labels, roles, path, labelled=label is not None)
        if label is not None:
            turns.append(RawTurn(label, line))
            if not rest:
                continue
            text = rest
        elif _SECTION_BREAK.match(text):
            pending_break = True
            continue
        if not turns:
            opening = meta.get("opening_speaker")
            if opening is None:
                raise SourceError(path, line, "the text starts before any speaker label",
                                  "put the speaker's label on the line above, or declare who speaks"
                                  " first with 'opening_speaker: <label>' in the front matter")
            if opening not in labels:
                raise SourceError(path, doc.key_line(["opening_speaker"]),
                                  f"opening_speaker '{opening}' is not one of the declared labels",
                                  "use a label from 'speakers', exactly as declared")
            turns.append(RawTurn(opening, line))
        turns[-1].paragraphs.append(RawParagraph(text, line, pending_break))
        pending_break = False
    for turn in turns:
        if not turn.paragraphs:
            raise SourceError(path, turn.line, f"the label '{turn.label}' is followed by no text",
                              "remove the stray label, or paste the words that follow it")
    used = {t.label for t in turns}  # an unlabeled opening uses its opening_speaker
    for label, i in labels.items():
        if label not in used:
            raise SourceError(path, doc.line_of(["speakers", i, "label"]),
                              f"the declared label '{label}' is never used in the text",
                              "correct the label so it matches the text exactly, or remove the speaker")
    return turns


def _label_of(text: str, labels: dict[str, int]) -> tuple[str | None, str]:
    """The declared label that opens this block, if any, and the text after it."""
    first, _, rest = text.partition("\n")
    found = opening(first)
    if found is None or found.label not in labels or found.sep == "line-stop":
        return None, ""  # "Moderator." is refused as a typo, not taken as the label
    if found.sep == "line":
        return found.label, rest
    return found.label, "\n".join(filter(None, (found.rest, rest)))


def _refuse_undeclared_label(text: str, line: int, labels: dict[str, int], not_labels: set[str],
                             roles: frozenset[str], path: Path, *, labelled: bool) -> None:
    """The one rule: a line that could be a speaker label is a declared label or an error, never speech."""
    role_labels = as_labels(roles)
    for offset, row in enumerate(text.split("\n")):
        if offset == 0 and labelled:
            continue  # the block's own label
        found = opening(row)
        if found is not None and found.label in not_labels:
            continue
        typo = typo_of(row, labels, found) or typo_of(row, role_labels, found)
        if typo is not None:
            raise SourceError(path, line + offset, f"'{row.strip()}' looks like the speaker label '{typo}' with a"
                              " typo or other punctuation",
                              f"write the label exactly as declared ('{typo}'), or declare this one under"
                              " 'speakers' too")
        if found is not None and found.label in labels:
            raise SourceError(path, line + offset, f"the label '{found.label}' is inside a paragraph",
                              "put a blank line before the label, so that it starts the speaker's turn")
        if offset and (found is None or found.sep in ("line", "line-stop") and not row.rstrip().endswith((":", "："))):
            continue  # one sentence per line: only a label with its colon, inside a paragraph
        if could_be_label(found, roles):
            printed = found.label + (":" if found.sep in ("colon", "spaces") else "")
            raise SourceError(path, line + offset, f"'{printed}' looks like a speaker label that is not declared",
                              f"declare it under 'speakers' (label: {found.label!r}); if it is part of the speech,"
                              f" list it under 'not_labels:' in the front matter ({found.label!r})")
