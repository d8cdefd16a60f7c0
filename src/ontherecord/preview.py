"""What a link to a passage shows before it is opened: a title and a description led by the words.

Cards cut titles at about 70 characters and descriptions at about 200, so both are written to fit;
an answer's courtesies ("Thank you so much, both of you…") are passed over for the first sentence
that says something. The words are the speaker's, in order; only the cut is ours, shown by "…".
"""

from __future__ import annotations

import re

TITLE_LIMIT = 70
DESCRIPTION_LIMIT = 200

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=\S)")
_COURTESY = re.compile(
    r"^(?:(?:and |well,? |so,? |yes,? |okay,? |ok,? |oh,? )*"
    r"(?:thank(?:s| you)\b|many thanks|good (?:morning|afternoon|evening)\b|"
    r"(?:it is|it's|it’s) (?:a |an |great|good|wonderful|always)|"
    r"(?:ladies and gentlemen|dear |madam |mister |mr\.? |mrs\.? |ms\.? )|"
    r"(?:i am|i'm|i’m) (?:(?:very |so |really )?(?:glad|happy|delighted|honou?red|pleased))|"
    r"(?:great|good|nice|wonderful) to (?:be|see)\b|welcome\b|hello\b|hi\b|"
    r"(?:i'm not sure|i’m not sure|i am not sure) i can\b|(?:let me|i will|i'll|i’ll) (?:try|start)\b))",
    re.IGNORECASE)
_SHORT_COURTESY = 14
"""A sentence of this many words or fewer that opens with a courtesy says nothing a card should show."""


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(" ".join(text.split())) if s]


def is_courtesy(sentence: str) -> bool:
    return bool(_COURTESY.match(sentence)) and len(sentence.split()) <= _SHORT_COURTESY


def substance(text: str) -> tuple[str, bool]:
    """The text from its first sentence that is not a courtesy, and whether anything was passed over.

    Text that is all courtesy is returned whole.
    """
    parts = sentences(text)
    for i, sentence in enumerate(parts):
        if not is_courtesy(sentence):
            return " ".join(parts[i:]), i > 0
    return " ".join(parts), False


def clip(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, '…' marking a cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"


def title(name: str, text: str, limit: int = TITLE_LIMIT) -> str:
    """'Mark Rutte: “…keep on dreaming…”', within `limit` characters."""
    words, skipped = substance(text)
    lead = "…" if skipped else ""
    room = limit - len(name) - len(": “”") - len(lead)
    return f"{name}: “{lead}{clip(words, max(room, 12))}”"


def description(text: str, attribution: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The passage's words, then who said them when: '“…” — Mark Rutte, 26 January 2026'."""
    words, skipped = substance(text)
    lead = "…" if skipped else ""
    tail = f" — {attribution}"
    return f"“{lead}{clip(words, max(limit - len(tail) - 2 - len(lead), 40))}”{tail}"
