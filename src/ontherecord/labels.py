"""Speaker labels in pasted transcripts: on a line of their own, or opening a paragraph.

A label on its own line is short, unpunctuated (a final colon aside) and either
recurs or has the shape of a label: "Name, Role", a title ("Secretary General"),
capitals, "Question ...". A paragraph may open with one: "Q:", "Q" and spaces,
"MR RUTTE:", "Name, Affiliation:", "Name (Role):". "He said: ..." is not one.
"""

from __future__ import annotations

import re
from collections import Counter

_TITLES = re.compile(r"\b(Secretary General|President|Prime Minister|Minister|Chair|Co-Chair|Director|Moderator|"
                     r"MEP|Ambassador|Commissioner|Spokesperson|Senator|Question|Questions|Host|Interviewer|Journalist)\b")
_INLINE = [
    re.compile(r"^(?P<label>Q|A)(?P<sep>:\s+|\s{2,})"),
    re.compile(r"^(?P<label>(?:[A-Z][\w.'’-]*\s){0,6}[A-Z][\w.'’-]*)(?P<sep>:\s+)(?=.)"),
    re.compile(r"^(?P<label>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,4})(?P<sep>:\s+)"),
    re.compile(r"^(?P<label>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:, [^:\n]{2,50}| \([^)\n]{2,50}\)))(?P<sep>:\s+)"),
]
_END = tuple(".?!…;,\"”’)")


def inline_label(paragraph: str) -> tuple[str, str] | None:
    """(label as printed, separator) when the paragraph opens with a label."""
    for i, pattern in enumerate(_INLINE):
        m = pattern.match(paragraph)
        # Capitalised words before a colon are a label only if they hold a title: "He said:" is not one.
        if m and m.end() < len(paragraph) and (i != 1 or _TITLES.search(m.group("label"))):
            return m.group("label"), m.group("sep")
    first, _, rest = paragraph.partition("\n")
    if rest and first.endswith(":") and _short_line(first) and _label_shape(first):
        return first, "\n"
    return None


def looks_like_label(paragraph: str) -> bool:
    """A short unpunctuated line with the shape of a label, whether or not it recurs."""
    return _short_line(paragraph) and _label_shape(paragraph)


def own_line_labels(paragraphs: list[str]) -> set[str]:
    """The paragraphs that are speaker labels on a line of their own."""
    candidates = [p for i, p in enumerate(paragraphs) if i + 1 < len(paragraphs) and _short_line(p)]
    counts = Counter(p.rstrip(":").strip() for p in candidates)
    return {p for p in candidates if counts[p.rstrip(":").strip()] >= 2 or _label_shape(p)}


def _short_line(p: str) -> bool:
    text = p.strip()
    words = text.split()
    return ("\n" not in text and 1 <= len(words) <= 10 and text[0].isupper()
            and (text.endswith(":") or not text.endswith(_END)))


def _label_shape(p: str) -> bool:
    text = p.strip().rstrip(":")
    name_role = re.fullmatch(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}, [A-Z].*", text)
    capitalised = all(w[0].isupper() for w in text.split())  # "Moderator:", "Jane Doe:"; not "I want to be clear:"
    return bool(name_role or _TITLES.search(text) or (text.isupper() and len(text) > 1)
                or (p.strip().endswith(":") and capitalised))


def bare(label: str) -> str:
    return label.strip().rstrip(":").strip()
