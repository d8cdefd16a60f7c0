"""HTML in a transcript body, a title or a speaker's name is shown as text, never executed."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from sites import PEOPLE, build_site, make_project, transcript

SCRIPT = "<script>alert('x')</script>"
IMAGE = "<img src=x onerror=alert(1)>"


def test_markup_in_sources_is_escaped_everywhere(tmp_path):
    people = PEOPLE.replace("name: Host Two", f"name: 'Host {IMAGE} Two'")
    body = f"Opening words {SCRIPT} and more.\n\nHost Two, Director\n\nA question {IMAGE}?\n\nSpeaker One\n\nNo.\n"
    source = transcript(body, title=f"A title {SCRIPT} {IMAGE}")
    built = build_site(make_project(tmp_path, {"e": source}, people))
    pages = list(built.site.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        executable = [s for s in soup.find_all("script") if s.get("type") in (None, "text/javascript", "module")]
        assert not [s for s in executable if "alert" in s.get_text()], path
        for data in soup.find_all("script", type=("application/json", "application/ld+json")):
            json.loads(data.string)  # whole: the markup inside did not close the element early
        assert not soup.select("[onerror]"), path
        assert not soup.select('img[src="x"]'), path
    event = built.page("events/2025-05-05-test-event")
    text = event.get_text(" ")
    assert SCRIPT in text and IMAGE in text
    assert f"A title {SCRIPT} {IMAGE}" in event.find("h1").get_text()
    assert f"A title {SCRIPT} {IMAGE}" in event.find("title").get_text()
