"""Preview cards: the image a chat app or social network shows beside a shared link.

One card per kind of page, drawn at build time from the site's own name and words with the font
Pillow ships (so no font file is looked up and nothing is fetched). One card per passage would
cost tens of thousands of images at archive scale; the passage's own words are in its preview's
title and description instead.
"""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Mapping
from types import MappingProxyType

from PIL import Image, ImageDraw, ImageFont

from ..settings import CARD_SIZE

KINDS = {
    "passage": "Word for word: who said it, when, where, and the source.",
    "event": "Every turn of the event, as spoken, with a link to each.",
    "theme": "Everything said on one theme, in date order.",
    "person": "Everyone who speaks in the archive, turn by turn.",
    "timeline": "The archive's events, and the moments they refer to.",
    "page": "Browse, search and cite down to a single answer.",
}
"""Each kind of page, and the line its card says under the site's name."""

_INK = (255, 255, 255)
_SOFT = (220, 226, 255)


def card(site_name: str, kind: str, background: tuple[int, int, int] = (63, 81, 181)) -> bytes:
    """The PNG card of one kind of page (the same bytes for the same words, build after build)."""
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, background)
    draw = ImageDraw.Draw(image)
    margin = 80
    draw.rectangle((0, height - 24, width, height), fill=_SOFT)
    name = ImageFont.load_default(72)
    y = 150
    for line in textwrap.wrap(site_name, 26):
        draw.text((margin, y), line, font=name, fill=_INK)
        y += 88
    text = ImageFont.load_default(40)
    y += 30
    for line in textwrap.wrap(KINDS[kind], 48):
        draw.text((margin, y), line, font=text, fill=_SOFT)
        y += 54
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@functools.lru_cache(maxsize=4)  # `mkdocs serve` builds again and again: encoding them is 0.2 s a build
def cards(site_name: str) -> Mapping[str, bytes]:
    """Every card, by kind."""
    return MappingProxyType({kind: card(site_name, kind) for kind in KINDS})
