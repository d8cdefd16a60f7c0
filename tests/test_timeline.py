"""The timeline: events and referenced moments in date order, mentions that land, the editor's report."""

from __future__ import annotations

import yaml

from ontherecord.themes import load_taxonomy, matches
from ontherecord.timeline import load_moments

from sites import ROOT, build_site, make_project, transcript

MOMENTS = yaml.safe_load((ROOT / "docs/_data/moments.yml").read_text(encoding="utf-8"))

# Words a passage must hold to be a mention of each moment, written for this test.
EVIDENCE = {
    "churchill-congress-1941": ["Churchill"], "iron-curtain-falls": ["Iron Curtain"],
    "article-5-after-9-11": ["9/11"], "georgia-2008": ["Georgia"], "crimea-2014": ["Crimea"],
    "wales-pledge": ["2014", "decade"], "trump-first-term": ["2016", "Trump 45"],
    "full-scale-invasion": ["2022", "full-scale", "all out war", "all-out war"], "finland-joins": ["Finland"],
    "vilnius-summit": ["2023"], "sweden-joins": ["Sweden"],
    "rutte-takes-office": ["office", "starting at NATO", "24"], "us-election-2024": ["election", "incoming"],
    "romania-election-annulled": ["Romania"], "trump-returns": ["came back"], "hague-summit": ["Hague"],
    "davos-2026": ["Davos"], "ankara-summit": ["Ankara"], "germany-3-5-percent": ["Germany", "2029"],
    "china-warheads-2030": ["2030"], "hague-target-2035": ["2035"],
}


def key(datetime: str) -> tuple[int, ...]:
    return tuple(int(x) for x in datetime.split("-")) + (0,) * (2 - datetime.count("-"))


def test_every_event_and_moment_appears_in_date_order(real_site):
    page = real_site.page("timeline")
    # the archive's own events lead; the moments before its first event follow, apart
    lead, before = page.select(".otr-timeline")
    times = [t["datetime"] for t in lead.select("time")]
    assert times == sorted(times, key=key) and times[0] == "2024-12-12"
    earlier = [t["datetime"] for t in before.select("time")]
    assert earlier == sorted(earlier, key=key) and earlier[0] == "1941-12-26" and earlier[-1] < "2024-12-12"
    assert before.find_parent("details", class_="otr-tl-before")
    assert len(page.select("li.otr-tl-event")) == 4
    moments = {li["id"][2:]: li.find("time")["datetime"] for li in page.select("li.otr-tl-moment")}
    assert moments == {m["id"]: str(m["date"]) for m in MOMENTS}
    assert moments["hague-summit"] == "2025-06" and moments["germany-3-5-percent"] == "2029"
    years = [h.get_text() for h in lead.select(".otr-tl-year h2")]
    assert years == sorted(set(years)) and years[0] == "2024"
    assert "2014" in [h.get_text() for h in before.select(".otr-tl-year h2")]


def test_moments_after_the_latest_event_look_ahead(real_site):
    page = real_site.page("timeline")
    ahead = {li["id"][2:] for li in page.select("li.otr-tl-moment.otr-tl-ahead")}
    assert ahead == {"ankara-summit", "germany-3-5-percent", "china-warheads-2030", "hague-target-2035"}


def test_every_mention_link_lands_on_a_paragraph_that_mentions_the_moment(real_site):
    page = real_site.page("timeline")
    cache = {}
    checked = 0
    for li in page.select("li.otr-tl-moment"):
        moment = li["id"][2:]
        for a in li.select(".otr-tl-mentions a"):
            path, _, anchor = a["href"].replace("../", "", 1).partition("#")
            target = cache.setdefault(path, real_site.page(path.strip("/")))
            paragraph = target.find(id=anchor)
            assert paragraph is not None, a["href"]
            assert any(w in paragraph.get_text() for w in EVIDENCE[moment]), (moment, a["href"])
            checked += 1
    assert checked >= 30


def find(text: str) -> set[str]:
    themes = load_taxonomy(ROOT / "docs/_data/themes.yml").themes
    return {m.id for m in load_moments(ROOT / "docs/_data/moments.yml", themes) if matches(m.rules, text)}


def test_differently_worded_mentions_are_found_and_a_bare_place_name_is_not():
    assert "hague-summit" in find("We had a successful Summit in The Hague, where we agreed a lot.")
    assert "hague-summit" in find("What we decided in The Hague in June will change our armed forces.")
    assert "hague-summit" in find("Europe will build its forces, based on The Hague Defence Investment Pledge.")
    assert "hague-summit" not in find("It is good to be back in my home town, The Hague.")
    assert "wales-pledge" in find("The benchmark was set at 2% a decade ago, at our Summit.")
    assert "full-scale-invasion" in find("Since the full-scale invasion, everything has changed.")


def test_theme_pages_show_their_slice_of_the_timeline(real_site):
    page = real_site.page("themes/spending")
    section = page.find(id="timeline").find_parent("section")
    titles = [p.get_text() for p in section.select(".otr-tl-title")]
    assert "The Wales Summit pledge" in titles and "The Hague Summit" in titles
    assert "Churchill addresses the US Congress" not in titles
    times = [t["datetime"] for t in section.select("time")]
    assert times == sorted(times, key=key)


def test_the_build_reports_unmentioned_moments_and_unmatched_years(tmp_path):
    body = "In 1999 we did something else.\n\nHost Two, Director\n\nAnd then?\n\nSpeaker One\n\nNothing more.\n"
    built = build_site(make_project(tmp_path, {"e": transcript(body)}))
    report = "\n".join(built.log)
    assert "moment 'hague-summit' (2025-06) is mentioned by no passage" in report
    assert "2025-05-05-test-event#p1 mentions 1999, which matches no moment" in report
