"""What a renderer returns: a page as strings, for any generator to publish."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    """Plain text."""


@dataclass(frozen=True)
class RenderedPage:
    title: str
    """Plain text."""
    html: str
    toc: tuple[TocEntry, ...] = ()
    description: str = ""
    feed: str = ""
    """Site path of the page's own Atom feed, if it has one."""
