"""Building real sites for tests: the archive itself, or tiny ones in a temporary folder."""

from __future__ import annotations

import logging
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = """\
speaker-one:
  name: Speaker One
  role: Secretary General
  affiliation: An Alliance
  description: The main speaker of the test events.
host-two:
  name: Host Two
  role: Director
  affiliation: A Think Tank
  description: Moderates the test events.
"""


@dataclass
class Built:
    site: Path
    log: list[str]

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    def ids(self, path: str) -> set[str]:
        return {el["id"] for el in self.page(path).select("[id]")}


class BuildFailed(Exception):
    """The build stopped; the message is what MkDocs logged as errors."""


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build_site(project: Path, site_url: str | None = None, site_dir: Path | None = None) -> Built:
    """Build the MkDocs project at `project` in-process, strictly (into `site_dir`, by default its site/);
    return the site and log."""
    overrides = {"site_dir": str(site_dir or project / "site")}
    if site_url is not None:
        overrides["site_url"] = site_url
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        build(load_config(str(project / "mkdocs.yml"), **overrides))
    except Abort:
        raise BuildFailed("\n".join(x for x in capture.lines if x.startswith("ERROR"))) from None
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    return Built(Path(overrides["site_dir"]), capture.lines)


def make_project(tmp: Path, events: dict[str, str], people: str = PEOPLE) -> Path:
    """A tiny project: the real mkdocs.yml, hooks and assets, with these event sources."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", tmp / "hooks")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("_data"))
    data = docs / "_data"
    (data / "events").mkdir(parents=True)
    (data / "people.yml").write_text(people, encoding="utf-8")
    for name in ("themes.yml", "moments.yml"):
        shutil.copy(ROOT / "docs" / "_data" / name, data / name)
    for name, text in events.items():
        write_event(tmp, name, text)
    return tmp


def write_event(project: Path, name: str, text: str) -> Path:
    path = project / "docs" / "_data" / "events" / f"{name}.md"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def transcript(body: str, *, id: str = "2025-05-05-test-event", title: str = "A test event",
               extra: str = "", speaker_name_label: str = "Speaker One") -> str:
    """An event source with two declared speakers; `body` is used as given."""
    head = f"""\
---
id: {id}
title: "{title}"
date: 2025-05-05
venue: A Hall, Brussels
kind: transcript
sources:
  - publisher: A Publisher
    url: https://example.org/transcript
    covers: the whole event
speakers:
  - label: {speaker_name_label}
    person: speaker-one
    role: keynote speaker
    part: main
  - label: Host Two, Director
    person: host-two
    role: moderator
    part: moderator
opening_speaker: {speaker_name_label}
{extra}---
"""
    return head + textwrap.dedent(body).lstrip("\n")
