"""Synthetic corpora for the benchmarks: seed-like events built from the seeds' own sentences.

Each event has about 40 turns (opening remarks, then questions and answers), dates spread
over years, one of twenty moderators, and paragraphs drawn from the four seed events, so
themes, timeline mentions and search see realistic text.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import time
from pathlib import Path

from ontherecord.archive import load_archive

ROOT = Path(__file__).resolve().parent.parent
MODERATORS = 20


def trash(work: Path) -> Path:
    """Where a run's old builds go, emptied when it ends (see `discard`)."""
    return work / "trash"


def discard(path: Path, work: Path) -> None:
    """Move `path` (if there) into the trash of `work`. Deleting it now would slow the next build: a file system
    without a journal (this machine's ext4) skips, one by one, the inodes freed in the last six minutes whenever
    it makes a file (see the Performance page)."""
    if path.exists():
        trash(work).mkdir(parents=True, exist_ok=True)
        path.rename(trash(work) / f"{path.name}-{time.time_ns()}")


def copy_parts(source: Path, target: Path, names: tuple[str, ...]) -> None:
    """Copy the files and folders `names` of the project `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        (shutil.copytree if (source / name).is_dir() else shutil.copy)(source / name, target / name)


def sentences() -> list[str]:
    archive = load_archive(ROOT / "docs" / "_data")
    text = " ".join(p.text.replace("\n", " ") for e in archive.events for p in e.paragraphs)
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if 4 <= len(s.split()) <= 60 and "[" not in s]


def event_source(i: int, day: dt.date, rng: random.Random, pool: list[str]) -> str:
    moderator = f"Moderator {i % MODERATORS + 1}, Director of a Think Tank"

    def paragraph() -> str:
        return " ".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))

    body = [paragraph() for _ in range(rng.randint(3, 8))]
    for _ in range(19):
        asker = moderator if rng.random() < 0.6 else "Question from the audience"
        body += [asker, paragraph() + " What do you say?"]
        body += ["NATO Secretary General Mark Rutte"] + [paragraph() for _ in range(rng.randint(1, 4))]
    return f"""---
id: {day.isoformat()}-synthetic-{i}
title: "Synthetic event {i}: a conversation on European security"
date: {day.isoformat()}
venue: A venue, Brussels
kind: transcript
sources:
  - publisher: A synthetic publisher
    url: https://example.org/synthetic/{i}
    covers: the whole event
speakers:
  - {{label: NATO Secretary General Mark Rutte, person: mark-rutte, role: NATO Secretary General, part: main}}
  - {{label: "{moderator}", person: moderator-{i % MODERATORS + 1}, role: moderator, part: moderator}}
  - {{label: Question from the audience, person: audience, role: question from the audience, part: questioner}}
opening_speaker: NATO Secretary General Mark Rutte
---

""" + "\n\n".join(body) + "\n"


def write_corpus(project: Path, events: int, seed: int = 2026) -> None:
    """A full project (the real site's configuration) holding `events` synthetic events."""
    discard(project, project.parent)
    copy_parts(ROOT, project, ("mkdocs.yml", "hooks", "overrides"))
    shutil.copytree(ROOT / "docs", project / "docs",
                    ignore=shutil.ignore_patterns("events", "anchors", "published.txt", "addresses.yml"))
    rng = random.Random(seed)
    pool = sentences()
    events_dir = project / "docs" / "_data" / "events"
    events_dir.mkdir(parents=True)
    start = dt.date(2024, 10, 1)
    for i in range(events):
        day = start + dt.timedelta(days=int(i * 2000 / max(events, 1)) + rng.randint(0, 1))
        (events_dir / f"e{i:05d}.md").write_text(event_source(i, day, rng, pool), encoding="utf-8")
    with (project / "docs" / "_data" / "people.yml").open("a", encoding="utf-8") as people:
        for m in range(1, MODERATORS + 1):
            people.write(f"moderator-{m}:\n  name: Moderator {m}\n  role: Director\n  affiliation: A Think Tank\n"
                         f"  description: A synthetic moderator for the benchmarks.\n")


def write_plain(project: Path, synthetic: Path) -> None:
    """The same transcripts as plain Material pages, without the hooks: what a user would otherwise have."""
    discard(project, project.parent)
    docs = project / "docs"
    (docs / "events").mkdir(parents=True)
    (docs / "index.md").write_text("# Plain archive\n", encoding="utf-8")
    archive = load_archive(synthetic / "docs" / "_data")
    for e in archive.events:
        parts = [f"# {e.title}\n", f"{e.date:%d %B %Y}, {e.venue}\n"]
        for t in e.turns:
            parts.append(f"## {t.speaker.person.name}: {t.kind} {{#{t.anchor}}}\n")
            parts += [p.text.replace("\n", "  \n") + "\n" for p in t.paragraphs]
        (docs / "events" / f"{e.id}.md").write_text("\n".join(parts), encoding="utf-8")
    # The same navigation as the archive's (a short fixed nav), so both builds do the same page work.
    (project / "mkdocs.yml").write_text(
        "site_name: Plain\nsite_url: https://example.org/\ntheme:\n  name: material\n  font: false\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /events/*\nplugins:\n  - search\nmarkdown_extensions:\n"
        "  - attr_list\n  - toc\n", encoding="utf-8")
