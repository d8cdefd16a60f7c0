"""Addresses that keep answering: renamed and retired events, and the record of every address published.

`docs/_data/addresses.yml` says what became of an event whose id changed (`renamed: {old: new}`) or that
was withdrawn (`retired: {old: {title, date, why}}`). `docs/_data/published.txt` lists every address the
archive has published (written by `ontherecord lock`); a build fails when one of them would stop answering.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import schema
from .errors import SourceError
from .model import Moves, Retired
from .yamldoc import YamlDoc, load_yaml_file, read_text

_LISTING_PAGE = re.compile(r"/\d+/$")
"""Page 2, 3, ... of a theme, person or timeline listing: they shift as the archive grows, and are never cited."""


def load_moves(path: Path, events: set[str]) -> Moves:
    """The moves declared at `path`, checked against the current event ids."""
    if not path.exists():
        return Moves()
    doc = load_yaml_file(path)
    if doc.data is None:
        return Moves()
    schema.check(doc, "addresses")
    steps: dict[str, str] = doc.data.get("renamed", {}) or {}
    retired = {old: Retired(old, **spec) for old, spec in (doc.data.get("retired", {}) or {}).items()}
    renamed = {old: _follow(old, steps, events, retired, doc) for old in steps}
    for old in [*steps, *retired]:
        if old in events:
            raise SourceError(path, doc.key_line(["renamed" if old in steps else "retired", old]),
                              f"'{old}' is the id of an event in the archive, so it cannot also be moved",
                              "remove this entry, or give the event its new id")
    for old in retired:
        if old in steps:
            raise SourceError(path, doc.key_line(["retired", old]), f"'{old}' is both renamed and retired",
                              "keep one of the two entries")
    return Moves(renamed, retired)


def _follow(old: str, steps: dict[str, str], events: set[str], retired: dict, doc: YamlDoc) -> str:
    seen = [old]
    new = steps[old]
    while new not in events:
        if new in retired:
            return new  # renamed, then retired: its addresses get the retirement notice
        if new not in steps or new in seen:
            why = "goes round in a circle" if new in seen else f"leads to '{new}', which is no event of the archive"
            raise SourceError(doc.path, doc.key_line(["renamed", old]), f"the rename of '{old}' {why}",
                              "map the old id to the id the event has now")
        seen.append(new)
        new = steps[new]
    return new


def read_published(path: Path) -> list[tuple[int, str]]:
    """(line, address) of each published address: site paths like 'a/<event>/t3/'."""
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        address = line.strip()
        if address and not address.startswith("#"):
            if not re.fullmatch(r"[a-z0-9._/-]+", address) or address.startswith("/") or ".." in address:
                raise SourceError(path, number, f"'{address}' is not a site path",
                                  "write paths like 'events/2024-12-12-concert-noble/', one a line")
            out.append((number, address))
    return out


def recordable(address: str) -> bool:
    """Whether an address belongs in the record: every page and data file a reader may cite, not page 2 of a
    listing, nor the files the site's own scripts read (the quote check's data, the scripts themselves)."""
    return not _LISTING_PAGE.search(address) and not address.startswith(("data/quote/", "assets/"))


def write_published(path: Path, addresses: set[str]) -> int:
    """Add `addresses` to the record at `path`; the number of addresses new to it."""
    before = {a for _, a in read_published(path)}
    after = before | {a for a in addresses if recordable(a)}
    path.write_text("# Every address the archive has published: each must keep answering (see addresses.yml).\n"
                    "# Written by `ontherecord lock`; do not remove lines.\n" + "\n".join(sorted(after)) + "\n",
                    encoding="utf-8")
    return len(after - before)
