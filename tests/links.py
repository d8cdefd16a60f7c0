"""Following every internal link of a built site to its page and anchor."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def page_file(site: Path, path: str) -> Path | None:
    """The file a site path is served from, if any."""
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def ids_in(file: Path, cache: dict[Path, set[str]]) -> set[str]:
    if file not in cache:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        cache[file] = {el["id"] for el in soup.select("[id]")}
    return cache[file]


def broken_links(site: Path, base: str = "/") -> list[str]:
    """Every internal link in every page that leads to no file, or to no element with its id."""
    problems: list[str] = []
    cache: dict[Path, set[str]] = {}
    for file in site.rglob("*.html"):
        page_path = base + file.relative_to(site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a[href]"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if parts.path:
                target_path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))
                if parts.path.endswith("/"):
                    target_path += "/"
                if not target_path.startswith(base.rstrip("/")):
                    problems.append(f"{page_path}: {href} leaves the site")
                    continue
                target = page_file(site, target_path[len(base) - 1 :])
            else:
                target = file
            if target is None:
                problems.append(f"{page_path}: {href} leads to no page")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids_in(target, cache):
                problems.append(f"{page_path}: {href} leads to no element #{parts.fragment}")
    return problems
