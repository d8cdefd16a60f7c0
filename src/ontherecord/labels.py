"""Speaker labels: the one rule, shared by the importer and the source checker.

A line "could be a label" by its shape, never by a list of known names: a short
line, or a short opening phrase before a colon, a spaced dash or a tab, whose
words have the shape of a name or a role ("Jane Doe", "MR MILLER", "Rosa Balfour,
Director Carnegie Europe", "李明", "Questioner 2", "Q"), with or without bold
marks and timestamps around it. Sentences that only look like it ("He said: ...")
have lowercase words or sentence punctuation, and stay speech.

What follows from a candidate is decided by the caller: the checker fails on any
candidate that is not declared; the importer takes the sure ones and asks about
the rest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# A timestamp printed before or after a label: [00:12:31], (09:51), 12:31.
_STAMP = r"(?:\[\s*\d{1,2}(?::\d{2}){1,2}\s*\]|\(\s*\d{1,2}(?::\d{2}){1,2}\s*\)|\d{1,2}(?::\d{2}){1,2})"
_LEADING_STAMP = re.compile(rf"^{_STAMP}\s*(?:[-–—]\s*)?")
_TRAILING_STAMP = re.compile(rf"\s*{_STAMP}$")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<inner>[^*_\n]{1,90}?)\1")
_INLINE = re.compile(
    r"^(?P<label>[^:：\t\n]{1,90}?)"
    r"(?P<sep>\s*[:：]|\t|\s{2,}|\.?\s+[–—]\s+|\s+-\s+)"
    rf"(?:\s*{_STAMP})?\s*(?P<rest>\S.*)$", re.S)
_QA = re.compile(r"^(?P<letter>[QA])(?P<number>\d{0,2})\.?$")
_NUMBERED = re.compile(r"^(?P<base>.*?\D)\s*(?:#|No\.?\s*)?\d{1,3}$")
# Case matters: "He said:" is no title.
_HONORIFIC = re.compile(r"^(?:Mr|MR|Mrs|MRS|Ms|MS|Dr|DR|Prof|PROF|Sir|SIR|Dame|DAME|HE|H\.E|Mme|MME|M|Herr|HERR|Frau|"
                        r"FRAU)\.?$")
_PARTICLES = frozenset("of the de del della van von der den da di du la le al el bin ibn y and for on at to".split())
# Words that open sentences or headlines, not names: "Look: ...", "Finally: ...", "LIVE: NATO summit".
_DISCOURSE = frozenset(("so now look first second secondly third thirdly finally again well yes no okay ok "
                        "thanks listen remember note and but because then however indeed also today here there "
                        "this that these those what why how when where which who one two three "
                        "live watch breaking exclusive analysis opinion explainer update updated video photos "
                        "interview transcript full text read "
                        "with for in on at by from to of after before about against without").split())
_TOKEN = re.compile(r"^[^\W\d_][\w.'’-]*$")
_SENTENCE_END = tuple(".?!…;,\"”’)]") + ("'",)


@dataclass(frozen=True)
class Opening:
    """A phrase at the start of a line that could be a speaker label."""

    label: str
    """The label as printed, without bold marks, timestamps or the final colon."""
    rest: str
    """The words after the label on the same line; empty when the label stands alone."""
    sep: str
    """How it is set off: 'line' (alone), 'line-stop' (alone, with a full stop), 'colon', 'dash', 'stop-dash'
    ('. –'), 'tab' or 'spaces'."""


def opening(line: str) -> Opening | None:
    """The opening phrase of `line` that has a label's place, if any (its shape is judged by `shape`)."""
    text = _LEADING_STAMP.sub("", line.strip())
    emphasis = _EMPHASIS.match(text)
    if emphasis:  # **Name:** text, **Name**: text, **Name**
        inner = emphasis.group("inner").strip()
        after = text[emphasis.end():].strip()
        if inner.endswith((":", "：")) or after.startswith((":", "：")) or not after:
            rest = after.lstrip(":：").strip()
            rest = _LEADING_STAMP.sub("", rest)
            label = _clean(inner)
            if label:
                return Opening(label, rest, "colon" if rest else "line")
    if not text:
        return None
    qa = re.match(r"^(?P<label>[QA])(?:\.|:|\s)\s*(?P<rest>\S.*)$", text, re.S)
    if qa and (text[1] in ".:" or text[1:3].isspace() or qa.group("label") == "Q"):
        return Opening(qa.group("label"), qa.group("rest"), "spaces")
    m = _INLINE.match(text)
    if m:
        sep = m.group("sep")
        kind = ("colon" if ":" in sep or "：" in sep else "tab" if "\t" in sep else
                "dash" if any(d in sep for d in "–—-") else "spaces")
        label = _clean(_TRAILING_STAMP.sub("", m.group("label")))
        if kind == "dash" and sep.lstrip().startswith("."):
            label, kind = label.rstrip("."), "stop-dash"  # the European Parliament's "Name (Group). –"
        rest = _LEADING_STAMP.sub("", m.group("rest").strip())
        if label and rest:
            return Opening(label, rest, kind)
    own = _clean(_TRAILING_STAMP.sub("", text))
    if not own or len(own) > 90 or len(own.split()) > 10:
        return None
    if text.rstrip().endswith((":", "：")) or _unpunctuated(own):
        return Opening(own, "", "line")
    if own.endswith(".") and not own.endswith("..") and len(own.split()) <= 6:
        return Opening(own[:-1], "", "line-stop")  # "Mark Rutte." alone: a label with a stop, or a sentence
    return None


def could_be_label(found: Opening | None, roles: frozenset[str] = frozenset()) -> Shape | None:
    """The shape of the opening phrase when it could be a speaker label; None when it is plainly speech.

    A spaced dash after one plain word ("Europe – and this matters") is speech: only names that carry
    more (two words, an affiliation, capitals) are labels there.
    """
    if found is None:
        return None
    found_shape = shape(found.label, roles)
    if found_shape is None:
        return None
    if found.sep == "dash" and found_shape.kind == "name" and found_shape.words == 1 and not found_shape.marked:
        return None
    if found.sep == "line-stop" and re.search(r",\s*[^A-Z\s]", found.label):
        return None  # "Reuters, please." is a sentence; "Rosa Balfour, Director Carnegie Europe." may be a label
    return found_shape


def _clean(label: str) -> str:
    return label.strip().rstrip(":：").strip().strip("*_").strip()


def _unpunctuated(text: str) -> bool:
    if text.endswith(")") and "(" in text and not text.endswith(".)"):
        return True  # "Piet Jansen (NRC)"
    return not text.endswith(_SENTENCE_END)


@dataclass(frozen=True)
class Shape:
    """What kind of label a phrase would be."""

    kind: str
    """'qa' (Q, A, Q1), 'role' (a generic role, maybe numbered) or 'name'."""
    base: str
    """For a role: the role words without their number; for a name: the name without honorific or affiliation."""
    words: int
    """How many words the name has (honorific and affiliation left out)."""
    marked: bool
    """The name carries more than its words: an affiliation, a role in brackets, an honorific, capitals, or a
    script without case. Such a phrase names a person even when it occurs once."""


def shape(label: str, roles: frozenset[str] = frozenset()) -> Shape | None:
    """The shape of `label` if it has one: `roles` are generic role words, lowercase ("moderator")."""
    text = label.strip()
    if not text or len(text) > 90 or text.endswith(("?", "!", ",", ";", "…", "..")):
        return None
    if text.endswith(".") and not re.search(r"(?:^|\s)(?:[A-Z]|[A-Z][a-z]{0,3})\.$", text):
        text = text[:-1]  # "Rosa Balfour, Director Carnegie Europe.:" — a stray stop; "Jr." and "J." keep theirs
    qa = _QA.match(text)
    if qa:
        return Shape("qa", qa.group("letter"), 1, True)
    numbered = _NUMBERED.match(text)
    base = numbered.group("base").strip() if numbered else text
    if base.lower().strip(" .") in roles:
        return Shape("role", base.strip(" ."), len(base.split()), True)
    head, tail = _split_affiliation(text)
    if head is None:
        return None
    words = head.split()
    honorific = bool(words) and bool(_HONORIFIC.match(words[0])) and len(words) > 1
    if honorific:
        words = words[1:]
        words[0] = words[0][:1].upper() + words[0][1:]  # "DR. xAMRE": the title makes it a name, typo or not
    if not words or len(words) > 7 or not all(_TOKEN.match(w) for w in words):
        return None
    if head.endswith(".") and not re.search(r"(?:^|\s)(?:[A-Z]|[A-Z][a-z]{0,3})\.$", head):
        return None  # "We agreed." ends a sentence; "Jr." and "J." do not
    cased = [w for w in words if _cased(w[0])]
    if any(w.lower() not in _PARTICLES and not w[0].isupper() for w in cased):
        return None  # a lowercase word: a sentence, not a name
    if cased and (not cased[0][0].isupper() or all(w.lower() in _PARTICLES for w in words)):
        return None
    if words[0].lower() in _DISCOURSE:
        return None  # "And Europe – all of it – ...", "Finally: ..."
    uncased = not cased
    if uncased and len("".join(words)) > 24:
        return None
    capitals = len("".join(words)) > 1 and all(w.isupper() for w in cased) and bool(cased)
    return Shape("name", " ".join(words), len(words), bool(tail) or honorific or capitals or uncased)


def _split_affiliation(text: str) -> tuple[str | None, str]:
    """'Jane Doe, Financial Times' -> ('Jane Doe', 'Financial Times'); 'Piet Jansen (NRC)' likewise."""
    m = re.fullmatch(r"(?P<head>[^,(]+?)\s*(?:,\s*(?P<aff>[^()]{2,70})|\((?P<role>[^()]{1,60})\)(?P<more>.{0,40}))",
                     text)
    if m:
        tail = (m.group("aff") or m.group("role") or "").strip()
        sentence = re.search(r"[.?!;]\s", tail + " ") and not re.fullmatch(r"[^.?!;]*\b[A-Z][a-z]{0,3}\.", tail)
        if len(tail.split()) > 8 or sentence:
            return None, ""  # a sentence after the comma: "Meanwhile, the talks are ongoing. ..."
        return m.group("head"), tail
    if any(c in text for c in ",()"):
        return None, ""
    return text, ""


def _cased(char: str) -> bool:
    return char.isupper() or char.islower()


@lru_cache(maxsize=64)
def as_labels(roles: frozenset[str]) -> frozenset[str]:
    """Role words as a transcript would print them ('audience member' -> 'Audience member'), for typo checks:
    a role in its own case is no typo of itself."""
    return frozenset(role[:1].upper() + role[1:] for role in roles)


@lru_cache(maxsize=4096)
def normal(label: str) -> str:
    """A label reduced to its letters and digits, casefolded: 'Moderator.' and 'MODERATOR' are alike."""
    text = unicodedata.normalize("NFKC", label).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def near_miss(label: str, declared: str) -> bool:
    """`label` differs from `declared` only by a typo, case or punctuation: one of them is likely a mistake."""
    if label == declared:
        return False
    a, b = normal(label), normal(declared)
    if a == b:
        return True
    if re.sub(r"\d+", "#", a) == re.sub(r"\d+", "#", b):
        return False  # "Speaker 1" and "Speaker 2" are two people
    shortest = min(len(a), len(b))
    if shortest <= 4:
        return False  # Q and A, Mr and Ms: too short to call a typo
    allowed = 2 if shortest > 8 else 1
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


_UNSET = object()


def typo_of(line: str, declared, found=_UNSET) -> str | None:
    """The declared label that `line` (or its opening phrase) misspells, if any: 'Moderater', 'Moderator.'.

    `found` is the line's `opening`, when the caller has it already."""
    text = line.strip()
    found = opening(text) if found is _UNSET else found
    phrases = [found.label + ("." if found.sep == "line-stop" else "")] if found else []
    if len(text) <= 60 and len(text.split()) <= 6:
        phrases.append(_clean(_TRAILING_STAMP.sub("", _LEADING_STAMP.sub("", text))).strip("*_ "))
    for phrase in phrases:
        if phrase in declared:
            return None
        for label in declared:
            if near_miss(phrase, label):
                return label
    return None
