"""What the seed documents hold, written down by hand from reading them.

Line numbers are 1-based lines of the seed files, kept as copied from the web in
docs/_data/events/raw/ (with the manifest of their facts). Nothing here is
taken from the engine's output: the tests compare the engine against this.
"""

from __future__ import annotations

import re
import unicodedata

from sites import ROOT

SEEDS = ROOT / "docs" / "_data" / "events" / "raw"

CONCERT_NOBLE = "003_157f495489ddf81e.txt"
PRESS_RELEASE = "000_7ee299895de35a72.txt"
NEWS_REPORT = "002_733874207dc7091d.txt"
AFET_NATO = "001_dfde2288c6f613ee.txt"
AFET_PUBT = "004_52e789d97c77dac5.txt"

# seed -> (event id, first and last line of the published content)
CONTENT = {
    CONCERT_NOBLE: ("2024-12-12-concert-noble", 11, 458),
    PRESS_RELEASE: ("2025-01-13-exchange-with-meps", 4, 20),
    NEWS_REPORT: ("2026-01-13-renew-europe-forum", 1, 13),
    AFET_NATO: ("2026-01-26-afet-sede-exchange", 45, 137),
    AFET_PUBT: ("2026-01-26-afet-sede-exchange", 7, 31),
}

# seed -> line ranges that are page furniture (never to be shown anywhere)
FURNITURE = {
    AFET_NATO: [(1, 43)],               # NATO multimedia account, sign-up and password forms
    AFET_PUBT: [(1, 3), (33, 33)],      # redistribution header and footer
    PRESS_RELEASE: [(22, 70)],          # "rewatch" link, "Further information" links, press contacts
    NEWS_REPORT: [(15, 44)],            # reader comments and the reply form
}

# Furniture that is short but unmistakable, checked in addition to the lines above.
FURNITURE_SNIPPETS = [
    "NATO MULTIMEDIA ACCOUNT", "Verification code", "Send new Code", "Reset password",
    "Create a new password", "Distributed by Public", "published this content on",
    "unedited and unaltered", "[email protected]", "rewatch the full debate", "Further information",
    "Viktor ALMQVIST", "viktor.almqvist", "KOBESČAK", "foreign-press@europarl", "(+32)",
    "EP_ForeignAff", "Press Officer", "6 COMMENTS", "LEAVE A REPLY", "Please enter your name",
    "bad actors", "common European army", "Roberta Metsola",
]

LABELS = {
    "NATO Secretary General Mark Rutte": "Mark Rutte",
    "Rosa Balfour, Director Carnegie Europe": "Rosa Balfour",
    "Question from the audience": "Audience member",
    "David McAllister, MEP": "David McAllister",
}

# The direct quotations of Rutte in the two reports, copied from the seeds.
QUOTATIONS = {
    "2025-01-13-exchange-with-meps": [
        "We are not at war, but we are not at peace either,",
        "We know how to protect our peoples and the European way of life (...), now we just have to do it",
        ("NATO’s current two percent defence spending target is not nearly enough (...) to stay safe, NATO "
         "allies will have to spend considerably more. This also includes ramping up the production of "
         "crucial assets and capabilities,"),
        ("The European defense industry is doing truly impressive work, but the truth is that we are not "
         "where we need to be."),
        "We want lasting peace there. If Putin gets it his way, peace will not last,",
        "We are safe now, we might not be safe in five years.",
    ],
    "2026-01-13-renew-europe-forum": [
        ("When we combine our strengths, of NATO and the EU, we can more effectively tackle the many "
         "challenges we face,"),
        ("Working together, we keep Ukraine strong today and able to defend itself against any aggression "
         "in the future,"),
        ("And working together, we can produce more defence capabilities, and we can produce them faster. "
         "We can innovate better and outsmart our competitors."),
    ],
}


def lines(seed: str) -> list[str]:
    return (SEEDS / seed).read_text(encoding="utf-8").split("\n")


def content_lines(seed: str) -> list[str]:
    _, first, last = CONTENT[seed]
    return lines(seed)[first - 1 : last]


def furniture_lines(seed: str) -> list[str]:
    all_lines = lines(seed)
    return [all_lines[i - 1] for a, b in FURNITURE.get(seed, []) for i in range(a, b + 1)]


def turns_of(seed: str) -> list[tuple[str, str]]:
    """(speaker name, text) per turn, split at label lines; unlabeled opening is Rutte's."""
    turns: list[tuple[str, list[str]]] = [("Mark Rutte", [])]
    for line in content_lines(seed):
        if line.strip() in LABELS:
            turns.append((LABELS[line.strip()], []))
        else:
            turns[-1][1].append(line)
    return [(name, "\n".join(text)) for name, text in turns if "".join(text).strip()]


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                             "…": " ", "\u00a0": " "})


def words(text: str) -> list[str]:
    """Words for comparison: quotes, dashes and case folded; punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower()
    return re.findall(r"[\w%$€]+(?:['.,]\w+)*", text)


def flat(text: str) -> str:
    """Text for containment checks: typography and spacing folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower()
    return " ".join(text.split())
