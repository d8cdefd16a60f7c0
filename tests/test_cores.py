"""Work shared out over the cores gives what it gives on one: the same results, in order, and the same error."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from ontherecord import cores
from ontherecord.archive import load_archive
from ontherecord.errors import SourceError
from ontherecord.site import build_site

from sites import ROOT, make_project, transcript

GOOD_BODY = "Opening words of the speech.\n\nHost Two, Director\n\nA question?\n\nSpeaker One\n\nAn answer.\n"


@pytest.fixture
def on_cores(monkeypatch):
    """Any number of items is shared out, over four processes even on a machine of one core."""
    monkeypatch.setattr(cores, "LEAST", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)


@pytest.fixture
def here(monkeypatch):
    monkeypatch.setattr(cores, "LEAST", 10**9)


def _pid_and_square(n: int) -> tuple[int, int]:
    if n == 13:
        raise SourceError("thirteen.md", 13, "thirteen", "skip it")
    if n == 17:
        raise SourceError("seventeen.md", 17, "seventeen", "skip it")
    return os.getpid(), n * n


def _pid_and_square_slowly(n: int) -> tuple[int, int]:
    time.sleep(0.1)  # long enough for the other processes to start: one alone would not take every item
    return _pid_and_square(n)


def test_results_come_back_in_order_from_other_processes(on_cores):
    results = cores.each(_pid_and_square_slowly, range(12))
    assert [square for _, square in results] == [n * n for n in range(12)]
    assert os.getpid() not in {pid for pid, _ in results}
    assert len({pid for pid, _ in results}) > 1


def test_the_first_error_in_the_items_order_is_raised_whole(on_cores):
    with pytest.raises(SourceError) as failure:
        cores.each(_pid_and_square, [*range(17, 30), *range(13)])  # 17 comes before 13
    assert (failure.value.path.name, failure.value.line, failure.value.problem) == ("seventeen.md", 17, "seventeen")
    assert str(failure.value).startswith("seventeen.md:17: seventeen\n  What to do: skip it")


def test_few_items_are_done_here():
    assert {pid for pid, _ in cores.each(_pid_and_square, range(3))} == {os.getpid()}


def test_the_seed_archive_and_its_data_are_the_same_made_on_several_cores(tmp_path, request):
    data = tmp_path / "_data"
    shutil.copytree(ROOT / "docs" / "_data", data)
    made = {}
    for mode in ("here", "on_cores"):
        request.getfixturevalue(mode)
        archive = load_archive(data, tmp_path / mode / "events")
        build = build_site(data, "https://example.org/", "Test", cache_dir=tmp_path / mode)
        made[mode] = archive, build.data, build.search
        assert archive == build.archive
    assert len(made["here"][0].events) == 4
    assert made["here"] == made["on_cores"]


BAD_YAML = transcript(GOOD_BODY, id="b").replace('title: "A test event"', 'title: "A test event\nvenue2: x')
NOBODY = transcript(GOOD_BODY, id="n").replace("person: host-two", "person: host-three")


@pytest.mark.parametrize("events, culprit", [
    ({"a": transcript(GOOD_BODY, id="a"), "b": BAD_YAML, "c": transcript(GOOD_BODY, id="c"), "d": NOBODY}, "b.md"),
    ({"a": transcript(GOOD_BODY, id="a"), "b": NOBODY, "c": BAD_YAML}, "c.md"),  # sources are read before built
    ({"a": transcript(GOOD_BODY, id="a"), "b": transcript(GOOD_BODY, id="a"), "c": BAD_YAML}, "b.md"),
    ({"a": NOBODY, "b": NOBODY.replace("id: n", "id: m")}, "a.md"),
], ids=["read", "read-before-built", "same-id", "built"])
def test_a_bad_source_fails_with_the_error_it_fails_with_on_one_core(tmp_path, request, events, culprit):
    data = make_project(tmp_path, events) / "docs" / "_data"
    messages = []
    for mode in ("here", "on_cores"):
        request.getfixturevalue(mode)
        with pytest.raises(SourceError) as failure:
            load_archive(data)
        messages.append(str(failure.value))
    assert messages[0] == messages[1]
    assert f"{culprit}:" in messages[0]
