"""Property tests: the parser keeps every word in order; anchors survive edits elsewhere."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ontherecord import anchors, feeds
from ontherecord.feeds import sitemap
from ontherecord.render.home import striking
from ontherecord.render.templates import pages_shown
from ontherecord.source import read_source

from seeds import words
from sites import ROOT

VOCABULARY = ("alliance defence spending ukraine arctic greenland china russia support industry production "
              "drones missiles treaty summit pledge budget deterrence security partners europe canada "
              "winter frontline ammunition interceptors shipyards satellites sabotage cables cyber").split()

sentence = st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(lambda s: "\n".join(s) if len(s) > 2 else " ".join(s))
LABELS = ["Speaker One", "Host Two, Director"]
turn = st.tuples(st.sampled_from(LABELS), st.booleans(), st.lists(paragraph, min_size=1, max_size=4))

DECLARED = {"Speaker One": "  - {label: Speaker One, person: a, role: r, part: main}\n",
            "Host Two, Director": '  - {label: "Host Two, Director", person: b, role: r, part: moderator}\n'}


def source(labels: set[str], body: str) -> str:
    """A source declaring just the labels used (an unused declaration is an error)."""
    speakers = "".join(line for label, line in DECLARED.items() if label in labels)
    return ("---\nid: e\ntitle: T\ndate: 2025-05-05\nvenue: V\nkind: transcript\n"
            "sources: [{publisher: P, covers: all}]\nspeakers:\n" + speakers
            + "opening_speaker: Speaker One\n---\n" + body)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opening=st.lists(paragraph, max_size=3), turns=st.lists(turn, min_size=1, max_size=6),
       blank=st.sampled_from(["\n\n", "\n\n\n", "\n   \n"]))
def test_every_word_survives_parsing_in_order(tmp_path, opening, turns, blank):
    used = {label for label, _, _ in turns} | ({"Speaker One"} if opening else set())
    assume("Speaker One" in used)
    body, expected_turns = [], []
    if opening:
        body += opening
        expected_turns.append(("Speaker One", opening))
    for label, colon, paragraphs in turns:
        body.append(label + (":" if colon else ""))
        body += paragraphs
        expected_turns.append((label, paragraphs))
    path = tmp_path / "e.md"
    path.write_text(source(used, blank.join(body) + "\n"), encoding="utf-8")
    parsed = read_source(path)
    got = [(t.label, [p.text for p in t.paragraphs]) for t in parsed.turns]
    # Consecutive turns by one speaker stay separate turns; their words stay in order.
    assert [w for _, ps in got for p in ps for w in words(p)] == \
           [w for _, ps in expected_turns for p in ps for w in words(p)]
    assert [label for label, _ in got] == [label for label, _ in expected_turns]


distinct_paragraphs = st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=10, max_size=24, unique=True)
                               .map(" ".join), min_size=3, max_size=10, unique=True)


def _record(texts: list[str], ids: list[str]) -> anchors.Record:
    rows = (anchors.Recorded(i, *anchors.fingerprint(t)) for i, t in zip(ids, texts, strict=True))
    return anchors.Record(paragraphs=tuple(rows))


@settings(max_examples=150)
@given(old=distinct_paragraphs, new=distinct_paragraphs, data=st.data())
def test_anchors_of_untouched_paragraphs_survive_edits_elsewhere(old, new, data):
    texts = list(dict.fromkeys(old))
    first = anchors.assign(anchors.Record(), texts, [], [])
    record = _record(texts, first.paragraphs)
    deleted = set(data.draw(st.lists(st.sampled_from(range(len(texts))), max_size=len(texts) - 1, unique=True)))
    inserted = [t for t in new if t not in texts]
    for t in inserted:  # an inserted paragraph must not be a near copy of a deleted one
        for i in deleted:
            assume(anchors._similarity(anchors.fingerprint(texts[i])[1], anchors.fingerprint(t)[1]) < 0.75)
    edited = [t for i, t in enumerate(texts) if i not in deleted]
    for t in inserted:
        edited.insert(data.draw(st.integers(0, len(edited))), t)
    second = anchors.assign(record, edited, [], [])
    kept = dict(zip(edited, second.paragraphs, strict=True))
    for i, t in enumerate(texts):
        if i not in deleted:
            assert kept[t] == first.paragraphs[i]
    assert {r.id for r in second.lost} == {first.paragraphs[i] for i in deleted}
    highest = max(int(a[1:]) for a in first.paragraphs)
    assert all(int(kept[t][1:]) > highest for t in inserted)


_TAXONOMY = None


def _taxonomy():
    global _TAXONOMY
    if _TAXONOMY is None:
        from ontherecord.themes import load_taxonomy

        _TAXONOMY = load_taxonomy(ROOT / "docs" / "_data" / "themes.yml")
    return _TAXONOMY


_WORDS = ["Ukraine", "Ukrainian", "Arctic", "Greenland", "5%", "five per cent", "3.5 %", "defence", "spending",
          "EU", "eu", "NATO", "China", "Russia", "invest more in defence", "billion", "é", "Ǉ", "Straße", "drones",
          "PURL", "not", "because", ".", "!", "\n", "…", "—", "’", "(", ")", "Ukraine’s", "Ukrainé", "ÉU", "2035"]


def _naive_tag(taxonomy, text: str) -> list:
    """Tagging as first written: every rule, every sentence, Python's `re` only."""
    from ontherecord.model import Evidence
    from ontherecord.themes import _SENTENCE

    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    found = []
    for slug in taxonomy.themes:
        for rule in taxonomy.rules[slug]:
            for sentence in sentences:
                if rule.unless and rule.unless.search(sentence):
                    continue
                if rule.with_ and not rule.with_.search(text if rule.within == "paragraph" else sentence):
                    continue
                m = rule.any.search(sentence)
                if m:
                    found.append(Evidence(slug, rule.id, m.group(0)))
                    break
    return found


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=40))
def test_fast_tagging_finds_what_the_naive_rules_find(words):
    """RE2's set and the search from sentence to sentence only skip work: the same evidence as every rule
    tried on every sentence."""
    taxonomy, text = _taxonomy(), " ".join(words)
    assert taxonomy.tag(text) == _naive_tag(taxonomy, text)


def test_fast_tagging_matches_the_naive_rules_on_every_seed_paragraph():
    from ontherecord.archive import load_archive

    archive = load_archive(ROOT / "docs" / "_data")
    for paragraph in (p for e in archive.events for p in e.paragraphs):
        assert _taxonomy().tag(paragraph.text) == _naive_tag(_taxonomy(), paragraph.text), paragraph.anchor


@given(st.integers(1, 2000).flatmap(lambda count: st.tuples(st.integers(1, count), st.just(count))))
def test_a_pager_links_the_ends_and_the_neighbours_and_hides_only_runs(page):
    number, count = page
    shown = pages_shown(number, count)
    numbers = [k for k in shown if k is not None]
    assert numbers == sorted(set(numbers)) and {1, count, number} <= set(numbers) and len(shown) <= 9
    assert set(range(max(1, number - 2), min(count, number + 2) + 1)) <= set(numbers)
    assert shown[0] == 1 and shown[-1] == count
    for before, after in zip(shown, shown[1:], strict=False):
        if before is not None and after is not None:
            assert after - before == 1  # no page left out unmarked
    for before, gap, after in zip(shown, shown[1:], shown[2:], strict=False):
        if gap is None:
            assert after - before > 2  # "…" stands for two pages or more


def test_a_pager_of_ten_pages():
    assert pages_shown(6, 12) == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert pages_shown(5, 10) == [1, 2, 3, 4, 5, 6, 7, None, 10]  # 2 shown: "…" for one page is no shorter
    assert pages_shown(1, 1) == [1] and pages_shown(10, 10) == [1, None, 8, 9, 10]


XML_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"))


@given(st.lists(st.tuples(XML_TEXT, XML_TEXT), max_size=5))
def test_a_sitemap_gives_back_every_location_and_day_it_was_made_of(pairs):
    root = ET.fromstring(sitemap(pairs).encode("utf-8"))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == ns + "urlset"
    assert [(u.findtext(ns + "loc"), u.findtext(ns + "lastmod")) for u in root] == pairs


@given(XML_TEXT, XML_TEXT, st.lists(st.tuples(XML_TEXT, XML_TEXT, XML_TEXT), max_size=4))
def test_a_feed_gives_back_every_title_link_and_summary_it_was_made_of(title, site_name, rows):
    entries = [{"id": f"https://example.org/{n}", "title": t, "link": link, "summary": summary,
                "published": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z"}
               for n, (t, link, summary) in enumerate(rows)]
    root = ET.fromstring(feeds._feed(title, "https://example.org/f.xml", "https://example.org/", "2025-01-01T00:00:00Z",
                                     entries, site_name).encode("utf-8"))
    ns = "{http://www.w3.org/2005/Atom}"
    assert (root.findtext(ns + "title"), root.findtext(f"{ns}author/{ns}name")) == (title, site_name)
    assert [(e.findtext(ns + "title"), e.find(ns + "link").get("href"), e.findtext(ns + "summary"))
            for e in root.findall(ns + "entry")] == rows


def _passage(words_in: int, evidence: int, day: int, speaker: str):
    ns = SimpleNamespace
    return ns(paragraph=ns(text=" ".join(["word"] * words_in), evidence=[ns(theme="t")] * evidence),
              event=ns(date=dt.date(2025, 1, 1) + dt.timedelta(days=day)), turn=ns(speaker=ns(person=ns(id=speaker))))


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 3), st.integers(0, 5), st.sampled_from("ab")),
                max_size=30))
def test_the_home_pages_striking_passage_is_the_best_by_its_stated_rule(rows):
    """Readable length first, then most evidence, then the latest; the first in the list of equals."""
    found = [_passage(*row) for row in rows]
    mine = [p for p in found if p.turn.speaker.person.id == "a"]
    expected = max(mine, key=lambda p: (15 <= len(p.paragraph.text.split()) <= 120, len(p.paragraph.evidence),
                                        p.event.date)) if mine else None
    assert striking(found, "t", "a") is expected
