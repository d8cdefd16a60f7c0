"""Published under a sub-path (site_url https://example.org/archive/): links, search, data, feeds, pages."""

from __future__ import annotations

import json
import shutil

import feedparser
import pytest

from browsing import Requests, serve
from links import broken_links
from sites import ROOT, build_site


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    project = tmp_path_factory.mktemp("subpath")
    for name in ("mkdocs.yml", "hooks", "docs", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    built = build_site(project, site_url="https://example.org/archive/")
    root = project / "public"
    root.mkdir()
    shutil.move(str(built.site), str(root / "archive"))
    return root / "archive", root


def test_every_link_and_data_url_stays_under_the_sub_path(archive):
    site, _ = archive
    assert broken_links(site, base="/archive/") == []
    turns = json.loads((site / "data/turns.json").read_text(encoding="utf-8"))
    assert all(t["url"].startswith("/archive/events/") and t["permalink"].startswith("/archive/a/") for t in turns)
    feed = feedparser.parse((site / "feeds/events.xml").read_bytes())
    assert all(e.link.startswith("https://example.org/archive/events/") for e in feed.entries)
    assert "Sitemap: https://example.org/archive/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert "<loc>https://example.org/archive/a/" in (site / "sitemap-passages.xml").read_text(encoding="utf-8")


def test_navigation_search_and_standalone_pages_work_under_the_sub_path(archive, browser):
    _, root = archive
    with serve(root) as origin:
        base = origin + "archive/"
        context = browser.new_context()
        page = context.new_page()
        requests = Requests(page, origin)
        page.goto(base)
        page.locator(".md-nav__link", has_text="Events").first.click()
        page.wait_for_url(base + "events/")
        page.keyboard.press("/")
        page.keyboard.type("keep on dreaming")
        page.wait_for_selector("#otr-search-results [role=option]")
        assert page.locator("#otr-search-results [role=option]").first.get_attribute("href").startswith(
            base + "events/2026-01-26-afet-sede-exchange/")
        page.keyboard.press("Enter")
        page.wait_for_url("**/archive/events/2026-01-26-afet-sede-exchange/**#p29")
        page.wait_for_selector("#p29 mark")
        page.goto(base + "a/2026-01-26-afet-sede-exchange/t3/")
        page.click("a.otr-in-context")
        page.wait_for_url(base + "events/2026-01-26-afet-sede-exchange/#t3")
        assert page.evaluate("fetch('../../data/turns.json').then(r => r.status)") == 200
        page.goto(base + "check/?q=%22keep%20on%20dreaming%22")
        page.wait_for_selector("[data-verdict=verbatim]")
        page.locator(".otr-check-links a").first.click()
        page.wait_for_url(base + "events/2026-01-26-afet-sede-exchange/#p29")
        context.close()
        assert requests.foreign() == [] and requests.errors == []
