"""Inline text: insertions, archive notes and quotations inside a paragraph.

In a source body, `[words]` is an insertion the publisher printed (shown as
editorial, never as speech) and `{>> words <<}` is the archive's own note. In a
report, a run of text in double quotation marks is a direct quotation.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .model import Segment

_INLINE = re.compile(r"\{>>(?P<note>.*?)<<\}|\[(?P<inserted>[^\[\]\n]+)\]")
_QUOTATION = re.compile(r"(?P<open>“)(?P<a>[^“”]+)(?P<close>”)|(?P<sopen>\")(?P<b>[^\"]+)(?P<sclose>\")")
_MIN_QUOTATION_WORDS = 3


def segments(text: str) -> tuple[Segment, ...]:
    """Split paragraph text into spoken words, publisher insertions and archive notes."""
    out: list[Segment] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Segment("spoken", text[pos : m.start()]))
        if m.group("note") is not None:
            out.append(Segment("note", m.group("note").strip()))
        else:
            out.append(Segment("inserted", m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(Segment("spoken", text[pos:]))
    return tuple(out)


class QuoteSpan(NamedTuple):
    """A direct quotation in a report's paragraph: where its words are, and its marks."""

    start: int
    end: int
    opening: str
    closing: str


def quotation_spans(text: str) -> list[QuoteSpan]:
    """Each direct quotation in `text`.

    start and end bound the quoted words, without the marks. Short runs in
    quotation marks ('so-called “hybrid”') are names, not quotations.
    """
    spans = []
    for m in _QUOTATION.finditer(text):
        group = "a" if m.group("a") is not None else "b"
        words = m.group(group).split()
        if len(words) >= _MIN_QUOTATION_WORDS:
            opening = m.group("open") or m.group("sopen")
            closing = m.group("close") or m.group("sclose")
            spans.append(QuoteSpan(m.start(group), m.end(group), opening, closing))
    return spans


_TYPOGRAPHY = str.maketrans({
    "’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "„": '"',
    "–": "-", "—": "-", "‑": "-", "…": "...", "\u00a0": " ",
})


def normalize(text: str) -> str:
    """Text for comparing versions: typography, case and spacing folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower()
    return " ".join(text.split())
