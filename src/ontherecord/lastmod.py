"""When each page's content last changed, for the sitemaps' `lastmod`: the same bytes, the same date.

`docs/_data/lastmod.txt` (written by `ontherecord lock`, kept in the repository) holds, for every page, a
digest of its content and the day that content was first recorded. A build gives each page the recorded
day while its digest matches, and the build's own day when the content is new since: a crawler learns a
page changed exactly when it did, on any machine that builds the same sources.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

LEDGER = "lastmod.txt"
DIGESTS = "digests.json"
"""The last build's digests, in the build's work folder: what `lock` records."""


def digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:20]


def read_ledger(path: Path) -> dict[str, tuple[str, str]]:
    """Site path -> (digest, ISO date)."""
    if not path.exists():
        return {}
    ledger = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            page, content, day = line.split("\t")
            ledger[page] = (content, day)
    return ledger


def dates(digests: dict[str, str], ledger: dict[str, tuple[str, str]], today: dt.date) -> dict[str, str]:
    """Site path -> the ISO date its content was recorded, or today's for content not yet recorded."""
    return {page: ledger[page][1] if ledger.get(page, ("",))[0] == d else today.isoformat()
            for page, d in digests.items()}


def write_ledger(path: Path, digests: dict[str, str], today: dt.date) -> int:
    """Record the digests, keeping the date of every page whose content is unchanged; returns how many changed."""
    ledger = read_ledger(path)
    when = dates(digests, ledger, today)
    changed = sum(1 for page, d in digests.items() if ledger.get(page, ("",))[0] != d)
    lines = [f"{page}\t{digests[page]}\t{when[page]}" for page in sorted(digests)]
    path.write_text("# page\tdigest of its content\tday that content was first recorded (ontherecord lock)\n"
                    + "\n".join(lines) + "\n", encoding="utf-8")
    return changed


def save_digests(work: Path, digests: dict[str, str], site_url: str) -> None:
    """`site_url`: the address the pages were built for; `mkdocs serve` builds for its own, and pages that
    hold their address (a passage's canonical URL, its citation) then differ from the published ones."""
    work.mkdir(parents=True, exist_ok=True)
    (work / DIGESTS).write_text(json.dumps({"site_url": site_url, "pages": digests}, sort_keys=True),
                                encoding="utf-8")


def load_digests(work: Path) -> tuple[str, dict[str, str]] | None:
    """(the address the last build was made for, its digests), None if no build left any."""
    path = work / DIGESTS
    if not path.exists():
        return None
    saved = json.loads(path.read_text(encoding="utf-8"))
    return saved.get("site_url", ""), saved.get("pages", {})
