"""Published anchors keep working across edits: shown on real builds before and after each edit."""

from __future__ import annotations

import pytest

from ontherecord.cli import main as ontherecord

from seeds import flat
from sites import BuildFailed, build_site, make_project, transcript, write_event

EVENT = "2025-05-05-test-event"

BODY = """\
Opening paragraph one about the alliance and the members who make it strong.

Second paragraph: defence spending must rise to meet the threat we face.

Third paragraph on Ukraine and the support it needs to get through this winter.

Host Two, Director

A question about the Arctic and the sea lanes that are opening up there?

Speaker One

An answer in parts. First about Greenland and the two workstreams agreed last week.

Second part of the answer, about China and Russia and their interest in the High North.

Third part of the answer, on the capability targets and how the process will work.
"""


def publish(project, body: str = BODY, extra: str = ""):
    """Write the event, record its anchors as published, build, and say what each anchor shows."""
    write_event(project, EVENT, transcript(body, extra=extra))
    assert ontherecord(["--data", str(project / "docs/_data"), "lock"]) == 0
    return shown(project)


def shown(project, extra_check=None) -> dict[str, str]:
    """anchor -> the text a reader lands on (for a turn: its first paragraph)."""
    built = build_site(project)
    page = built.page(f"events/{EVENT}")
    out = {}
    for control in page.select(".otr-controls"):
        control.decompose()
    for el in page.select(".otr-para[id]"):
        out[el["id"]] = flat(el.get_text(" "))
    for alias in page.select(".otr-alias[id]"):
        holder = alias.find_parent(class_="otr-para") or alias.find_parent("section").select_one(".otr-para")
        out[alias["id"]] = flat(holder.get_text(" "))
    for head in page.select("h2.otr-turn-head[id]"):
        out[head["id"]] = out[head.find_parent("section").select_one(".otr-para")["id"]]
    for notice in page.select(".otr-removed[id]"):
        out[notice["id"]] = "REMOVED -> " + notice.find_next(id=True)["id"]
    return out


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, {})


def test_first_publication_numbers_turns_and_paragraphs_in_order(project):
    before = publish(project)
    assert [a for a in before if a.startswith("p")] == [f"p{i}" for i in range(1, 8)]
    assert before["t1"] == before["p1"] and before["t2"] == before["p4"] and before["t3"] == before["p5"]


def test_a_corrected_paragraph_keeps_its_anchor(project):
    before = publish(project)
    write_event(project, EVENT, transcript(BODY.replace("must rise to meet", "must rise fast to meet")))
    after = shown(project)
    assert after["p2"] == before["p2"].replace("must rise to meet", "must rise fast to meet")
    assert {a: t for a, t in after.items() if a != "p2"} == {a: t for a, t in before.items() if a != "p2"}


def test_inserting_paragraphs_around_keeps_every_anchor_and_numbers_new_ones_after(project):
    before = publish(project)
    body = BODY.replace("Second paragraph:", "A new paragraph inserted by the editor before two.\n\nSecond paragraph:")
    body = body.replace("this winter.\n", "this winter.\n\nAnother new paragraph, inserted after three.\n")
    write_event(project, EVENT, transcript(body))
    after = shown(project)
    for anchor, text in before.items():
        assert after[anchor] == text, anchor
    assert after["p8"].startswith("a new paragraph") and after["p9"].startswith("another new paragraph")


@pytest.mark.failing_build
def test_deleting_a_paragraph_fails_the_build_until_its_anchor_is_mapped(project):
    before = publish(project)
    body = BODY.replace("Third paragraph on Ukraine and the support it needs to get through this winter.\n\n", "")
    write_event(project, EVENT, transcript(body))
    with pytest.raises(BuildFailed) as failure:
        build_site(project)
    message = str(failure.value)
    # front matter is lines 1-21, p1 line 22, p2 line 24: the error points where p3 stood, after p2
    assert f"{EVENT}.md:24:" in message and "#p3" in message and "removed:" in message and "nearest" in message
    extra = 'removed:\n  p3: {nearest: p2, note: "The paragraph was a duplicate."}\n'
    write_event(project, EVENT, transcript(body, extra=extra))
    after = shown(project)
    assert after["p3"] == "REMOVED -> p2"
    for anchor, text in before.items():
        if anchor != "p3":
            assert after[anchor] == text, anchor


@pytest.mark.failing_build
def test_the_removed_notice_stays_required_after_the_next_lock(project):
    publish(project)
    body = BODY.replace("Third paragraph on Ukraine and the support it needs to get through this winter.\n\n", "")
    extra = 'removed:\n  p3: {nearest: p2, note: "The paragraph was a duplicate."}\n'
    publish(project, body, extra)
    write_event(project, EVENT, transcript(body))  # the editor drops the mapping
    with pytest.raises(BuildFailed, match="#p3"):
        build_site(project)


def test_splitting_a_turn_keeps_its_anchor_on_the_first_part(project):
    before = publish(project)
    body = BODY.replace("Second part of the answer,", "Host Two, Director\n\nAnd what about China?\n\n"
                        "Speaker One\n\nSecond part of the answer,")
    write_event(project, EVENT, transcript(body))
    after = shown(project)
    for anchor, text in before.items():
        assert after[anchor] == text, anchor
    assert {"t4", "t5"} <= set(after)


def test_merging_paragraphs_leaves_both_anchors_working(project):
    before = publish(project)
    body = BODY.replace("last week.\n\nSecond part", "last week. Second part")
    write_event(project, EVENT, transcript(body))
    after = shown(project)
    assert after["p5"] == after["p6"]
    assert before["p6"] in after["p6"]


def test_reimporting_with_other_typography_and_spacing_keeps_every_anchor(project):
    before = publish(project)
    reimported = "\n\n\n".join(line + "  " for line in BODY.replace(":", " :").split("\n\n"))
    reimported = reimported.replace("Second paragraph :", "Second paragraph —").replace("'", "’")
    write_event(project, EVENT, transcript(reimported))
    after = shown(project)
    assert set(after) == set(before)
    assert after["p1"] == before["p1"] and after["t3"] == before["t3"]


def test_lock_check_reports_unrecorded_anchors(project, capsys):
    publish(project)
    data = str(project / "docs/_data")
    assert ontherecord(["--data", data, "lock", "--check"]) == 0
    write_event(project, EVENT, transcript(BODY + "\nA closing paragraph added later.\n"))
    assert ontherecord(["--data", data, "lock", "--check"]) == 1
    assert "p8" in capsys.readouterr().err


def test_the_archive_has_recorded_every_anchor_it_publishes():
    assert ontherecord(["lock", "--check"]) == 0
