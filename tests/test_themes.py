"""Themes on the built site: pages, chips, cross-links, data, and editor overrides."""

from __future__ import annotations

import json

from ontherecord.cli import main as ontherecord

from sites import build_site, make_project, transcript

CORE = ["ukraine", "spending", "arctic", "eu-nato"]


def test_core_theme_pages_list_passages_from_the_events_that_speak_to_them(real_site):
    for slug in CORE:
        page = real_site.page(f"themes/{slug}")
        events = [h2["id"] for h2 in page.select("section.otr-theme-event h2[id]")]
        dates = [h2.find("time")["datetime"] for h2 in page.select("section.otr-theme-event h2")]
        assert dates == sorted(dates), slug
        # Only the 2026-01-26 exchange speaks of the Arctic: no other seed mentions it.
        assert len(events) >= (1 if slug == "arctic" else 2), slug
        assert page.select_one(".otr-chart svg rect") is not None
        summary = " ".join(page.select_one(".otr-theme-summary").get_text(" ").split())
        assert f"{len(page.select('.otr-passage'))} passages in {len(events)} events" in summary


def test_theme_passages_show_speaker_date_role_text_and_context_link(real_site):
    page = real_site.page("themes/arctic")
    passage = page.select_one(".otr-passage")
    who = passage.select_one(".otr-passage-who").get_text(" ")
    assert "Mark Rutte" in who and "NATO Secretary General" in who and "26 January 2026" in who
    assert passage.select_one("blockquote mark").get_text() == "Greenland"
    assert passage.select_one("a:-soup-contains('Read in context')")["href"] == (
        "../../events/2026-01-26-afet-sede-exchange/#p16")
    assert passage.select_one("a.otr-share")["href"] == "../../a/2026-01-26-afet-sede-exchange/p16/"


def test_turns_show_their_themes_and_paragraphs_offer_passages_elsewhere(real_site):
    page = real_site.page("events/2024-12-12-concert-noble")
    answer = page.find(id="t3").find_parent("section")
    chips = [a["href"] for a in answer.select(".otr-chips a")]
    assert "../../themes/spending/" in chips and "../../themes/ukraine/" not in chips
    # under each turn, folded: its themes' passages in other events
    elsewhere = page.find(id="p4").find_parent("section").select_one("details.otr-elsewhere")
    row = next(li for li in elsewhere.select("li") if li.get_text().startswith("Ukraine:"))
    links = [a["href"] for a in row.select("a")]
    # Ukraine passages in the other events, nearest in time first: 2025-01-13, then 2026-01-13, 2026-01-26.
    assert [href.split("/")[3] for href in links] == [
        "2025-01-13-exchange-with-meps", "2026-01-13-renew-europe-forum", "2026-01-26-afet-sede-exchange"]


def test_data_carries_themes_on_every_turn_and_paragraph(real_site):
    turns = json.loads((real_site.site / "data/turns.json").read_text(encoding="utf-8"))
    assert all("themes" in t and all("themes" in p and "tagged_by" in p for p in t["paragraphs"]) for t in turns)
    by_id = {t["id"]: t for t in turns}
    greenland = by_id["2026-01-26-afet-sede-exchange.t3"]["paragraphs"][1]
    assert greenland["themes"][0] == "arctic"
    assert {"theme": "arctic", "rule": "arctic-named", "words": "Greenland"} in greenland["tagged_by"]
    themes = json.loads((real_site.site / "data/themes.json").read_text(encoding="utf-8"))
    slugs = [t["slug"] for t in themes]
    assert slugs[:4] == CORE and len(slugs) >= 8
    for t in themes:
        page = real_site.page(f"themes/{t['slug']}")
        assert t["url"] == f"/themes/{t['slug']}/"
        assert t["counts"]["passages"] == len(page.select(".otr-passage"))


def test_explain_names_the_rule_behind_each_theme(capsys):
    assert ontherecord(["explain", "2026-01-26-afet-sede-exchange#p16"]) == 0
    assert "arctic: rule 'arctic-named' matched “Greenland”" in capsys.readouterr().out


BODY = """\
We must spend more on defence, and reach the targets we agreed.

Host Two, Director

Thank you. The situation in the Balkans is calm.
"""


def test_a_theme_set_or_removed_in_the_source_shows_everywhere(tmp_path):
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    before = build_site(make_project(tmp_path / "before", {"e": transcript(BODY)}))
    assert before.page("themes/spending").select(".otr-passage")
    assert not before.page("themes/arctic").select(".otr-passage")
    edit = "paragraphs:\n  p1: {themes: [arctic, -spending]}\n"
    project_after = make_project(tmp_path / "after", {"e": transcript(BODY, extra=edit)})
    after = build_site(project_after)
    event = after.page("events/2025-05-05-test-event")
    assert [a.get_text() for a in event.select(".otr-chips a")] == ["The Arctic and Greenland"]
    assert [a["href"] for a in after.page("themes/arctic").select(".otr-passage a:not(.otr-share)")] == [
        "../../events/2025-05-05-test-event/#p1"]
    assert not after.page("themes/spending").select(".otr-passage")
    turns = json.loads((after.site / "data/turns.json").read_text(encoding="utf-8"))
    paragraph = turns[0]["paragraphs"][0]
    assert paragraph["themes"] == ["arctic"] and turns[0]["themes"] == ["arctic"]
    assert {"theme": "arctic", "rule": "editor", "words": "set in the source"} in paragraph["tagged_by"]


def test_marked_words_are_found_in_the_text_before_it_is_escaped():
    """An evidence word that is also a tag or entity name (`amp`, `br`, `mark`) marks the word, never markup:
    the pieces are cut from the text itself, and the template escapes each."""
    from ontherecord.model import Evidence, Paragraph, Segment
    from ontherecord.render.theme import marked

    text = "Fish & chips amp up the mark of a br\nline"
    paragraph = Paragraph("p1", (Segment("spoken", text),), 1, themes=("x",),
                          evidence=tuple(Evidence("x", "r", w) for w in ("amp", "br", "mark")))
    pieces = marked(paragraph, "x")
    assert "".join(p["text"] for p in pieces) == text
    assert [p["text"] for p in pieces if p["marked"]] == ["amp", "mark", "br"]
