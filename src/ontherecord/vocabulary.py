"""The words the archive shows for its facts, shared by pages, data, feeds, citations and search.

Below every layer that writes for readers, so that a kind of turn or a date reads the same everywhere.
Dates are English whatever the machine's locale (Babel, not strftime's %B).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

KIND_LABELS = {
    "remarks": "Remarks", "question": "Question", "answer": "Answer",
    "moderator": "Moderator", "chair": "Chair", "quotation": "Quotation",
}
"""How each kind of turn is named to readers."""


@lru_cache(maxsize=8192)
def long_date(day: dt.date) -> str:
    """'12 December 2024' (kept: Babel takes tens of microseconds, and an archive repeats its dates)."""
    return format_date(day, "d MMMM y", locale="en")


def excerpt(text: str, words: int = 40) -> str:
    """The first `words` words, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
