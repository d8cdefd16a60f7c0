"""schema.org data (JSON-LD) shared by the pages: people with stable ids, places, breadcrumbs.

Only types and properties schema.org defines, used as search engines' published rules accept them.
"""

from __future__ import annotations

from .. import urls
from ..model import Person


def graph(*items: dict) -> list[dict]:
    """Several top-level items in one JSON-LD block: an array, each with its context (an @graph is not read
    by every client)."""
    return [{"@context": "https://schema.org"} | i for i in items if i]


def place(venue: str) -> dict:
    """A venue as a Place; 'European Parliament, Brussels': the last part is its locality."""
    locality = [p.strip() for p in venue.split(",")][-1]
    return {"@type": "Place", "name": venue, "address": {"@type": "PostalAddress", "addressLocality": locality}}


def person(who: Person, site_url: str) -> dict:
    """A Person, with the same @id on every page that names them."""
    return {"@type": "Person", "@id": site_url + urls.person(who.id) + "#person", "name": who.name,
            "url": site_url + urls.person(who.id)}


def breadcrumbs(site_url: str, site_name: str, *trail: tuple[str, str]) -> dict:
    """Home, then each (name, site path) down to the page."""
    steps = [(site_name, ""), *trail]
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": i, "name": name, "item": site_url + path}
        for i, (name, path) in enumerate(steps, start=1)]}


def compact(data: dict) -> dict:
    """Leave out empty properties: an empty value is not data."""
    return {k: v for k, v in data.items() if v}
