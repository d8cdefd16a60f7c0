"""What a renderer returns: a page as strings, for any generator to publish."""

from __future__ import annotations

from collections.abc import Callable
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


@dataclass(frozen=True)
class LazyPage:
    """A page whose title is known now and whose body is rendered when the generator asks."""

    title: str
    description: str
    render: Callable[[], RenderedPage]
    feed: str = ""


def chunks(items: list, size: int) -> list[list]:
    """Items in pages of `size`; one page (maybe empty) at least."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def pager(number: int, count: int, root: str, base: str) -> str:
    """Links between the pages of a split page; `base` is its first page's path from the root."""
    if count == 1:
        return ""

    def href(k: int) -> str:
        return f"{root}{base}" + (f"{k}/" if k > 1 else "")
    links = " ".join(f'<a href="{href(k)}"{" aria-current=page" if k == number else ""}>{k}</a>'
                     for k in range(1, count + 1))
    return f'<nav class="otr-pager" aria-label="Pages">Page {number} of {count}: {links}</nav>'
