"""The cache of built events and pages changes nothing but the time a build takes: a cached build is byte
for byte a cold one, after an edit, a theme-rule change, a rename and a template override; and a stale
entry is never used."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from ontherecord import cache, publish, site
from ontherecord.archive import load_archive
from ontherecord.cli import main as ontherecord
from ontherecord.finished import FinishedPages
from ontherecord.render import theme
from ontherecord.site import build_site as engine_build

from browsing import ctrl_c_honoured, free_port
from sites import PEOPLE, build_site, make_project, transcript

BODY = ("Opening words of the speech on Ukraine and the Arctic.\n\nHost Two, Director\n\nA question about"
        " defence spending?\n\nSpeaker One\n\nAn answer about Greenland and the High North.\n\nHost Two, Director\n\n"
        "And a second question?\n\nSpeaker One\n\nA second answer, about China, and the last.\n")
OLD, NEW, OTHER = "2025-05-05-test-event", "2025-05-05-renamed", "2025-05-05-other-event"
URL = "https://example.org/"


def _tree(site: Path) -> dict[str, bytes]:
    # Pagefind's own index is made by Pagefind, not from the cache, and is checked by the build hygiene tests.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts}


def _cold_and_cached(project: Path, some_kept: bool = False) -> tuple[dict, dict]:
    """The site built with the cache as the last build left it, and built again with no cache at all;
    `some_kept`: the first must have taken some finished pages from the cache (`ontherecord.finished`)."""
    work = project / ".cache" / "ontherecord"
    built = build_site(project, URL)
    cached = _tree(built.site)
    assert any((work / "events").glob("*.pickle")) and any((work / "rendered").glob("*/*.pickle"))
    kept = [int(line.rsplit(" ", 1)[1]) for line in built.log if "kept from the last build:" in line]
    assert kept and (kept[0] > 0 or not some_kept)
    data = project / "docs" / "_data"
    # The search records are indexed by Pagefind, not compared above: the engine's own, kept and made anew.
    assert engine_build(data, URL, cache_dir=work).search == engine_build(data, URL).search
    shutil.rmtree(work)
    cold = _tree(build_site(project, URL).site)
    return cached, cold


def test_a_cached_build_is_byte_for_byte_a_cold_one_through_edits(tmp_path, monkeypatch):
    monkeypatch.setattr(theme, "PER_PAGE", 2)  # theme pages after the first are kept in the cache: have some
    project = make_project(tmp_path, {"e": transcript(BODY)}, PEOPLE)
    data = project / "docs" / "_data"
    assert ontherecord(["--data", str(data), "lock"]) == 0
    build_site(project, URL)  # fills the cache
    cached, cold = _cold_and_cached(project)
    assert cached == cold

    source = data / "events" / "e.md"
    source.write_text(source.read_text(encoding="utf-8").replace("the last.", "the last one."), encoding="utf-8")
    cached, cold = _cold_and_cached(project, some_kept=True)  # the pages the edit did not reach
    assert cached == cold and b"the last one." in cached["events/2025-05-05-test-event/index.html"]

    moments = data / "moments.yml"  # a moment's rule change: the timeline's mentions must follow
    moments.write_text(moments.read_text(encoding="utf-8").replace("any: [Churchill]", "any: [Churchill, High North]"),
                       encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold and b"churchill" in cached["data/timeline.json"] and b"High North" in cached[
        "data/timeline.json"]

    people = data / "people.yml"  # a person's page is kept in the cache: it must follow the registry
    people.write_text(people.read_text(encoding="utf-8").replace("Moderates the", "Chairs the"), encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold and b"Chairs the test events." in cached["people/host-two/index.html"]

    themes = data / "themes.yml"  # a rule change re-tags every event: the cache must not keep old tags
    themes.write_text(themes.read_text(encoding="utf-8").replace("Greenland", "Groenland"), encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold

    source.write_text(source.read_text(encoding="utf-8").replace(f"id: {OLD}", f"id: {NEW}"), encoding="utf-8")
    (data / "addresses.yml").write_text(f"renamed:\n  {OLD}: {NEW}\n", encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold and f"a/{NEW}/t3/index.html" in cached and f"a/{OLD}/t3/index.html" in cached

    other = data / "events" / "f.md"  # an event page links to passages of others: their change is its change
    other.write_text(transcript(BODY, id=OTHER, title="Another event"), encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold and b"other-event/#p1\">5 May 2025" in cached[f"events/{NEW}/index.html"]
    other.write_text(other.read_text(encoding="utf-8").replace("date: 2025-05-05", "date: 2025-05-07"),
                     encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold and b"other-event/#p1\">7 May 2025" in cached[f"events/{NEW}/index.html"]
    other.write_text(other.read_text(encoding="utf-8").replace("the High North", "the far High North"),
                     encoding="utf-8")  # a passage's words on a theme page after the first (kept in the cache)
    cached, cold = _cold_and_cached(project)
    assert cached == cold and b"the far <mark>High North</mark>" in cached["themes/arctic/2/index.html"]

    override = project / "overrides" / "ontherecord" / "passage.html"  # the site's own template for passages
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('{% extends "standalone.html" %}{% block content %}<p class="mine">{{ passage.anchor }}</p>'
                        "{% endblock %}", encoding="utf-8")
    cached, cold = _cold_and_cached(project)
    assert cached == cold and b'<p class="mine">t3</p>' in cached[f"a/{NEW}/t3/index.html"]


def test_a_kept_finished_page_follows_what_every_page_is_wrapped_in(tmp_path):
    """Material's wrapping of a page (navigation, configuration, templates) is in the key of a kept page."""
    project = make_project(tmp_path, {"e": transcript(BODY)}, PEOPLE)
    event = f"events/{OLD}/index.html"
    build_site(project, URL)  # fills the cache
    changes = [(project / "mkdocs.yml", "About the archive: about.md", "About this archive: about.md",
                b"About this archive"),  # the navigation
               (project / "mkdocs.yml", "strict: true", "strict: true\ncopyright: Kept by its editors",
                b"Kept by its editors"),  # Material's footer
               (project / "overrides" / "main.html", "{% block extrahead %}", "{% block extrahead %}<!-- new -->",
                b"<!-- new -->")]  # a template
    for path, old, new, shown in changes:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        cached, cold = _cold_and_cached(project)
        assert cached == cold and shown in cached[event], path.name


def test_a_stale_entry_is_never_used(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"e": transcript(BODY)}, PEOPLE)
    data, folder = project / "docs" / "_data", tmp_path / "cache"
    first = load_archive(data, folder)
    assert len(list(folder.glob("*.pickle"))) == 1

    def built_anew(archive_dir: Path) -> bool:
        calls = []
        original = cache.EventCache.put
        monkeypatch.setattr(cache.EventCache, "put", lambda self, *a: calls.append(a) or original(self, *a))
        load_archive(archive_dir, folder)
        monkeypatch.setattr(cache.EventCache, "put", original)
        return bool(calls)

    assert not built_anew(data)  # nothing changed: taken from the cache
    monkeypatch.setattr(cache, "engine_version", lambda: "another engine")
    assert built_anew(data)  # the engine changed
    monkeypatch.undo()
    assert built_anew(data) and not built_anew(data)  # back to this engine: built once, then cached
    people = data / "people.yml"
    people.write_text(PEOPLE.replace("Moderates the test events.", "Chairs the test events."), encoding="utf-8")
    assert built_anew(data) and not built_anew(data)  # the people changed
    assert ontherecord(["--data", str(data), "lock"]) == 0
    assert built_anew(data) and not built_anew(data)  # the record of published anchors changed
    assert load_archive(data, folder).events[0].turns == load_archive(data).events[0].turns
    assert first.events[0].id == OLD
    assert len(list(folder.glob("*.pickle"))) == 1  # what no build asked for is removed


def test_the_engine_version_changes_with_any_file_of_the_engine(tmp_path, monkeypatch):
    """What keys every cache to the engine: one byte more in its code, a template, a schema or a script makes it
    another engine, whose builds use nothing the last one kept."""
    engine = tmp_path / "ontherecord"
    shutil.copytree(Path(cache.__file__).parent, engine, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(engine / "cache.py"))
    version = cache.engine_version.__wrapped__  # the function itself, not its answer kept for this process
    seen = {version()}
    assert version() in seen  # the same files, the same engine
    for part in ("passages.py", "templates/passage.html", "event.schema.json", "js/quotecheck.js"):
        with (engine / part).open("a", encoding="utf-8") as f:
            f.write("\n")
        assert version() not in seen, part
        seen.add(version())


def test_a_kept_page_is_used_only_while_what_made_it_is_unchanged(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"e": transcript(BODY)}, PEOPLE)
    source = project / "docs" / "_data" / "events" / "e.md"
    standalone = project / "site" / "a" / OLD / "t3" / "index.html"
    rendered = []
    original = cache.PageCache.put
    monkeypatch.setattr(cache.PageCache, "put", lambda self, key, page: rendered.append(key) or original(self, key,
                                                                                                          page))

    def made(url: str = URL) -> tuple[bool, bool]:
        """Whether a build rendered event or theme pages anew, and whether it wrote the standalone pages anew."""
        rendered.clear()
        if standalone.exists():
            os.utime(standalone, ns=(0, 0))  # a page written anew has the time of its writing
        build_site(project, url)
        return bool(rendered), standalone.stat().st_mtime_ns != 0

    assert made() == (True, True) and made() == (False, False)  # made once, then kept
    build_site(project, URL, tmp_path / "elsewhere")  # a build into another folder (as `mkdocs serve` makes)
    assert made() == (False, False)  # leaves this folder's pages as they are
    source.write_text(source.read_text(encoding="utf-8").replace("the last.", "the end."), encoding="utf-8")
    assert made() == (True, True) and made() == (False, False)  # the event changed
    monkeypatch.setattr(publish, "engine_version", lambda: "another engine")
    assert made() == (False, True)  # the engine changed, for the standalone pages
    monkeypatch.setattr(site, "engine_version", lambda: "another engine")
    assert made() == (True, False)  # and for the others
    override = project / "overrides" / "ontherecord" / "_parts.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text((Path(publish.__file__).parent / "templates" / "_parts.html").read_text(encoding="utf-8")
                        + "\n", encoding="utf-8")
    assert made() == (True, True) and made() == (False, False)  # a template override changed
    assert made("https://example.net/") == (True, True)  # another site address: other pages
    assert made() == (False, True)  # each address keeps its own rendered pages
    folders = project / ".cache" / "ontherecord" / "rendered"  # one for each engine, templates and address
    assert len(list(folders.iterdir())) == 4
    for folder in folders.iterdir():
        os.utime(folder, (0, 0))  # as if no build had written to them for years
    assert made() == (False, False) and len(list(folders.iterdir())) == 1  # all but this build's are removed


def test_unchanged_standalone_pages_stay_in_the_site_and_a_lost_one_is_written_again(tmp_path):
    project = make_project(tmp_path, {"e": transcript(BODY), "f": transcript(BODY, id=OTHER, title="Another")},
                           PEOPLE)
    site = build_site(project, URL).site
    mine, other = site / "a" / OLD / "t3" / "index.html", site / "a" / OTHER / "t3" / "index.html"
    for page in (mine, other):
        os.utime(page, ns=(0, 0))  # a page written anew has the time of its writing
    source = project / "docs" / "_data" / "events" / "e.md"
    source.write_text(source.read_text(encoding="utf-8").replace("the last.", "the end."), encoding="utf-8")
    build_site(project, URL)
    assert other.stat().st_mtime_ns == 0  # kept through the build: not deleted, not written
    assert mine.stat().st_mtime_ns != 0 and b"the end." in (site / "a" / OLD / "t5" / "index.html").read_bytes()

    other.unlink()  # lost from the site between builds: its event's pages are written again
    (site / "a" / OTHER / "t1" / "index.html").write_text("changed by hand", encoding="utf-8")
    aside = site.parent / f".{site.name}-passages-aside"
    aside.mkdir()  # as a failed build would leave it
    (aside / "stray").write_text("?", encoding="utf-8")
    kept = _tree(build_site(project, URL).site)
    assert not aside.exists() and other.exists()
    shutil.rmtree(project / ".cache")
    assert kept == _tree(build_site(project, URL).site)


def test_finished_pages_are_kept_for_two_settings_at_most(tmp_path):
    """A set of finished pages is 300 MB at 1,000 events: `mkdocs serve` and `mkdocs build` keep one each."""
    for n, setting in enumerate(("first", "second", "third")):
        before = set(tmp_path.iterdir())
        pages = FinishedPages(tmp_path, setting)
        assert not pages.find("events/e/", "content")
        assert pages.finish("events/e/", f"<html>{setting}</html>") == f"<html>{setting}</html>"
        (made,) = set(tmp_path.iterdir()) - before
        os.utime(made, (time.time() - 100 + n,) * 2)  # written in this order, today
    again = FinishedPages(tmp_path, "third")
    assert again.find("events/e/", "content") and again.finish("events/e/", "") == "<html>third</html>"
    assert not again.find("events/e/", "other content")  # another page: made anew
    again.prune()
    assert len(list(tmp_path.iterdir())) == 2
    assert FinishedPages(tmp_path, "second").find("events/e/", "content")
    assert not FinishedPages(tmp_path, "first").find("events/e/", "content")


def _serve_once(project: Path, port: int, path: str) -> tuple[list[str], bytes]:
    """One `mkdocs serve` session, stopped as an editor stops it (Ctrl-C): its log, and the page at `path`."""
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              preexec_fn=ctrl_c_honoured)
    log = []
    try:
        for line in server.stdout:
            log.append(line.strip())
            if "Serving on" in line:
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
            page = response.read()
        server.send_signal(signal.SIGINT)
        log += [line.strip() for line in server.stdout]
        assert server.wait(timeout=60) == 0, log
    finally:
        server.kill()
    return log, page


def test_the_next_mkdocs_serve_session_keeps_the_last_ones_standalone_pages(tmp_path):
    """`mkdocs serve` builds in a temporary folder and deletes it when it stops: a session's standalone pages
    are kept for the next, which serves what a cold build makes."""
    project = make_project(tmp_path, {"e": transcript(BODY), "f": transcript(BODY, id=OTHER, title="Another")},
                           PEOPLE)
    port, path = free_port(), f"a/{OLD}/t3/"
    first, _ = _serve_once(project, port, path)
    assert any("those of 2 of 2 events written anew" in line for line in first), first
    assert any("standalone pages of 2 events kept for the next" in line for line in first), first
    source = project / "docs" / "_data" / "events" / "e.md"
    source.write_text(source.read_text(encoding="utf-8").replace("the last.", "the end."), encoding="utf-8")
    second, served = _serve_once(project, port, path)
    assert any("those of 1 of 2 events written anew" in line for line in second), second  # the edited one
    cold = build_site(project, f"http://127.0.0.1:{port}/", tmp_path / "cold").site
    assert served == (cold / path / "index.html").read_bytes()
    assert any("standalone pages of 2 events kept for the next" in line for line in second), second


def test_a_session_keeps_what_it_can_and_leaves_nothing_beside_its_folder(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"e": transcript(BODY)}, PEOPLE)
    site_dir, work = tmp_path / "serving", project / ".cache" / "ontherecord"
    aside, parked = tmp_path / ".serving-passages-aside", work / publish.PARKED
    build_site(project, URL, site_dir)

    def across_file_systems(*_):
        raise OSError(errno.EXDEV, "Invalid cross-device link")
    monkeypatch.setattr(Path, "rename", across_file_systems)
    assert publish.park(site_dir, work) == 0  # another file system: nothing is copied
    assert not parked.exists() and (site_dir / "a" / OLD / "t3" / "index.html").exists()
    monkeypatch.undo()
    publish.set_aside(site_dir, work)  # as a build does before it fails: the pages wait beside the folder
    assert aside.exists() and publish.park(site_dir, work) == 1  # still known: kept
    assert not aside.exists() and (parked / "a" / OLD / "t3" / "index.html").exists()
    later = tmp_path / "later"
    publish.unpark(later, work)
    assert not parked.exists() and (tmp_path / ".later-passages-aside" / OLD / "t3" / "index.html").exists()
    later.mkdir()
    (tmp_path / ".later-passages-aside").rename(later / "a")  # taken back by the session's first build,
    publish._record(later, work).unlink()  # which failed before it wrote its own record
    assert publish.park(later, work) == 0 and not parked.exists()  # nothing is known of them: not kept
