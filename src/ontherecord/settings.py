"""The site's settings, read once at the edge (the generator's configuration) and passed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import urls


@dataclass(frozen=True)
class SiteInfo:
    """What the engine's own pages need to know of the site."""

    name: str
    """The site's name (site_name): never written into the engine."""
    url: str
    """Absolute, ending in '/': the published address (site_url)."""
    stylesheets: tuple[str, ...]
    """Paths from the site root."""
    scripts: tuple[str, ...]
    icon: str = "assets/images/favicon.png"
    templates: Path | None = None
    """The theme's custom_dir: a template placed in its `ontherecord/` folder replaces the engine's own."""
    palette: tuple[dict[str, str], ...] = ()
    """The theme's colour schemes ({media, scheme, primary, accent}), first the default."""

    def card(self, kind: str, alt: str) -> dict | None:
        """The preview image of a page of `kind` (see `cards`), or None where no absolute address is known."""
        if not self.url.startswith(("http://", "https://")):
            return None
        return {"url": self.url + urls.card(kind), "width": CARD_SIZE[0], "height": CARD_SIZE[1], "alt": alt}


CARD_SIZE = (1200, 630)
"""The size Open Graph and Twitter's large card expect."""


def palette(options) -> tuple[dict[str, str], ...]:
    """The theme's palette setting (one scheme or a list) as {media, scheme, primary, accent} each, names as
    the theme writes them in its attributes ('deep purple' -> 'deep-purple')."""
    options = [options] if isinstance(options, dict) else options or []
    return tuple({k: str(o[k]).replace(" ", "-") for k in ("media", "scheme", "primary", "accent") if k in o}
                 for o in options)
