"""Which process of a build holds the most memory: the peak resident memory of each, sampled twice a second.

    .venv/bin/python benchmarks/processes.py benchmarks/work/archive-1000

`run.py` reports the peak of the largest process (GNU time's %M); this names it. The project's caches are
moved aside for the run, so that the build is a cold one, and put back after. A forked page writer's
figure counts the pages it shares with the build's process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def descendants(root: int) -> dict[int, tuple[str, int]]:
    """pid -> (command, resident MiB) of every process under `root`."""
    rows = [line.split(None, 3) for line in subprocess.run(["ps", "-e", "-o", "pid=,ppid=,rss=,comm="],
                                                          capture_output=True, text=True).stdout.splitlines()]
    under, grown = {root}, True
    while grown:
        grown = False
        for pid, ppid, _, _ in rows:
            if int(ppid) in under and int(pid) not in under:
                under.add(int(pid))
                grown = True
    return {int(pid): (comm, int(rss) // 1024) for pid, _, rss, comm in rows if int(pid) in under}


def peaks(project: Path) -> list[tuple[str, int]]:
    """(command and pid, peak resident MiB) of each process of a cold `mkdocs build`, largest first."""
    cache, aside = project / ".cache", project / ".cache-aside"
    if cache.exists():
        cache.rename(aside)
    try:
        build = subprocess.Popen([MKDOCS, "build", "-q"], cwd=project, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seen: dict[str, int] = {}
        while build.poll() is None:
            for pid, (comm, mib) in descendants(build.pid).items():
                seen[f"{comm} ({pid})"] = max(seen.get(f"{comm} ({pid})", 0), mib)
            time.sleep(0.5)
        if build.returncode:
            raise SystemExit(f"mkdocs build failed in {project}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if aside.exists():
            aside.rename(cache)
    return sorted(seen.items(), key=lambda kv: -kv[1])


if __name__ == "__main__":
    for name, mib in peaks(Path(sys.argv[1])):
        print(f"{mib:6d} MiB  {name}")
