"""The Jinja2 templates of the engine's pages: shipped in the package, overridable by a site.

A site overrides a template by placing a file of the same name under `ontherecord/` in its theme's
custom_dir, as Material's blog plugin lets a site override its views.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment(overrides: Path | None = None) -> Environment:
    loaders = [FileSystemLoader(overrides / "ontherecord")] if overrides else []
    loaders.append(PackageLoader("ontherecord", "templates"))
    return Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, keep_trailing_newline=True)


def render(name: str, overrides: Path | None = None, **context) -> str:
    return environment(overrides).get_template(name).render(**context)
