"""The contributor page documents the source format the schema declares."""

from __future__ import annotations

from ontherecord.schema import load_schema

from sites import ROOT


def _keys(schema: dict) -> set[str]:
    keys = set(schema.get("properties", {}))
    for sub in schema.get("properties", {}).values():
        keys |= _keys(sub.get("items", {})) | _keys(sub)
        extra = sub.get("additionalProperties")
        if isinstance(extra, dict):
            keys |= _keys(extra)
    return keys


def test_every_front_matter_key_is_documented():
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    keys = _keys(load_schema("event"))
    assert len(keys) > 20
    assert [k for k in sorted(keys) if f"`{k}`" not in page and f"{k}:" not in page] == []


def test_the_contributor_page_is_on_the_site(real_site):
    page = real_site.page("contributing")
    assert "opening_speaker" in page.get_text()
