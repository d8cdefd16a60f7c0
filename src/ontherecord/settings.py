"""The site's settings, read once at the edge (the generator's configuration) and passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


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
    built: dt.date
    """The build's date: the only field of a page meant to change from build to build."""
    icon: str = "assets/images/favicon.png"
    templates: Path | None = None
    """The theme's custom_dir: a template placed in its `ontherecord/` folder replaces the engine's own."""
