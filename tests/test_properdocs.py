"""A way off MkDocs, proven: ProperDocs (the maintained drop-in fork) builds the same site from the same files.

Material announces its end of life for May 2027 and MkDocs 1.x is unmaintained; the day the generator
must change, this test is what says the engine does not care.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sites import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_pages_as_mkdocs(tmp_path, real_site):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks", "docs", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    # The search index of the same records is reused (Pagefind's own output varies from run to run).
    shutil.copytree(real_site.site.parent / ".cache", project / ".cache")
    done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    theirs, ours = files(tmp_path / "site"), files(real_site.site)
    assert sorted(theirs) == sorted(ours)
    assert len(theirs) > 100
    # The same bytes, but for the line that names the generator.
    differ = [path for path in ours if GENERATOR.sub(b"", ours[path]) != GENERATOR.sub(b"", theirs[path])]
    assert differ == []
    assert b"ProperDocs" in theirs["events/2024-12-12-concert-noble/index.html"]
