from __future__ import annotations

import logging
import shutil

import pytest

from sites import ROOT, Built, build_site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Built:
    """The archive itself, built once with --strict semantics (mkdocs.yml sets strict)."""
    project = tmp_path_factory.mktemp("real")
    for name in ("mkdocs.yml", "hooks", "docs"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    return build_site(project)


def pytest_configure(config):
    config.addinivalue_line("markers", "failing_build: the test expects a build to fail and log an error")


@pytest.fixture(autouse=True)
def no_unexpected_warnings(request, caplog):
    """Fail any test during which MkDocs or the engine logged a warning it did not expect."""
    caplog.set_level(logging.INFO)
    yield
    if request.node.get_closest_marker("failing_build"):
        return
    warnings = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING
                and r.name.startswith(("mkdocs", "ontherecord"))]
    assert not warnings, [r.getMessage() for r in warnings]
