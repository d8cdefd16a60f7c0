"""Every page type as the machines that read links see it: the Nu HTML Checker, structured-data and preview
clients (extruct; the Google, Twitter and Facebook presets of structured-data-testing-tool), Google's Event
rules."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess

import extruct
import pytest
import yaml
from bs4 import BeautifulSoup

from sites import ROOT

pytestmark = pytest.mark.browser  # needs the tools `make test` installs: Java, the Nu checker, sdtt

TOOLS = ROOT / "tests" / "browser_tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
SDTT = TOOLS / ".bin" / "sdtt"
SITE = "https://example.org/"

# One page of each type, and what its JSON-LD describes.
PAGES = {
    "": ("WebSite", "ItemList"),
    "events/": (),
    "events/2024-12-12-concert-noble/": ("Event", "BreadcrumbList"),
    "events/2025-01-13-exchange-with-meps/": ("Event", "BreadcrumbList"),
    "themes/": (),
    "themes/ukraine/": ("CollectionPage", "BreadcrumbList"),
    "timeline/": (),
    "people/": (),
    "people/mark-rutte/": ("ProfilePage", "BreadcrumbList"),
    "check/": (),
    "about/": (),
    "a/2026-01-26-afet-sede-exchange/t3/": ("Quotation", "BreadcrumbList"),
    "a/2026-01-26-afet-sede-exchange/p29/": ("Quotation", "BreadcrumbList"),
    "a/2025-01-13-exchange-with-meps/q1/": ("Quotation", "BreadcrumbList"),
}

# Material's own markup that the Nu checker reports (Material 9.8). None stops a reader; they are listed for
# contributors in docs/contributing.md. Everything else, the project's own markup, must have no error.
MATERIAL_ERRORS = (
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'for="__toc"'),
)


def _material(message: dict) -> bool:
    return any(message["message"].startswith(text) and mark in message.get("extract", "")
               for text, mark in MATERIAL_ERRORS)


def test_the_nu_html_checker_finds_no_error_in_the_projects_markup(real_site, tmp_path):
    from ontherecord.model import Retired
    from ontherecord.render.notice import moved_page, retired_page
    from ontherecord.settings import SiteInfo

    files = [real_site.site / path / "index.html" for path in PAGES]
    site = SiteInfo("Rutte on the Record", SITE, ("assets/x.css",), ())
    for name, html in (("moved", moved_page("events/old/", "events/new/", "event", site)),
                       ("retired", retired_page("events/gone/", Retired("gone", "Gone", "2025-01-01", "why"), site))):
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
        files.append(tmp_path / f"{name}.html")
    java = shutil.which("java")
    assert java and VNU.exists(), "run `make test`: it installs Java and the Nu checker (vnu-jar)"
    out = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(out.stderr)["messages"]
    ours = [(m["url"].split("/")[-2:], m.get("lastLine"), m["message"], m.get("extract", "")[:120])
            for m in messages if m["type"] == "error" and not _material(m)]
    assert ours == []
    assert all(_material(m) for m in messages)  # the allowance covers only what it says


REQUIRED = ("og:title", "og:description", "og:url", "og:type", "og:image", "og:image:alt", "og:site_name",
            "twitter:card", "twitter:title", "twitter:description", "twitter:image")


def preview_problems(html: str, url: str) -> list[str]:
    """What a card maker would miss or cut in the page's preview."""
    data = extruct.extract(html, base_url=url, syntaxes=["opengraph"], uniform=False)
    og = dict(data["opengraph"][0]["properties"]) if data["opengraph"] else {}
    soup = BeautifulSoup(html, "html.parser")
    meta = og | {m["name"]: m.get("content", "") for m in soup.find_all("meta", attrs={"name": True})}
    problems = [f"missing {key}" for key in REQUIRED if not meta.get(key, "").strip()]
    if len(meta.get("og:title", "")) > 70:
        problems.append(f"og:title of {len(meta['og:title'])} characters")
    if len(meta.get("og:description", "")) > 200:
        problems.append(f"og:description of {len(meta['og:description'])} characters")
    if meta.get("og:image") and not meta["og:image"].startswith(SITE):
        problems.append("og:image is not an absolute address on the site")
    canonical = soup.find("link", rel="canonical")
    if not canonical or canonical["href"] != meta.get("og:url"):
        problems.append("og:url is not the canonical address")
    return problems


def test_every_page_type_has_a_whole_preview_within_card_lengths(real_site):
    for path in PAGES:
        html = (real_site.site / path / "index.html").read_text(encoding="utf-8")
        assert preview_problems(html, SITE + path) == [], path
        image = real_site.site / BeautifulSoup(html, "html.parser").find(
            "meta", property="og:image")["content"].removeprefix(SITE)
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path


def test_the_preview_check_fails_when_a_field_is_removed(real_site):
    html = (real_site.site / "a/2026-01-26-afet-sede-exchange/p29/index.html").read_text(encoding="utf-8")
    assert preview_problems(html, SITE) == []
    soup = BeautifulSoup(html, "html.parser")
    soup.find("meta", property="og:image").decompose()
    assert preview_problems(str(soup), SITE) == ["missing og:image"]


def test_social_presets_of_structured_data_testing_tool_pass(real_site):
    assert SDTT.exists(), "run `make test`: it installs structured-data-testing-tool"
    for path, types in PAGES.items():
        args = [str(SDTT), "--file", str(real_site.site / path / "index.html"),
                "--presets", "Google,Twitter,Facebook"]
        if types:
            args += ["--schemas", ",".join(types)]
        out = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and "Failed: 0" in out.stdout, (path, out.stdout[-1500:])


VOCABULARY = yaml.safe_load((ROOT / "tests" / "cases" / "schema_org.yml").read_text(encoding="utf-8"))


def _properties(kind: str) -> set[str]:
    """A type's properties with those it inherits (tests/cases/schema_org.yml, copied from schema.org)."""
    entry = VOCABULARY[kind]
    return set(entry["properties"]) | (_properties(entry["parent"]) if entry.get("parent") else set())


def _ranges(kind: str) -> dict[str, list[str]]:
    entry = VOCABULARY[kind]
    return (_ranges(entry["parent"]) if entry.get("parent") else {}) | entry.get("ranges", {})


def _check(item, where: str, problems: list[str]) -> None:
    if isinstance(item, list):
        for x in item:
            _check(x, where, problems)
        return
    if not isinstance(item, dict):
        return
    kind = item.get("@type")
    if kind not in VOCABULARY:
        problems.append(f"{where}: type {kind} is not in the vocabulary")
        return
    for key, value in item.items():
        if key.startswith("@"):
            continue
        if key not in _properties(kind):
            problems.append(f"{where}: {kind} has no property {key}")
        allowed = _ranges(kind).get(key)
        if allowed and isinstance(value, dict) and not _is_a(value.get("@type"), allowed):
            problems.append(f"{where}: {kind}.{key} may not be a {value.get('@type')}")
        _check(value, f"{where}.{key}", problems)


def _is_a(kind: str | None, allowed: list[str]) -> bool:
    while kind:
        if kind in allowed:
            return True
        kind = VOCABULARY.get(kind, {}).get("parent")
    return False


def test_structured_data_uses_schema_org_as_search_engines_accept_it(real_site):
    problems: list[str] = []
    for path, types in PAGES.items():
        html = (real_site.site / path / "index.html").read_text(encoding="utf-8")
        blocks = extruct.extract(html, base_url=SITE + path, syntaxes=["json-ld"], uniform=False)["json-ld"]
        found = [item for block in blocks for item in (block if isinstance(block, list) else [block])]
        assert tuple(i["@type"] for i in found) == types, path
        assert len(BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")) == (
            1 if types else 0), path
        for item in found:
            _check(item, path or "home", problems)
            if item["@type"] == "Event":  # Google's Event rules: required, then recommended
                assert item["name"] and item["startDate"] and item["location"]["address"], path
                assert {"description", "endDate", "eventStatus", "eventAttendanceMode", "image", "organizer",
                        "performer"} <= set(item), path
    assert problems == []


def test_the_vocabulary_check_catches_a_property_schema_org_lacks():
    problems: list[str] = []
    _check({"@type": "Quotation", "isPartOf": {"@type": "Event", "name": "x"}}, "x", problems)
    assert problems == ["x: Quotation.isPartOf may not be a Event"]
    _check({"@type": "Event", "spokenByCharacter": "x"}, "y", problems)
    assert problems[-1] == "y: Event has no property spokenByCharacter"


def test_robots_and_both_sitemaps_list_every_page_once(real_site):
    robots = (real_site.site / "robots.txt").read_text(encoding="utf-8")
    locations = []
    for line in robots.splitlines():
        if line.startswith("Sitemap: "):
            sitemap = real_site.site / line.removeprefix("Sitemap: ").removeprefix(SITE)
            locations += [loc.get_text() for loc in BeautifulSoup(sitemap.read_text(encoding="utf-8"), "xml")
                          .find_all("loc")]
    assert len(locations) == len(set(locations))
    pages = {SITE + p.parent.relative_to(real_site.site).as_posix() + "/" for p in
             real_site.site.rglob("index.html") if "pagefind" not in p.as_posix()}
    pages = {p.replace(SITE + "./", SITE) for p in pages}
    assert pages - set(locations) == set()


UNFURL = """<!doctype html><html><body style="font:15px/1.4 sans-serif;background:#f4f4f4;padding:24px">
<div style="max-width:520px;background:#fff;border-left:4px solid #ccc;padding:12px 16px;border-radius:4px">
<div style="color:#555">{site}</div><div style="font-weight:700;color:#1264a3">{title}</div>
<div style="margin:4px 0 10px">{description}</div><img src="{image}" style="width:100%;border-radius:6px"></div>
</body></html>"""


def test_how_an_answer_unfurls_is_kept_in_artifacts(real_site, browser):
    """What a chat app shows for a shared answer, drawn from the page's own tags and card image."""
    from html import escape

    path = "a/2026-01-26-afet-sede-exchange/p29/"
    soup = BeautifulSoup((real_site.site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    image = real_site.site / og["og:image"].removeprefix(SITE)
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "unfurl-answer.md").write_text(
        f"# How {SITE}{path} unfurls\n\n- site: {og['og:site_name']}\n- title: {og['og:title']}\n"
        f"- description: {og['og:description']}\n- image: {og['og:image']} ({og['og:image:width']}×"
        f"{og['og:image:height']}, alt “{og['og:image:alt']}”)\n", encoding="utf-8")
    page = browser.new_page(viewport={"width": 600, "height": 560})
    page.set_content(UNFURL.format(site=escape(og["og:site_name"]), title=escape(og["og:title"]),
                                   description=escape(og["og:description"]),
                                   image="data:image/png;base64," + base64.b64encode(image.read_bytes()).decode()))
    page.screenshot(path=str(out / "unfurl-answer.png"))
    page.close()
    assert "keep on dreaming" in og["og:description"] and (out / "unfurl-answer.png").stat().st_size > 10_000
