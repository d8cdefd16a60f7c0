"""Assembling the archive: people, events, anchors, and the checks across files."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import anchors, collector, cores, schema
from .addresses import load_moves
from .cache import EventCache, digest_of, record_digest
from .errors import SourceError
from .model import Archive, Event, Evidence, Paragraph, Person, Removed, Segment, Source, Speaker, Turn, role_words
from .source import ParsedSource, read_source
from .text import QuoteSpan, quotation_spans, segments
from .themes import Taxonomy, is_heading, load_taxonomy, tag_paragraphs
from .yamldoc import load_yaml_file


def load_archive(data_dir: Path, cache_dir: Path | None = None) -> Archive:
    """Read every source under `data_dir`. Raises SourceError on the first bad input.

    With `cache_dir`, events built before from the same bytes (and the same people, themes, anchor
    record and engine) are taken from there instead of being parsed and tagged again.
    """
    with collector.paused():
        return _load_archive(data_dir, cache_dir)


def _load_archive(data_dir: Path, cache_dir: Path | None) -> Archive:
    people = load_people(data_dir / "people.yml")
    taxonomy = load_taxonomy(data_dir / "themes.yml")
    roles = role_words(people)
    cache = EventCache(cache_dir, *(read_bytes(data_dir / name) for name in ("people.yml", "themes.yml")))
    paths = sorted((data_dir / "events").glob("*.md"))
    keys = [cache.key(path.read_bytes()) for path in paths]
    hits = [cache.get(key) for key in keys]
    # Sources are read (and events built, below) on all cores; an error is raised in the order of the files.
    read = iter(cores.each(partial(_read, roles=roles), [p for p, hit in zip(paths, hits, strict=True) if not hit]))
    found: list[tuple[Path, str, str, ParsedSource | None, tuple[Event, str] | None]] = []
    seen: dict[str, Path] = {}
    for path, key, hit in zip(paths, keys, hits, strict=True):
        parsed = None if hit else _raised(next(read))
        event_id = hit[0].id if hit else parsed.meta["id"]
        if event_id in seen:
            parsed = parsed or read_source(path, roles)
            raise SourceError(path, parsed.doc.key_line(["id"]),
                              f"the event id '{event_id}' is already used by {seen[event_id]}",
                              "give each event its own id (ids are permanent: change the new one)")
        seen[event_id] = path
        found.append((path, key, event_id, parsed, hit))
    moves = load_moves(data_dir / "addresses.yml", set(seen))
    records = _records(data_dir, set(seen), moves)
    recorded = {event_id: record_digest(records.get(event_id, anchors.Record())) for _, _, event_id, _, _ in found}
    stale = [i for i, (path, _, event_id, _, hit) in enumerate(found)
             if not (hit and hit[1] == recorded[event_id] and hit[0].path == path)]

    def build(i: int) -> Event:
        path, key, event_id, parsed, _ = found[i]
        event = build_event(parsed or read_source(path, roles), people,
                            records.get(event_id, anchors.Record()), taxonomy)
        # what it was built from, as one digest: pages made from it alone are kept under this
        event = replace(event, fingerprint=digest_of(key, recorded[event_id], str(path)))
        cache.put(key, event, recorded[event_id])
        return event

    built = dict(zip(stale, cores.each(build, stale), strict=True))  # the first error in file order is raised
    events = [built[i] if i in built else hit[0] for i, (_, _, _, _, hit) in enumerate(found)]
    cache.used.update(key for _, key, _, _, _ in found)  # put by the processes that built them
    cache.prune()
    events.sort(key=lambda e: (e.date, e.id))
    return Archive(events=tuple(events), people=people, themes=taxonomy.themes, moves=moves)


def _read(path: Path, roles: frozenset[str]) -> ParsedSource | SourceError:
    try:
        return read_source(path, roles)
    except SourceError as exc:
        return exc


def _raised(result):
    """`result`, unless it is an error: then the error is raised."""
    if isinstance(result, SourceError):
        raise result
    return result


def read_bytes(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def records_of(data_dir: Path, archive: Archive) -> dict[str, anchors.Record]:
    """The record of published anchors each event was built against."""
    return _records(data_dir, {e.id for e in archive.events}, archive.moves)


def _records(data_dir: Path, events: set[str], moves) -> dict[str, anchors.Record]:
    """Each event's record of published anchors; a renamed event keeps the record of its old id until
    `lock` writes it under the new one. A record that belongs to no event fails: its links would die."""
    out: dict[str, anchors.Record] = {}
    for path in sorted((data_dir / "anchors").glob("*.yml")):
        old = path.stem
        if old in events:
            continue  # read below
        if old in moves.renamed and moves.renamed[old] in events:
            out.setdefault(moves.renamed[old], anchors.read_record(path))
        elif old not in moves.retired and moves.renamed.get(old) not in moves.retired:
            raise SourceError(path, None, f"the published anchors of '{old}' belong to no event of the archive:"
                              " their addresses would stop answering",
                              f"if the event was renamed, add '{old}: <new id>' under 'renamed:' in"
                              f" {data_dir / 'addresses.yml'}; if it was withdrawn, add it under 'retired:'"
                              " with its title, date and why")
    for new in events:  # the event's own record wins over an old one
        own = record_path(data_dir, new)
        if own.exists():
            out[new] = anchors.read_record(own)
    return out


def record_path(data_dir: Path, event_id: str) -> Path:
    return data_dir / "anchors" / f"{event_id}.yml"


def load_people(path: Path) -> dict[str, Person]:
    doc = load_yaml_file(path)
    schema.check(doc, "people")
    return {pid: Person(id=pid, **{**fields, "labels": tuple(fields.get("labels", ()))})
            for pid, fields in (doc.data or {}).items()}


def build_event(parsed: ParsedSource, people: dict[str, Person], record: anchors.Record,
                taxonomy: Taxonomy) -> Event:
    """The model of one event: anchors assigned, kinds and replies worked out."""
    meta, path = parsed.meta, parsed.path
    speakers = _speakers(parsed, people)
    if meta["kind"] == "report":
        raw_paragraphs = parsed.paragraphs
        turn_members: list[list[int]] = []
    else:
        raw_paragraphs = [p for t in parsed.turns for p in t.paragraphs]
        turn_members, n = [], 0
        for t in parsed.turns:
            turn_members.append(list(range(n, n + len(t.paragraphs))))
            n += len(t.paragraphs)
    quotes = [(i, span) for i, p in enumerate(raw_paragraphs) if meta["kind"] == "report"
              for span in quotation_spans(p.text)]
    plan = anchors.assign(record, [p.text for p in raw_paragraphs], turn_members,
                          [raw_paragraphs[i].text[span.start:span.end] for i, span in quotes])
    removed = _removed(parsed, plan, {a: raw.line for a, raw in zip(plan.paragraphs, raw_paragraphs, strict=True)})
    quote_of: dict[int, list[tuple[QuoteSpan, str]]] = {}
    for (i, span), anchor in zip(quotes, plan.quotations, strict=True):
        quote_of.setdefault(i, []).append((span, anchor))
    report = meta["kind"] == "report"
    evidence = tag_paragraphs(taxonomy, [p.text for p in raw_paragraphs],
                              [report and is_heading(p.text) for p in raw_paragraphs])
    edits = _theme_edits(parsed, taxonomy)
    paragraphs = [
        Paragraph(anchor=pid, segments=_segments(raw.text, quote_of.get(i, [])), line=raw.line,
                  aliases=tuple(plan.aliases.get(pid, [])), section_break=raw.section_break,
                  **_themes(evidence[i], edits.get(pid, []), taxonomy))
        for i, (pid, raw) in enumerate(zip(plan.paragraphs, raw_paragraphs, strict=True))
    ]
    sources = tuple(Source(publisher=s["publisher"], url=s.get("url", ""), covers=s["covers"],
                           title=s.get("title", ""), note=s.get("note", ""),
                           turns=tuple(s["turns"]) if "turns" in s else None)
                    for s in meta["sources"])
    if meta["kind"] == "report":
        turns = _quotation_turns(paragraphs, speakers, sources, plan, taxonomy, edits)
    else:
        turns = _transcript_turns(parsed, paragraphs, turn_members, speakers, sources, plan)
    turns = _with_replies(turns, meta.get("turns", {}), parsed)
    all_anchors = {t.anchor for t in turns} | {p.anchor for p in paragraphs}
    _check_references(parsed, all_anchors, turns)
    return Event(
        id=meta["id"], title=meta["title"], date=dt.date.fromisoformat(meta["date"]), venue=meta["venue"],
        kind=meta["kind"], sources=sources, speakers=tuple(speakers.values()), turns=tuple(turns),
        path=path, description=meta.get("description", ""),
        report=tuple(paragraphs) if meta["kind"] == "report" else (),
        removed=removed, new_anchors=tuple(plan.new),
    )


def _speakers(parsed: ParsedSource, people: dict[str, Person]) -> dict[str, Speaker]:
    out = {}
    for i, s in enumerate(parsed.meta["speakers"]):
        if s["person"] not in people:
            raise SourceError(parsed.path, parsed.doc.line_of(["speakers", i, "person"]),
                              f"the person '{s['person']}' is not in the people registry",
                              "add them to docs/_data/people.yml (name, role, affiliation, description),"
                              " or correct the id")
        out[s["label"]] = Speaker(label=s["label"], person=people[s["person"]], role=s["role"], part=s["part"])
    doc = parsed.doc
    if parsed.meta["kind"] == "report" and not any(s.part == "quoted" for s in out.values()):
        raise SourceError(parsed.path, doc.key_line(["speakers"]),
                          "a report needs the speaker it quotes",
                          "declare the quoted speaker with 'part: quoted' under 'speakers'")
    for anchor, spec in parsed.meta.get("turns", {}).items():
        if "speaker" in spec and spec["speaker"] not in out:
            raise SourceError(parsed.path, doc.line_of(["turns", anchor, "speaker"]),
                              f"turn {anchor} names speaker '{spec['speaker']}', which is not declared",
                              "use a label from 'speakers', exactly as declared")
    return out


def _segments(text: str, quotes: list[tuple[QuoteSpan, str]]) -> tuple[Segment, ...]:
    """Inline segments, with a report's quotations (span, anchor) cut out as their own segments."""
    out: list[Segment] = []
    pos = 0
    for span, anchor in quotes:
        out.extend(segments(text[pos : span.start - len(span.opening)]))
        out.append(Segment("quotation", text[span.start:span.end], anchor=anchor, marks=(span.opening, span.closing)))
        pos = span.end + len(span.closing)
    out.extend(segments(text[pos:]))
    return tuple(out)


def _transcript_turns(parsed, paragraphs, members, speakers, sources, plan) -> list[Turn]:
    turns = []
    main_seen = False
    overrides = parsed.meta.get("turns", {})
    for raw, idx, anchor in zip(parsed.turns, members, plan.turns, strict=True):
        speaker = speakers[overrides.get(anchor, {}).get("speaker", raw.label)]
        if speaker.part == "main":
            kind = "answer" if main_seen else "remarks"
            main_seen = True
        else:
            kind = {"moderator": "moderator", "chair": "chair", "questioner": "question",
                    "quoted": "quotation"}[speaker.part]
        turns.append(Turn(anchor=anchor, speaker=speaker, kind=overrides.get(anchor, {}).get("kind", kind),
                          paragraphs=tuple(paragraphs[i] for i in idx), line=raw.line,
                          aliases=tuple(plan.aliases.get(anchor, [])),
                          sources=tuple(s for s in sources if s.turns is None or anchor in s.turns)))
    return turns


def _quotation_turns(paragraphs, speakers, sources, plan, taxonomy, edits) -> list[Turn]:
    """A report's quotations as turns; each takes its own themes and those of its paragraph."""
    quoted = next(s for s in speakers.values() if s.part == "quoted")
    turns = []
    for p in paragraphs:
        for seg in p.segments:
            if seg.kind == "quotation":
                found = taxonomy.tag(seg.text) + [e for e in p.evidence if e.rule != "editor"]
                quote = Paragraph(anchor=seg.anchor, segments=segments(seg.text), line=p.line,
                                  aliases=tuple(plan.aliases.get(seg.anchor, [])),
                                  **_themes(found, edits.get(seg.anchor, []), taxonomy))
                turns.append(Turn(anchor=seg.anchor, speaker=quoted, kind="quotation", paragraphs=(quote,),
                                  line=p.line, aliases=quote.aliases,
                                  sources=tuple(s for s in sources if s.turns is None or seg.anchor in s.turns)))
    return turns


def _theme_edits(parsed: ParsedSource, taxonomy: Taxonomy) -> dict[str, list[str]]:
    """The editor's theme additions (slug) and removals (-slug), by anchor, checked."""
    edits = {}
    for anchor, spec in parsed.meta.get("paragraphs", {}).items():
        for i, slug in enumerate(spec.get("themes", [])):
            if slug.lstrip("-") not in taxonomy.themes:
                raise SourceError(parsed.path, parsed.doc.line_of(["paragraphs", anchor, "themes", i]),
                                  f"'{slug.lstrip('-')}' is not a theme",
                                  f"use a slug from docs/_data/themes.yml: {', '.join(taxonomy.themes)}")
        edits[anchor] = spec.get("themes", [])
    return edits


def _themes(found: list[Evidence], edits: list[str], taxonomy: Taxonomy) -> dict:
    """Paragraph fields `themes` and `evidence`: what the rules found, as the editor corrected it."""
    removed = {e[1:] for e in edits if e.startswith("-")}
    evidence = [e for e in found if e.theme not in removed]
    evidence += [Evidence(e, "editor", "set in the source") for e in edits if not e.startswith("-")]
    present = {e.theme for e in evidence}
    return {"themes": tuple(t for t in taxonomy.themes if t in present), "evidence": tuple(evidence)}


def _with_replies(turns: list[Turn], overrides: dict, parsed: ParsedSource) -> list[Turn]:
    """Link answers to the questions they answer, and questions to their answers."""
    replies: dict[str, tuple[str, ...]] = {}
    pending: list[str] = []
    for t in turns:
        if t.kind == "question":
            pending.append(t.anchor)
        elif t.kind == "answer":
            replies[t.anchor] = tuple(pending)
            pending = []
        elif t.speaker.part == "main":
            pending = []
    for anchor, spec in overrides.items():
        if "answers" in spec:
            replies[anchor] = tuple(spec["answers"])
    answered: dict[str, list[str]] = {}
    for answer, questions in replies.items():
        for q in questions:
            answered.setdefault(q, []).append(answer)
    return [replace(t, in_reply_to=replies.get(t.anchor, ()), answered_by=tuple(answered.get(t.anchor, [])))
            for t in turns]


def _removed(parsed: ParsedSource, plan: anchors.Assignment, lines: dict[str, int]) -> tuple[Removed, ...]:
    """Check that every lost anchor is mapped, and every mapping is sound."""
    path, doc, mapping = parsed.path, parsed.doc, parsed.meta.get("removed", {})
    current = set(plan.paragraphs) | set(plan.turns) | set(plan.quotations)
    current |= {a for aliases in plan.aliases.values() for a in aliases}
    for old in plan.lost:
        if old.id not in mapping:
            raise SourceError(
                path, anchors.line_near(old.id, lines) or doc.first_line,
                f"the published anchor #{old.id} (\"{old.head[:60]}…\") matches no passage any more;"
                " links to it would break",
                f"if the passage was deleted, map its anchor to the nearest remaining passage:\n"
                f"    removed:\n      {old.id}: {{nearest: <anchor>, note: \"<why it was removed>\"}}\n"
                "  if it was only reworded, keep more of its opening words so it can be recognised",
            )
    live = set(plan.paragraphs) | set(plan.turns) | set(plan.quotations)
    alias_of = {alias: anchor for anchor, aliases in plan.aliases.items() for alias in aliases}
    out = []
    for anchor, spec in mapping.items():
        line = doc.key_line(["removed", anchor])
        if anchor in current:
            raise SourceError(path, line, f"#{anchor} is listed under 'removed' but is still in the text",
                              f"delete the 'removed: {anchor}' entry")
        # Follow the chain: to a merged passage (an alias), or to another removed one, until a live passage.
        steps, nearest = [anchor], spec["nearest"]
        while nearest not in live:
            if nearest in steps or (nearest not in alias_of and nearest not in mapping):
                why = "goes round in a circle" if nearest in steps else f"leads to #{nearest}, which does not exist"
                raise SourceError(path, line, f"#{anchor} is mapped to #{spec['nearest']}, and the mapping {why}",
                                  "map it to an anchor shown on the event page")
            steps.append(nearest)
            nearest = alias_of.get(nearest) or mapping[nearest]["nearest"]
        out.append(Removed(anchor=anchor, nearest=nearest, note=spec["note"]))
    return tuple(out)


def _check_references(parsed: ParsedSource, existing: set[str], turns: list[Turn]) -> None:
    doc = parsed.doc
    for key in ("turns", "paragraphs"):
        for anchor, spec in parsed.meta.get(key, {}).items():
            if anchor not in existing:
                raise SourceError(parsed.path, doc.key_line([key, anchor]),
                                  f"'{key}: {anchor}' refers to no {key[:-1]} of this event",
                                  "use an anchor shown on the event page (e.g. t3, p12)")
            for q in spec.get("answers", []):
                if q not in existing:
                    raise SourceError(parsed.path, doc.line_of([key, anchor, "answers"]),
                                      f"turn {anchor} answers '{q}', which is no turn of this event",
                                      "use the anchor of the question's turn")
    for i, s in enumerate(parsed.meta["sources"]):
        for t in s.get("turns", []):
            if t not in {turn.anchor for turn in turns}:
                raise SourceError(parsed.path, doc.line_of(["sources", i, "turns"]),
                                  f"the source covers turn '{t}', which does not exist",
                                  "list anchors of turns shown on the event page")
