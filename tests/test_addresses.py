"""Every address ever published keeps answering: renames, retirements, removed and merged turns, chains.

Each test publishes a tiny archive (`ontherecord lock`), changes it as an editor would, and builds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ontherecord.cli import main as ontherecord

from sites import PEOPLE, BuildFailed, build_site, make_project, transcript, write_event

BODY = ("Opening words of the speech.\n\nHost Two, Director\n\nA question about the Arctic?\n\n"
        "Speaker One\n\nAn answer about the Arctic.\n\nHost Two, Director\n\nAnd a second question?\n\n"
        "Speaker One\n\nA second answer, and the last.\n")
OLD = "2025-05-05-test-event"
URL = "https://example.org/archive/"


def published(tmp_path: Path, body: str = BODY) -> Path:
    project = make_project(tmp_path, {"e": transcript(body)}, PEOPLE)
    config = project / "mkdocs.yml"  # published under a sub-path
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://example.org/", f"site_url: {URL}"),
                      encoding="utf-8")
    assert ontherecord(["--data", str(project / "docs" / "_data"), "lock"]) == 0
    return project


def data(project: Path) -> Path:
    return project / "docs" / "_data"


def rename(project: Path, old: str, new: str) -> None:
    source = data(project) / "events" / "e.md"
    source.write_text(source.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}"), encoding="utf-8")


def moved_to(built, path: str) -> tuple[str, str, str]:
    """(refresh target, canonical, visible link) of the notice at `path`."""
    page = BeautifulSoup((built.site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
    return refresh, page.find("link", rel="canonical")["href"], page.select_one(".otr-notice-link")["href"]


@pytest.mark.failing_build
def test_a_renamed_event_without_a_mapping_fails_naming_the_fix(tmp_path):
    project = published(tmp_path)
    rename(project, OLD, "2025-05-05-renamed")
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    assert f"anchors/{OLD}.yml" in str(failure.value) and "'renamed:'" in str(failure.value)


def test_a_renamed_event_keeps_every_old_address_answering(tmp_path):
    project = published(tmp_path)
    new = "2025-05-05-renamed"
    rename(project, OLD, new)
    (data(project) / "addresses.yml").write_text(f"renamed:\n  {OLD}: {new}\n", encoding="utf-8")
    built = build_site(project, URL)
    assert moved_to(built, f"events/{OLD}") == (f"../../events/{new}/", f"{URL}events/{new}/", f"../../events/{new}/")
    assert moved_to(built, f"a/{OLD}/t3") == (f"../../../a/{new}/t3/", f"{URL}a/{new}/t3/", f"../../../a/{new}/t3/")
    assert (built.site / "a" / new / "t3" / "index.html").exists()
    assert {a.get("id") for a in built.page(f"events/{new}").select("[id^=t]")} >= {"t1", "t2", "t3", "t4", "t5"}
    # lock moves the record under the new id and records the new addresses beside the old ones
    assert ontherecord(["--data", str(data(project)), "lock"]) == 0
    assert not (data(project) / "anchors" / f"{OLD}.yml").exists()
    assert (data(project) / "anchors" / f"{new}.yml").exists()
    lines = (data(project) / "published.txt").read_text(encoding="utf-8").split("\n")
    assert f"events/{OLD}/" in lines and f"events/{new}/" in lines and f"a/{OLD}/t5/" in lines
    build_site(project, URL)


def test_a_rename_of_a_rename_leads_straight_to_the_end(tmp_path):
    project = published(tmp_path)
    rename(project, OLD, "2025-05-05-last")
    (data(project) / "addresses.yml").write_text(
        f"renamed:\n  {OLD}: 2025-05-05-middle\n  2025-05-05-middle: 2025-05-05-last\n", encoding="utf-8")
    built = build_site(project, URL)
    assert moved_to(built, f"events/{OLD}")[1] == f"{URL}events/2025-05-05-last/"
    assert moved_to(built, "events/2025-05-05-middle")[1] == f"{URL}events/2025-05-05-last/"


@pytest.mark.failing_build
def test_a_rename_that_goes_round_in_a_circle_fails(tmp_path):
    project = published(tmp_path)
    rename(project, OLD, "2025-05-05-last")
    (data(project) / "addresses.yml").write_text(
        f"renamed:\n  {OLD}: 2025-05-05-a\n  2025-05-05-a: {OLD}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    assert "addresses.yml:2:" in str(failure.value) and "circle" in str(failure.value)


@pytest.mark.failing_build
def test_a_retired_event_says_what_it_was_and_why_it_is_gone(tmp_path):
    project = published(tmp_path)
    write_event(project, "other", transcript(BODY, id="2025-06-01-other"))
    (data(project) / "events" / "e.md").unlink()
    with pytest.raises(BuildFailed):
        build_site(project)  # its record and its addresses would die silently: refused
    (data(project) / "addresses.yml").write_text(
        f"retired:\n  {OLD}:\n    title: A test event\n    date: 2025-05-05\n"
        "    why: the transcript was of another meeting.\n", encoding="utf-8")
    built = build_site(project, URL)
    for path in (f"events/{OLD}", f"a/{OLD}/t1", f"a/{OLD}/t5"):
        notice = built.page(path)
        assert notice.select_one("[data-notice=retired]") is not None, path
        text = notice.get_text(" ")
        assert "A test event" in text and "5 May 2025" in text and "another meeting" in text


def test_a_removed_turn_keeps_its_standalone_address_with_the_notice(tmp_path):
    project = published(tmp_path)
    body = BODY.replace("Host Two, Director\n\nAnd a second question?\n\n"
                        "Speaker One\n\nA second answer, and the last.\n", "")
    source = transcript(body).replace("kind: transcript", "kind: transcript\nremoved:\n"
                                      "  t4: {nearest: t3, note: a duplicate of the first question}\n"
                                      "  t5: {nearest: t3, note: a duplicate of the first answer}\n"
                                      "  p4: {nearest: p3, note: a duplicate}\n  p5: {nearest: p3, note: a duplicate}")
    write_event(project, "e", source)
    built = build_site(project, URL)
    assert moved_to(built, f"a/{OLD}/t5")[0] == f"../../../events/{OLD}/#t5"
    notice = built.page(f"events/{OLD}").select_one("#t5")
    assert notice is not None and "duplicate of the first answer" in notice.get_text()


def test_a_merged_turn_keeps_its_standalone_address(tmp_path):
    project = published(tmp_path)
    write_event(project, "e", transcript(BODY.replace("\n\nSpeaker One\n\nA second answer", "\n\nA second answer")))
    built = build_site(project, URL)
    target = moved_to(built, f"a/{OLD}/t5")[0]
    assert target == f"../../../events/{OLD}/#t5"
    assert built.page(f"events/{OLD}").select_one("#t5") is not None


def test_a_passage_removed_towards_a_merged_one_still_lands_on_its_notice(tmp_path):
    """removed: p5 -> p4, where p4 was merged into p3: the chain ends at p3, and #p5 is on the page."""
    project = published(tmp_path)
    body = BODY.replace("And a second question?\n\nSpeaker One\n\nA second answer, and the last.\n",
                        "And a second question? Speaker One\n")
    source = transcript(body).replace("kind: transcript", "kind: transcript\nremoved:\n"
                                      "  t5: {nearest: p4, note: dropped in a correction}\n"
                                      "  p5: {nearest: p4, note: dropped in a correction}")
    write_event(project, "e", source)
    built = build_site(project, URL)
    page = built.page(f"events/{OLD}")
    assert page.select_one("#p5") is not None and "dropped in a correction" in page.select_one("#p5").get_text()


@pytest.mark.failing_build
def test_a_published_address_that_no_longer_answers_fails_the_build(tmp_path):
    project = published(tmp_path)
    record = data(project) / "published.txt"
    text = record.read_text(encoding="utf-8")
    record.write_text(text + f"a/{OLD}/t9/\n", encoding="utf-8")  # published once, answered by nothing now
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    line = len(text.rstrip("\n").split("\n")) + 1
    assert f"published.txt:{line}: the published address 'a/{OLD}/t9/' would no longer answer" in str(failure.value)


@pytest.mark.failing_build
@pytest.mark.parametrize("damage, says", [
    ("turns:\n- {id: t1, colour: red}\n", "unknown key 'colour'"),
    ("turns: [\n", "the YAML cannot be read"),
    ("- t1\n- t2\n", "is not of type 'object'"),
    ("<<<<<<< HEAD\nturns:\n- {id: t1}\n=======\nturns:\n- {id: t2}\n>>>>>>> other\n", "merge conflict"),
])
def test_a_damaged_record_of_anchors_is_named_with_its_line(tmp_path, damage, says):
    project = published(tmp_path)
    (data(project) / "anchors" / f"{OLD}.yml").write_text(damage, encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    assert f"anchors/{OLD}.yml:" in str(failure.value) and says in str(failure.value)
