"""The sitemaps' lastmod says when a page's content last changed, not when it was built."""

from __future__ import annotations

import datetime as dt
import re

from ontherecord import lastmod
from ontherecord.cli import main as ontherecord

from sites import build_site, make_project, transcript, write_event

BODY = ("Opening words.\n\nHost Two, Director\n\nA question?\n\nSpeaker One\n\n"
        "An answer with words enough to be known again after a correction of one of them.\n")
EVENT = "2025-05-05-test-event"


def test_a_page_keeps_its_recorded_date_while_its_content_is_the_same():
    ledger = {"a/": ("d1", "2020-01-02"), "b/": ("d2", "2020-01-02")}
    today = dt.date(2026, 12, 1)
    assert lastmod.dates({"a/": "d1", "b/": "changed", "c/": "new"}, ledger, today) == {
        "a/": "2020-01-02", "b/": "2026-12-01", "c/": "2026-12-01"}


def _lastmods(site) -> dict[str, str]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8") + (site / "sitemap-passages.xml").read_text(
        encoding="utf-8")
    return dict(re.findall(r"<loc>https://example.org/([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", text))


def test_lastmod_follows_content_through_lock_and_an_edit(tmp_path):
    project = make_project(tmp_path, {EVENT: transcript(BODY)})
    build_site(project, site_url="https://example.org/")
    data = project / "docs" / "_data"
    assert ontherecord(["--data", str(data), "lock"]) == 0
    ledger = data / "lastmod.txt"
    # as if recorded long ago: the same content keeps that day, build after build
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(dt.date.today().isoformat(), "2020-01-02"),
                      encoding="utf-8")
    before = _lastmods(build_site(project, site_url="https://example.org/").site)
    assert len(before) > 8 and set(before.values()) == {"2020-01-02"}
    write_event(project, EVENT, transcript(BODY.replace("one of them", "one of its words")))
    after = _lastmods(build_site(project, site_url="https://example.org/").site)
    today = dt.date.today().isoformat()
    assert after[f"a/{EVENT}/t3/"] == today and after[f"events/{EVENT}/"] == today
    assert after[f"a/{EVENT}/t1/"] == "2020-01-02" and after["themes/"] == "2020-01-02"


def test_lock_refuses_the_pages_of_a_build_made_for_another_address(tmp_path, capsys):
    """`mkdocs serve` builds for its own address, so its pages are not the published ones: recording their
    digests would date every passage page as changed today, and again at the next lock after a real build."""
    project = make_project(tmp_path, {EVENT: transcript(BODY)})
    data = project / "docs" / "_data"
    build_site(project, site_url="https://example.org/")
    assert ontherecord(["--data", str(data), "lock"]) == 0
    recorded = (data / "lastmod.txt").read_text(encoding="utf-8")
    build_site(project, site_url="http://127.0.0.1:8000/", site_dir=tmp_path / "served")  # as `mkdocs serve`
    capsys.readouterr()
    assert ontherecord(["--data", str(data), "lock"]) == 1
    assert "made for http://127.0.0.1:8000/" in capsys.readouterr().err
    assert (data / "lastmod.txt").read_text(encoding="utf-8") == recorded
    build_site(project, site_url="https://example.org/")
    assert ontherecord(["--data", str(data), "lock"]) == 0
    assert (data / "lastmod.txt").read_text(encoding="utf-8") == recorded  # nothing changed
