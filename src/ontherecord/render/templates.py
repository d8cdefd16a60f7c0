"""The Jinja2 templates of the engine's pages: shipped in the package, overridable by a site.

A site overrides a template by placing a file of the same name under `ontherecord/` in its theme's
custom_dir, as Material's blog plugin lets a site override its views. Every value is escaped by
Jinja2's autoescaping; JSON placed inside <script> goes through `script_json`, made for that context.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import urls
from ..escape import script_json
from ..text import segments as split_segments
from ..vocabulary import KIND_LABELS, excerpt, long_date


@cache
def environment(overrides: Path | None = None) -> Environment:
    loaders = [FileSystemLoader(overrides / "ontherecord")] if overrides else []
    loaders.append(PackageLoader("ontherecord", "templates"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      auto_reload=False)  # read once a build (see `site.build_site`): no file check per page
    env.filters.update(long_date=long_date, excerpt=excerpt, kind=lambda kind: KIND_LABELS[kind],
                       script_json=lambda data: Markup(script_json(data)))
    env.globals.update(urls=urls, split_segments=split_segments, pages_shown=pages_shown)
    words = env.get_template("_parts.html").module.segments

    @lru_cache(maxsize=200_000)
    def spoken(segments: tuple) -> Markup:
        """A paragraph's words as `_parts.html` marks them up: made once, though shown on several pages."""
        return Markup(words(segments))
    env.filters["words"] = spoken
    return env


def render(name: str, overrides: Path | None = None, **context) -> str:
    return environment(overrides).get_template(name).render(**context)


def pages_shown(number: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager links to: the first, the last, and `around` on either side of `number`;
    None where two or more are left out (one left out is shown: a "…" would be no shorter)."""
    near = range(max(1, number - around), min(count, number + around) + 1)
    out: list[int | None] = []
    for k in sorted({1, count, *near}):
        if out and k - out[-1] == 2:
            out.append(k - 1)
        elif out and k - out[-1] > 2:
            out.append(None)
        out.append(k)
    return out
