"""What a renderer returns: a page as strings, for any generator to publish."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    """Plain text."""
    children: tuple[TocEntry, ...] = ()

    def as_dict(self, level: int = 2) -> dict:
        """The entry as generators take a contents tree: {level, id, name (as HTML), children}."""
        return {"level": level, "id": self.anchor, "name": html.escape(self.title),
                "children": [child.as_dict(level + 1) for child in self.children]}


@dataclass(frozen=True)
class RenderedPage:
    title: str
    """Plain text."""
    html: str
    toc: tuple[TocEntry, ...] = ()
    description: str = ""
    feed: str = ""
    """Site path of the page's own Atom feed, if it has one."""
    head: str = ""
    """HTML for the page's <head>: its JSON-LD and script data (see templates/_head.html)."""


@dataclass(frozen=True)
class LazyPage:
    """A page whose title is known now and whose body is rendered when the generator asks."""

    title: str
    description: str
    render: Callable[[], RenderedPage]
    feed: str = ""
    card: str = "page"
    """The kind of preview card the page shows (see render.cards)."""


def page_count(items: Sequence, size: int) -> int:
    """How many pages of `size` the items fill; one (maybe empty) at least."""
    return max(1, -(-len(items) // size))


def page_of(items: Sequence, size: int, number: int) -> list:
    """Page `number` (from 1) of the items in pages of `size`: a slice (making every page to show one of
    them would cost a theme of hundreds of pages the square of its size)."""
    return list(items[(number - 1) * size : number * size])

