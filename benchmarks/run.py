"""Benchmarks: whole builds of synthetic corpora of growing size, against a plain Material build.

    .venv/bin/python benchmarks/run.py [--sizes 10 100 1000]

For each size: build time and peak memory with the hooks and for the same transcripts as plain
Material pages; the search index size and the bytes one query downloads; how long `mkdocs serve`
takes to start, and to rebuild after one event is edited; the largest HTML page. Writes benchmarks/results.json, the
table and plot of the site's Performance page (docs/performance.md, docs/assets/benchmarks.png).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

from corpus import ROOT, discard, trash, write_corpus, write_plain
from stages import processor_stages, stages

sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers for a site on a local port
from browsing import CHROMIUM_ARGS, chromium_path, ctrl_c_honoured, free_port, serve  # noqa: E402

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


class Timing(NamedTuple):
    seconds: float
    """On the clock."""
    mib: float
    """Peak resident memory of the largest process."""
    user: float
    """Processor seconds in the program (user time), of the command and the processes it waited for."""
    system: float
    """Processor seconds in the kernel for them (system time): on this machine mostly creating files."""

    @property
    def cpu(self) -> float:
        return self.user + self.system


def timed(cmd: list[str], cwd: Path) -> Timing:
    """How long a command took, and what it used."""
    run = subprocess.run(["/usr/bin/time", "-f", "OTR-TIME %e %M %U %S", *cmd], cwd=cwd, env=ENV,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{run.stderr[-3000:]}")
    seconds, kib, user, system = re.findall(r"OTR-TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)", run.stderr)[-1]
    return Timing(float(seconds), int(kib) / 1024, float(user), float(system))


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def parts(site: Path) -> dict[str, list[int]]:
    """Bytes and files of each top-level folder of the site (files at the top counted together)."""
    out: dict[str, list[int]] = {}
    for f in site.rglob("*"):
        if f.is_file():
            top = f.relative_to(site).parts[0] if len(f.relative_to(site).parts) > 1 else "(top-level files)"
            entry = out.setdefault(top, [0, 0])
            entry[0] += f.stat().st_size
            entry[1] += 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1][0]))


def largest_page(site: Path) -> tuple[int, str]:
    size, page = max((f.stat().st_size, f) for f in site.rglob("*.html"))
    return size, page.relative_to(site).as_posix()


REBUILDS = 3
"""Edits measured in one `mkdocs serve` session: its rebuild time is their median (one varied by a fifth)."""
COLD_BUILDS = 3
"""Cold builds at 1,000 events and more, each followed by plain Material's: the medians are compared (this
machine's speed varies by a third from one build to the next)."""


QUIET = 360
"""Seconds from the last large deletion to a timed cold build. This machine's ext4 has no journal, and such a
file system does not reuse an inode freed in the last 60 seconds (360 while its block is not written back):
making a file, it checks the freed inodes one by one. At 1,000 events, a cold build right after the last
one's 2 GB were deleted spent about 40 s more in the kernel (82 and 105 s on the clock, against 67 and 81 s
with the old build moved aside). So the benchmark's old builds are moved aside (`corpus.discard`), and it
waits after `mkdocs serve`, which deletes the site it built when it stops."""
_last_deletion = time.monotonic()


def settle() -> None:
    """Wait until QUIET seconds after the last large deletion."""
    wait = _last_deletion + QUIET - time.monotonic()
    if wait > 0:
        print(f"waiting {wait:.0f} s for the file system to settle", flush=True)
        time.sleep(wait)


def serve_session(project: Path, port: int, page: Path | None = None,
                  edits: int = REBUILDS) -> tuple[float, list[float]]:
    """One `mkdocs serve` session at `port` (an editor's sessions use the same one: it is in every page's
    address): seconds from starting it to its serving the site, and from each of `edits` edits of one event
    (or, for the plain site, of `page`) to its having rebuilt the site. Stopped as an editor stops it
    (Ctrl-C), so that it ends as it does for them: keeping what the next session takes up, deleting its site."""
    global _last_deletion
    start = time.perf_counter()
    server = subprocess.Popen([MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=ctrl_c_honoured)
    watchdog = threading.Timer(1800, server.kill)  # a rebuild that failed logs no such line: fail, not wait for ever
    watchdog.start()
    try:
        lines = iter(server.stdout.readline, "")
        for line in lines:
            if "Serving on" in line:
                break
        started = time.perf_counter() - start
        event = page or sorted((project / "docs" / "_data" / "events").glob("*.md"))[0]
        times = []
        for n in range(edits):
            time.sleep(2)  # the file watcher starts just after that line: an edit before it would go unseen
            start = time.perf_counter()
            event.write_text(event.read_text(encoding="utf-8") + f"\nParagraph {n} added to measure the rebuild.\n",
                             encoding="utf-8")
            for line in lines:  # not "Documentation built in 0.48 seconds": MkDocs logs no message twice
                if "Reloading browsers" in line:  # logged after each build that did not fail
                    times.append(time.perf_counter() - start)
                    break
            else:
                raise SystemExit("mkdocs serve stopped before rebuilding")
        return started, times
    finally:
        watchdog.cancel()
        server.send_signal(signal.SIGINT)  # not SIGTERM: with it MkDocs leaves its temporary site behind
        try:
            server.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            # killed, it kept nothing for the next session and left its site: the next figures would be wrong
            raise SystemExit(f"mkdocs serve in {project} did not stop on Ctrl-C within 120 s") from None
        _last_deletion = time.monotonic()  # its site, in a temporary folder, is deleted as it stops


QUERIES = {"quote": "keep on dreaming", "frequent": "defence spending Ukraine"}
"""A quotation, and three of the corpus's most frequent words: the worst case for the index."""


def query_bytes(site: Path, query: str) -> int:
    """Bytes a browser downloads for one query, from a host that gzips what is not compressed already."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(min(len(r.body()), len(gzip.compress(r.body()))))
                if "/pagefind/" in r.url else None)
        page.evaluate("q => otrSearch.links(q)", query)
        page.wait_for_timeout(300)
        browser.close()
    return sum(sizes)


CHECK = "“If anyone thinks […] that the European Union […] can defend itself without the US, keep on dreaming.”"
"""A quotation shortened with marks, as a journalist would paste it into the quote check."""


def check_cost(site: Path, quotation: str) -> tuple[int, float]:
    """Bytes one quote check downloads once the page has loaded (index, records, check data; gzip-served),
    and the milliseconds from asking to the verdict on the screen."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "check/")
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(min(len(r.body()), len(gzip.compress(r.body()))))
                if "/pagefind/" in r.url or "/data/quote/" in r.url else None)
        ms = page.evaluate("async q => { const t = performance.now(); await otrCheck.run(q);"
                           " return performance.now() - t; }", quotation)
        page.wait_for_timeout(300)
        browser.close()
    return sum(sizes), ms


def machine() -> str:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem = next((int(x.split()[1]) for x in meminfo if x.startswith("MemTotal")), 0)
    return (f"{platform.machine()}, {os.cpu_count()} cores, {mem / 1024 / 1024:.0f} GiB memory, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def measure(size: int, work: Path) -> dict:
    project, plain = work / f"archive-{size}", work / f"plain-{size}"
    write_corpus(project, size)
    write_plain(plain, project)
    cold, plain_cold = [], []
    for _ in range(COLD_BUILDS if size >= 1000 else 1):  # in turn, so that both meet the machine as it is
        for folder in (project / ".cache", project / "site", plain / "site"):
            discard(folder, work)
        settle()
        cold.append(timed([MKDOCS, "build", "--strict", "-q"], project))
        plain_cold.append(timed([MKDOCS, "build", "-q"], plain))
    seconds, plain_seconds = (statistics.median(t.seconds for t in runs) for runs in (cold, plain_cold))
    peak, plain_peak = (max(t.mib for t in runs) for runs in (cold, plain_cold))
    cpu, plain_cpu = (statistics.median(t.cpu for t in runs) for runs in (cold, plain_cold))
    system, plain_system = (statistics.median(t.system for t in runs) for runs in (cold, plain_cold))
    cached_seconds = timed([MKDOCS, "build", "--strict", "-q"], project).seconds  # the caches now full
    site = project / "site"
    page_bytes, page = largest_page(site)
    result = {
        "events": size, "build_s": seconds, "peak_mib": peak, "plain_build_s": plain_seconds,
        "builds_s": [t.seconds for t in cold], "plain_builds_s": [t.seconds for t in plain_cold],
        "build_cpu_s": cpu, "plain_build_cpu_s": plain_cpu,
        "build_system_s": system, "plain_build_system_s": plain_system,
        "plain_peak_mib": plain_peak, "overhead": seconds / plain_seconds - 1,
        "index_bytes": folder_bytes(site / "pagefind"), "plain_index_bytes": folder_bytes(plain / "site" / "search"),
        "query_bytes": query_bytes(site, QUERIES["quote"]),
        "frequent_query_bytes": query_bytes(site, QUERIES["frequent"]),
        **dict(zip(("check_bytes", "check_ms"), check_cost(site, CHECK), strict=True)),
        "largest_page_bytes": page_bytes, "largest_page": page,
        "pages": sum(1 for _ in site.rglob("*.html")), "site_bytes": folder_bytes(site),
        "files": sum(1 for f in site.rglob("*") if f.is_file()),
        "event_page_bytes": max(f.stat().st_size for f in (site / "events").glob("*/index.html")),
        "cached_build_s": cached_seconds,
        "parts": parts(site),
    }
    port, first_page = free_port(), sorted((plain / "docs" / "events").glob("*.md"))[0]
    result["serve_start_s"], result["serve_rebuilds_s"] = serve_session(project, port)  # after `mkdocs build`
    result["next_serve_start_s"], _ = serve_session(project, port, edits=0)  # after a `mkdocs serve` session
    result["plain_serve_start_s"], result["plain_serve_rebuilds_s"] = serve_session(plain, port, first_page)
    result["plain_next_serve_start_s"], _ = serve_session(plain, port, first_page, edits=0)
    result["stages"], result["processor_stages"] = {}, {}
    if size == 1000:
        settle()
        result["stages"] = stages(project, trash(work) / f"stages-{size}")
        result["processor_stages"] = {k: round(v, 2) for k, v in
                                      processor_stages(project, trash(work) / f"processor-stages-{size}").items()}
    result["serve_rebuild_s"] = statistics.median(result["serve_rebuilds_s"])
    result["plain_serve_rebuild_s"] = statistics.median(result["plain_serve_rebuilds_s"])
    print(json.dumps(result), flush=True)
    return result


def table(results: list[dict]) -> str:
    head = ("| events | cold build (s) | cached build (s) | plain Material (s) | ratio | peak memory (MiB) "
            "| serve rebuild (s) | plain serve rebuild (s) | site (MB) | files | largest event page (KB) "
            "| largest page (KB) | quote query (KiB) | frequent-word query (KiB) | quote check (KiB) "
            "|\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    rows = "".join(
        f"| {r['events']} | {r['build_s']:.1f} | {r.get('cached_build_s', 0):.1f} | {r['plain_build_s']:.1f} "
        f"| {r['build_s'] / r['plain_build_s']:.1f}× | {r['peak_mib']:.0f} | {r['serve_rebuild_s']:.1f} "
        f"| {r.get('plain_serve_rebuild_s', 0):.1f} | {r['site_bytes'] / 1e6:.0f} | {r.get('files', 0)} "
        f"| {r.get('event_page_bytes', 0) / 1000:.0f} | {r['largest_page_bytes'] / 1000:.0f} "
        f"| {r['query_bytes'] / 1024:.0f} | {r['frequent_query_bytes'] / 1024:.0f} "
        f"| {r.get('check_bytes', 0) / 1024:.0f} "
        "|\n" for r in results)
    sized = [r for r in results if r.get("parts")]
    if sized:
        last = max(sized, key=lambda r: r["events"] if r["events"] <= 1000 else 0)
        rows += (f"\nWhere the site's bytes and files are at {last['events']} events:\n\n"
                 "| folder | MB | files |\n|---|---:|---:|\n"
                 + "".join(f"| `{k}` | {b / 1e6:.1f} | {n:,} |\n" for k, (b, n) in last["parts"].items()))
    stages_of = [r for r in results if r.get("stages")]
    if stages_of:
        last = stages_of[-1]
        rows += (f"\nThe engine's stages on the clock at {last['events']} events (`stages` in `benchmarks/stages.py`):"
                 " reading the sources, each event's data and the standalone pages on all cores, rendering on one;"
                 " with no cache, then with the caches a build leaves:\n\n"
                 "| stage | no cache (s) | cached (s) |\n|---|---:|---:|\n"
                 + "".join(f"| {k} | {v[0]:.1f} | {v[-1]:.1f} |\n" for k, v in last["stages"].items()))
    started = [r for r in results if r.get("serve_start_s")]
    if started:
        rows += ("\nStarting `mkdocs serve`: seconds until it serves the site, the first time after a `mkdocs build`"
                 " (other addresses in every page), and the next time, after a `mkdocs serve` session stopped with"
                 " Ctrl-C:\n\n| events | first start (s) | next start (s) | plain Material, first (s) "
                 "| plain Material, next (s) |\n|---:|---:|---:|---:|---:|\n"
                 + "".join(f"| {r['events']} | {r['serve_start_s']:.1f} | {r['next_serve_start_s']:.1f} "
                           f"| {r['plain_serve_start_s']:.1f} | {r['plain_next_serve_start_s']:.1f} |\n"
                           for r in started))
    split = [r for r in results if "build_system_s" in r]
    if split:
        rows += ("\nThe timed cold builds' processor time (median), in the program and in the kernel (GNU time's"
                 " user and system time, the forked processes and Pagefind included):\n\n| events | program (s) "
                 "| kernel (s) | plain Material, program (s) | plain Material, kernel (s) |\n"
                 "|---:|---:|---:|---:|---:|\n"
                 + "".join(f"| {r['events']} | {program_s(r):.1f} | {r['build_system_s']:.1f}"
                           f" | {program_s(r, 'plain_build'):.1f} | {r['plain_build_system_s']:.1f} |\n"
                           for r in split))
    profiled = [r for r in results if r.get("processor_stages") and r.get("build_cpu_s")]
    if profiled:
        rows += processor_table(profiled[-1])
    return head + rows


def processor_table(r: dict) -> str:
    """A cold build's processor seconds by stage, beside the timed cold builds' and plain Material's."""
    whole = sum(r["processor_stages"].values())

    def row(what: str, seconds: float, share: str = "") -> str:
        return f"| {what} | {seconds:.1f} | {share} |\n"
    return (f"\nA cold build's processor time by stage at {r['events']} events: one `mkdocs build --strict` made in"
            " one process on one core (the engine's forked processes off), so that each stage's work is counted"
            " where it happens (`processor_stages` in `benchmarks/stages.py`); Pagefind runs in its own process,"
            " as in every build:\n\n| stage | processor (s) | of the build |\n|---|---:|---:|\n"
            + "".join(row(k, v, f"{v / whole:.0%}") for k, v in r["processor_stages"].items())
            + row("**the whole build, on one core**", whole, "100%")
            + row("the cold builds timed above, on two cores (median, their forked processes included)",
                  r["build_cpu_s"])
            + row("plain Material's cold builds of the same transcripts (median)", r["plain_build_cpu_s"]))


def targets(results: list[dict]) -> str:
    by = {r["events"]: r for r in results}
    lines = []
    if 1000 in by:
        r = by[1000]

        def line(text: str, met: bool) -> None:
            lines.append(f"- {text} ({'met' if met else 'missed'}).")
        ratio = r["build_s"] / r["plain_build_s"]
        line(f"Cold build at most 2.0× plain Material: {ratio:.1f}×", ratio <= 2.0)
        rebuild = r["serve_rebuild_s"] / r["plain_serve_rebuild_s"]
        line(f"`mkdocs serve` rebuild after one edit at most 1.25× plain Material's: {rebuild:.2f}×", rebuild <= 1.25)
        line(f"Site at most 400 MB: {r['site_bytes'] / 1e6:.0f} MB", r["site_bytes"] <= 400e6)
        line(f"At most 100,000 files: {r['files']:,}", r["files"] <= 100_000)
        line(f"Peak memory at most 1 GB: {r['peak_mib']:.0f} MiB", r["peak_mib"] <= 1024)
        line(f"Event pages at most 150 KB of HTML: {r['event_page_bytes'] / 1000:.0f} KB",
             r["event_page_bytes"] <= 150e3)
        for kind, key in (("a quotation", "query_bytes"), ("three very frequent words", "frequent_query_bytes")):
            line(f"One query downloads at most 300 KB, for {kind}: {r[key] / 1000:.0f} KB", r[key] <= 300_000)
        if 2000 in by:
            notes = {"time": time_split(by)}
            for what, key in (("time", "build_s"), ("peak memory", "peak_mib"), ("size", "site_bytes"),
                              ("files", "files")):
                growth = by[2000][key] / r[key]
                line(f"Linear growth of {what}: 2,000 events at most 2.1× 1,000: {growth:.2f}×{notes.get(what, '')}",
                     growth <= 2.1)
    return "\n".join(lines)


def program_s(r: dict, side: str = "build") -> float:
    """Processor seconds in the program: the measured total less the kernel's share."""
    return r[f"{side}_cpu_s"] - r[f"{side}_system_s"]


def time_split(by: dict[int, dict]) -> str:
    """How the processor time in the program and in the kernel grew from 1,000 to 2,000 events."""
    if any("build_system_s" not in by[n] for n in (1000, 2000)):
        return ""
    program = program_s(by[2000]) / program_s(by[1000])
    kernel = by[2000]["build_system_s"] / by[1000]["build_system_s"]
    return f"; processor time in the program {program:.2f}×, in the kernel {kernel:.2f}×"


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["events"] for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    left.plot(sizes, [r["build_s"] for r in results], "o-", label="with the hooks")
    left.plot(sizes, [r["plain_build_s"] for r in results], "s--", label="plain Material")
    left.set(xscale="log", yscale="log", xlabel="events", ylabel="build time (s)", title="Whole build")
    left.legend()
    right.plot(sizes, [r["peak_mib"] for r in results], "o-", label="peak memory (MiB)")
    right.plot(sizes, [r["query_bytes"] / 1024 for r in results], "^-", label="quote query (KiB)")
    right.plot(sizes, [r["frequent_query_bytes"] / 1024 for r in results], "v-", label="frequent-word query (KiB)")
    right.set(xscale="log", xlabel="events", title="Memory and search transfer")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def write_page(results: list[dict]) -> None:
    page = ROOT / "docs" / "performance.md"
    text = page.read_text(encoding="utf-8")
    generated = (f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}, with `python benchmarks/run.py`.\n\n"
                 + table(results)
                 + "\n![Build time, memory and search transfer by corpus size](assets/benchmarks.png)\n\n"
                 + "### Targets at 1,000 events (issue 16)\n\n" + targets(results) + "\n")
    start, end = "<!-- results: written by benchmarks/run.py -->", "<!-- end of results -->"
    text = text.split(start)[0] + start + "\n" + generated + end + text.split(end)[1]
    page.write_text(text, encoding="utf-8")
    plot(results, ROOT / "docs" / "assets" / "benchmarks.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 2000])
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work",
                        help="where to build (default: benchmarks/work, on the project's disk)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    global _last_deletion
    shutil.rmtree(trash(args.work), ignore_errors=True)  # a stopped run's old builds
    _last_deletion = time.monotonic()
    # Each size is saved as soon as it is measured, beside the sizes measured before (a run of one size adds it).
    saved = ROOT / "benchmarks" / "results.json"
    results = {r["events"]: r for r in (json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else [])}
    for size in args.sizes:
        results[size] = measure(size, args.work)
        saved.write_text(json.dumps([results[k] for k in sorted(results)], indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(trash(args.work), ignore_errors=True)
    results = [results[k] for k in sorted(results)]
    write_page(results)
    print(table(results))
    print(targets(results))


if __name__ == "__main__":
    main()
