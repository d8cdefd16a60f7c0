"""Where things live on the site: one place for every path."""

from __future__ import annotations


def event(event_id: str) -> str:
    return f"events/{event_id}/"


def person(person_id: str) -> str:
    return f"people/{person_id}/"


PASSAGES = "a/"
"""The folder of every standalone page."""


def passage(event_id: str, anchor: str) -> str:
    """The standalone page of a turn or quotation: short, and as permanent as its anchor."""
    return f"{PASSAGES}{event_id}/{anchor}/"


def passage_parts(path: str) -> tuple[str, str] | None:
    """(event id, anchor) of a standalone page's path ('a/<event>/<anchor>/'), None for any other path."""
    parts = path.split("/")
    return (parts[1], parts[2]) if len(parts) == 4 and parts[0] + "/" == PASSAGES and not parts[3] else None


def passages_of(event_id: str) -> str:
    """The folder of an event's standalone pages."""
    return f"{PASSAGES}{event_id}/"


def theme(slug: str) -> str:
    return f"themes/{slug}/"


EVENTS = "events/"
THEMES = "themes/"
TIMELINE = "timeline/"
PEOPLE = "people/"
DATA_EVENTS = "data/events.json"
DATA_TURNS = "data/turns.json"
DATA_THEMES = "data/themes.json"
DATA_TIMELINE = "data/timeline.json"
FEED_EVENTS = "feeds/events.xml"


CHECK = "check/"
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"
"""The generator's sitemap: its own pages."""
SITEMAP_PASSAGES = "sitemap-passages.xml"
"""The standalone pages the engine writes after the generator's build."""


def quote_data(event_id: str) -> str:
    """What the quote check reads of one event."""
    return f"data/quote/{event_id}.json"


QUOTE_EVENTS = "data/quote/events.json"
"""The quote check's list of events: the word index refers to them by number."""


def quote_words(shard: int) -> str:
    """One file of the quote check's word index."""
    return f"data/quote/words/{shard}.json"


PALETTE_SCRIPT = "assets/ontherecord-palette.js"
"""Sets the standalone pages' colours from the reader's choice on the site, or the system's."""


def card(kind: str) -> str:
    """The preview image of the pages of one kind ('passage', 'event', 'theme', ...)."""
    return f"assets/cards/{kind}.png"


def theme_feed(slug: str) -> str:
    return f"feeds/themes/{slug}.xml"


def root_of(path: str) -> str:
    """The relative prefix from a page at `path` back to the site root."""
    return "../" * path.count("/")
