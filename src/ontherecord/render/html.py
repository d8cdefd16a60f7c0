"""Small HTML building blocks shared by the page renderers."""

from __future__ import annotations

import datetime as dt
from html import escape

from .. import urls
from ..model import Paragraph, Segment, Turn
from ..text import segments as split_segments
from ..vocabulary import long_date


def esc(text: str) -> str:
    return escape(text, quote=True)


def time(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def segment(seg: Segment, quote_controls=None) -> str:
    if seg.kind == "spoken":
        return esc(seg.text).replace("\n", "<br>\n")
    if seg.kind == "inserted":
        return f'<span class="otr-inserted" title="Inserted by the publisher, not spoken">{esc(seg.text)}</span>'
    if seg.kind == "note":
        return (f'<span class="otr-note" title="Added by the editors of this archive, not spoken">'
                f'[<span class="otr-note-label">archive note:</span> {esc(seg.text)}]</span>')
    control = permalink(seg.anchor, "quotation") + (quote_controls(seg.anchor) if quote_controls else "")
    return (f'<span class="otr-quotation" id="{seg.anchor}">{esc(seg.marks[0])}'
            + inline(split_segments(seg.text)) + f"{esc(seg.marks[1])}{control}</span>")


def inline(segments: tuple[Segment, ...], quote_controls=None) -> str:
    return "".join(segment(s, quote_controls=quote_controls) for s in segments)


def permalink(anchor: str, what: str) -> str:
    """The visible control that copies the link to `anchor` (a plain link without JavaScript)."""
    return (f'<a class="otr-link" href="#{anchor}" data-anchor="{anchor}" '
            f'title="Copy the link to this {what}" aria-label="Copy the link to this {what} (#{anchor})">#</a>')


def aliases(anchors: tuple[str, ...]) -> str:
    """Empty targets for published anchors merged into this element."""
    return "".join(f'<span class="otr-alias" id="{a}"></span>' for a in anchors)


def paragraph(p: Paragraph, controls: str = "", quote_controls=None) -> str:
    """A paragraph with its link control; `quote_controls(anchor)` adds controls to its quotations."""
    brk = '<hr class="otr-section-break">\n' if p.section_break else ""
    return (f'{brk}<p class="otr-para" id="{p.anchor}">{aliases(p.aliases)}{inline(p.segments, quote_controls)}'
            f' <span class="otr-controls">{permalink(p.anchor, "paragraph")}{controls}</span></p>')


def speaker_line(turn: Turn, root: str) -> str:
    person = turn.speaker.person
    return (f'<a class="otr-speaker" href="{root}{urls.person(person.id)}">{esc(person.name)}</a>'
            f' <span class="otr-role">{esc(turn.speaker.role)}</span>')
