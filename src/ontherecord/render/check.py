"""The quote-check page: a form, and the matcher that runs in the reader's browser."""

from __future__ import annotations

from pathlib import Path

from .. import urls
from ..model import Archive
from .page import RenderedPage
from .templates import render

MATCHER = "assets/quotecheck.js"
"""Where the build puts the matcher the command line runs too."""


def check_page(archive: Archive, subject: str, templates: Path | None = None) -> RenderedPage:
    person = archive.people.get(subject)
    html = render("check.html", templates, root=urls.root_of(urls.CHECK),
                  subject=person.name if person else "the speaker", subject_id=subject,
                  events=len(archive.events), matcher=MATCHER)
    return RenderedPage("Check a quotation", html,
                        description="Paste a quotation as printed: see whether it was said, where, and how it differs.")
