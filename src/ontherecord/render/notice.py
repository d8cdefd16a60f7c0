"""Pages at addresses that moved or were withdrawn: they lead on, or say what was there and why not now."""

from __future__ import annotations

import datetime as dt

from .. import urls
from ..model import Retired
from ..settings import SiteInfo
from ..vocabulary import long_date
from .templates import render


def moved_page(path: str, target: str, what: str, site: SiteInfo) -> str:
    """The page at `path` for something now at `target` (a site path, '#anchor' allowed)."""
    root = urls.root_of(path)
    return render("notice.html", site.templates, kind="moved", site=site, root=root, heading=f"This {what} has moved",
                  target=root + target, canonical=site.url + target,
                  lines=[f"The {what} you linked to now has another address. Your browser should take you there."],
                  link_text="Go to its new address")


def retired_page(path: str, retired: Retired, site: SiteInfo) -> str:
    root = urls.root_of(path)
    return render("notice.html", site.templates, kind="retired", site=site, root=root,
                  heading="This event was withdrawn", target="", canonical="", link_text="",
                  lines=[(f"This address belonged to “{retired.title}”"
                          f" ({long_date(dt.date.fromisoformat(retired.date))})."),
                         f"It is no longer in the archive: {retired.why}"])
