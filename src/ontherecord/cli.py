"""The `ontherecord` command: check sources and keep the record of published anchors."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import yaml

from . import anchors, lastmod, quotecheck, urls
from .addresses import read_published, recordable, write_published
from .archive import load_archive, load_people, record_path, records_of
from .attribution import Decisions
from .errors import SourceError
from .importing import import_text, provisional_yaml
from .site import build_site
from .yamldoc import read_text

DEFAULT_DATA = Path("docs/_data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ontherecord", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the archive's data folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="read every source and say what is wrong or unpublished")
    lock = sub.add_parser("lock", help="record every current anchor as published")
    lock.add_argument("--check", action="store_true",
                      help="write nothing; fail if an anchor is not yet recorded")
    imp = sub.add_parser("import", help="turn text pasted from a web page into an event source")
    imp.add_argument("raw", type=Path, help="the pasted text")
    imp.add_argument("--date", help="YYYY-MM-DD, if the text does not print it")
    imp.add_argument("--title")
    imp.add_argument("--venue")
    imp.add_argument("--source-url")
    imp.add_argument("--out", type=Path, help="where to write the source (default: the events folder)")
    imp.add_argument("--dry-run", action="store_true", help="print the report and the source; write nothing")
    imp.add_argument("--label", action="append", default=[], metavar="TEXT[=PERSON]",
                     help="TEXT is a speaker label (and, with =PERSON, who it is); repeat for more")
    imp.add_argument("--not-label", action="append", default=[], metavar="TEXT",
                     help="TEXT opens a line like a label but is part of the speech; repeat for more")
    imp.add_argument("--opening", metavar="LABEL", help="who speaks the words before the first label")
    quote = sub.add_parser("quote", help="check a quotation as printed against the record")
    quote.add_argument("text", help="the quotation, as printed (quote marks, … and [insertions] as they are)")
    quote.add_argument("--json", action="store_true", help="print the verdict and the differences as JSON")
    quote.add_argument("--site-url", help="the site's address for links (default: site_url of mkdocs.yml)")
    explain = sub.add_parser("explain", help="say which rule gave each theme of a passage")
    explain.add_argument("passage", help="EVENT-ID#ANCHOR, e.g. 2026-01-26-afet-sede-exchange#p16")
    args = parser.parse_args(argv)
    try:
        return {"check": _check, "lock": _lock, "explain": _explain, "import": _import,
                "quote": _quote}[args.command](args)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _check(args) -> int:
    archive = load_archive(args.data)
    for e in archive.events:
        print(f"{e.id}: {e.kind}, {len(e.turns)} turns, {len(e.paragraphs)} paragraphs,"
              f" {len(e.new_anchors)} anchors not yet recorded")
    return 0


def _import(args) -> int:
    if args.date:
        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"error: --date {args.date!r} is not a date; write YYYY-MM-DD", file=sys.stderr)
            return 2
    people = load_people(args.data / "people.yml")
    labels = dict(item.partition("=")[::2] for item in args.label)
    decisions = Decisions(labels=frozenset(labels), speech=frozenset(args.not_label),
                          people={k: v for k, v in labels.items() if v})
    result = import_text(read_text(args.raw), args.raw, people, args.data / "furniture.yml", date=args.date,
                         title=args.title, venue=args.venue, source_url=args.source_url, decisions=decisions,
                         opening_speaker=args.opening)
    out = args.out or args.data / "events" / f"{result.meta['id']}.md"
    print(result.report)
    if result.report.questions:
        print(f"\nerror: {args.raw}: {len(result.report.questions)} line(s) need your decision (listed under"
              " Unsure); nothing was written. Answer with --label, --not-label or --opening and run again.",
              file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"\n(dry run: would write {out})\n")
        print(result.source)
        return 0
    if out.exists():
        print(f"error: {out} exists already; give another --out, or remove it first", file=sys.stderr)
        return 1
    raw = out.parent / "raw" / f"{result.meta['id']}.txt"
    if raw.exists():
        print(f"error: {raw} exists already; remove it first, or give another --out", file=sys.stderr)
        return 1
    raw.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.raw, raw)  # the text as published, kept beside its event: provenance stays checkable
    out.write_text(result.with_raw(f"raw/{raw.name}"), encoding="utf-8")
    if result.report.provisional:
        with (args.data / "people.yml").open("a", encoding="utf-8") as registry:
            registry.write("\n# Added by `ontherecord import`: confirm, then remove `provisional`.\n")
            registry.write(provisional_yaml(result.report.provisional))
    print(f"\nwrote {out}")
    return 0


def _quote(args) -> int:
    result = quotecheck.check(args.text, load_archive(args.data))
    base = args.site_url or _site_url()
    for p in ([result["passage"]] if result.get("passage") else []) + result.get("nearest", []):
        p["url"] = base + p["url"]  # absolute: these are links to paste into an article
        if p.get("turn"):
            p["cite"] = base + urls.passage(p["event"], p["turn"])
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"verdict: {result['verdict']}")
    passage = result.get("passage")
    if passage:
        print(f"passage: {passage['url']} ({passage['speaker']}, {passage['role']}, {passage['dateText']})")
        if passage.get("cite"):
            print(f"cite: {passage['cite']}")
        print("record: " + " ".join(_word(w) for w in result["diff"]))
        print("        [-words-]: in the record, left out or changed; {+words+}: printed, not in the record")
        for note in result["notes"]:
            print(f"not counted: {note['kind']}: printed “{note['printed']}”, record “{note['record']}”")
    for near in result.get("nearest", []):
        print(f"nearest: {near['url']} ({near['speaker']}, {near['dateText']})")
    if result["verdict"] == "not-found":
        print("The archive holds only what it holds: not found here is no proof that it was never said.")
    return 0


def _word(w: dict) -> str:
    if w["op"] == "same":
        return w["record"]
    if w["op"] == "omitted":
        return f"[-{w['record']}-]"
    if w["op"] == "changed":
        return f"[-{w['record']}-]{{+{w['printed']}+}}"
    return f"{{+[{w['printed']}]+}}" if w["op"] == "inserted" else f"{{+{w['printed']}+}}"


def _site_url(config: Path = Path("mkdocs.yml")) -> str:
    """The site's address as `mkdocs.yml` gives it, ending in '/' ('/' if it gives none, '' with no file)."""
    if config.exists():
        url = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("site_url") or ""
        return url if url.endswith("/") else url + "/"
    return ""


def _explain(args) -> int:
    archive = load_archive(args.data)
    event_id, _, anchor = args.passage.partition("#")
    event = next((e for e in archive.events if e.id == event_id), None)
    found = [p for t in event.turns for p in t.paragraphs] + list(event.report) if event else []
    passage = next((p for p in found if p.anchor == anchor or anchor in p.aliases), None)
    if passage is None:
        print(f"error: no passage {args.passage}; give EVENT-ID#ANCHOR as shown on the event page", file=sys.stderr)
        return 1
    print(passage.text)
    print()
    for evidence in passage.evidence:
        print(f"  {evidence}")
    if not passage.evidence:
        print("  no theme")
    return 0


def _lock(args) -> int:
    build = build_site(args.data)  # fails if a published address would stop answering
    archive, addresses = build.archive, build.addresses()
    published = args.data / "published.txt"
    unrecorded = sorted(a for a in addresses - {a for _, a in read_published(published)} if recordable(a))
    if args.check:
        pending = {e.id: e.new_anchors for e in archive.events if e.new_anchors}
        for event_id, new in pending.items():
            print(f"{event_id}: not yet recorded: {', '.join(new)}", file=sys.stderr)
        for address in unrecorded:
            print(f"address not yet recorded: {address}", file=sys.stderr)
        if pending or unrecorded:
            print("run `ontherecord lock` and commit docs/_data/anchors/ and docs/_data/published.txt",
                  file=sys.stderr)
        return 1 if pending or unrecorded else 0
    records = records_of(args.data, archive)
    for e in archive.events:
        path = record_path(args.data, e.id)
        anchors.write_record(path, anchors.updated_record(records.get(e.id, anchors.Record()), e))
        print(f"{path}: {len(e.new_anchors)} new anchors recorded")
    for old, new in archive.moves.renamed.items():  # the new id's record now holds them
        stale = record_path(args.data, old)
        if stale.exists() and record_path(args.data, new).exists():
            stale.unlink()
            print(f"{stale}: moved into {record_path(args.data, new).name}")
    print(f"{published}: {write_published(published, addresses)} new addresses recorded")
    project = args.data.parent.parent
    built, site_url = lastmod.load_digests(project / ".cache" / "ontherecord"), _site_url(project / "mkdocs.yml")
    if built is None:
        print("no build to read the pages' contents from: run `mkdocs build`, then `ontherecord lock` again to"
              f" record in {lastmod.LEDGER} when each page changed", file=sys.stderr)
    elif site_url and built[0] != site_url:  # '' with no mkdocs.yml: nothing to compare with
        print(f"the last build was made for {built[0] or 'an unknown address'} (as `mkdocs serve` builds), not for"
              f" the site's address {site_url}, and its pages are not the published ones: run `mkdocs build`,"
              f" then `ontherecord lock` again to record in {lastmod.LEDGER} when each page changed", file=sys.stderr)
        return 1
    else:
        ledger = args.data / lastmod.LEDGER
        print(f"{ledger}: {lastmod.write_ledger(ledger, built[1], dt.date.today())} pages changed since last"
              " recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
