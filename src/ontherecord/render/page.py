"""What a renderer returns: a page as strings, for any generator to publish."""

from __future__ import annotations

import html
from collections.abc import Callable
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


def chunks(items: list, size: int) -> list[list]:
    """Items in pages of `size`; one page (maybe empty) at least."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]

