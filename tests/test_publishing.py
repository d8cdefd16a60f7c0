"""The publishing workflow keeps the build's caches between runs, where the build looks for them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def _steps() -> list[dict]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    return workflow["jobs"]["build"]["steps"]


def _work_folder() -> str:
    """The work folder the site hook uses, relative to the project."""
    spec = importlib.util.spec_from_file_location("site_hook", ROOT / "hooks" / "ontherecord_site.py")
    hook = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(hook)
        return hook._work(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))).relative_to(ROOT).as_posix()
    finally:
        del sys.modules[spec.name]


def test_the_build_caches_and_the_last_site_are_restored_before_the_build_and_saved_anew():
    steps = _steps()
    cache = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@"))
    build = next(i for i, s in enumerate(steps) if "mkdocs build" in s.get("run", ""))
    assert cache < build
    settings = steps[cache]["with"]
    site_dir = Path(load_config(str(ROOT / "mkdocs.yml"))["site_dir"]).relative_to(ROOT).as_posix()
    assert set(settings["path"].split()) == {_work_folder(), site_dir}
    # an entry is never overwritten: each commit saves its own, and the next run restores the newest
    assert "${{ github.sha }}" in settings["key"]
    assert settings["key"].startswith(settings["restore-keys"].strip())
