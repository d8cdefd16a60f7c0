"""Turning text pasted from a web page into an event source, with a report of what was done.

Steps: remove furniture (rules in docs/_data/furniture.yml); read the page header
for title, date and venue; find speaker labels; map labels to people (new people
become provisional entries); write front matter and the body. Every word that is
not furniture or header ends up in the body, in order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import SourceError
from .furniture import Removed, load_rules, strip
from .labels import bare, inline_label, looks_like_label, own_line_labels
from .model import Person

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATES = [
    (re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{4})\b", re.I), "dmy"),
    (re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}),? (\d{4})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "us"),
]
_TITLE_LINE = re.compile(r"^(Remarks|Speech|Statement|Opening remarks|Keynote|Press conference|Doorstep|Transcript)\b")
_PUBLISHER_LINE = re.compile(r"^[A-Z]{2,}\s+[-–]\s+\S.*$")
_VENUE = re.compile(r"\bat (?:the )?([A-Z][^,]*(?:, [A-Z][\w -]+)?)$")
_REPORTED = re.compile(r"\b(said|stressed|argued|told|added|warned|insisted)\b")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((#|https?://[^)]*)\)")
_GENERIC_AUDIENCE = re.compile(r"^(Q|Question|Questions|Question from the audience|Audience|Audience member)$", re.I)


@dataclass
class Report:
    speakers: dict[str, int] = field(default_factory=dict)
    """Label -> number of turns."""
    removed: list[Removed] = field(default_factory=list)
    header: list[tuple[int, str]] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    provisional: list[Person] = field(default_factory=list)

    def __str__(self) -> str:
        out = ["Speakers:"]
        out += [f"  {label}: {n} turn{'s' if n != 1 else ''}" for label, n in self.speakers.items()] or ["  none"]
        out.append("Removed as page furniture:")
        out += [f"  lines {r.first}-{r.last} ({r.rule}: {r.note}): {r.preview}" for r in self.removed] or ["  nothing"]
        if self.header:
            out.append("Read as the page header (title, date, venue), not speech:")
            out += [f"  line {n}: {text}" for n, text in self.header]
        if self.provisional:
            out.append("New people, added to the registry as provisional (confirm them):")
            out += [f"  {p.id}: {p.name}" for p in self.provisional]
        out.append("Unsure:")
        out += [f"  {u}" for u in self.unsure] or ["  nothing"]
        return "\n".join(out)


@dataclass
class Imported:
    source: str
    """The event source file's text."""
    meta: dict
    report: Report


def import_text(text: str, path: Path, people: dict[str, Person], furniture: Path, *, date: str | None = None,
                title: str | None = None, venue: str | None = None, source_url: str | None = None) -> Imported:
    """The event source for pasted `text` (read from `path`, for messages)."""
    if not text.strip():
        raise SourceError(path, None, "the file is empty", "paste the transcript into the file")
    report = Report()
    lines = [line.rstrip() for line in text.rstrip("\n").split("\n")]
    keep, report.removed = strip(lines, load_rules(furniture))
    paragraphs = _paragraphs(lines, keep)
    header, paragraphs = _header(paragraphs)
    report.header = [(n, t) for n, t in header]
    found = _read_header([t for _, t in header])
    if "date" not in found:  # a redistributor's header may be the only place that prints it
        top = [lines[n - 1] for r in report.removed if r.first <= 10 for n in range(r.first, r.last + 1)]
        day = next(filter(None, map(_date, top)), None)
        if day:
            found["date"] = day
            report.unsure.append(f"date {day} taken from a line removed as furniture: check it")
    if not [p for _, p in paragraphs if len(p.split()) >= 5]:
        raise SourceError(path, None, "no text with any structure was found: no paragraph of five words or more"
                          " remains once page furniture is removed",
                          "check that the file holds the transcript itself, with paragraphs separated by blank lines")
    texts = [_unlink(p, report) for _, p in paragraphs]
    labels = own_line_labels(texts)
    turns = _turns(texts, labels)
    reported = sum(bool(_REPORTED.search(t)) for t in texts)
    kind = "report" if len(turns) == 1 and turns[0][0] is None and reported >= max(1, len(texts) // 5) else "transcript"
    if kind == "report":
        report.unsure.append("no speaker labels, and the text reports what was said: imported as a report;"
                             " check the quoted speaker")
    meta = _front_matter(turns, kind, people, report, date or found.get("date"), title or found.get("title"),
                         venue or found.get("venue"), source_url, path)
    body = "\n\n".join(texts) + "\n"
    source = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n\n" + body
    return Imported(source, meta, report)


def _paragraphs(lines: list[str], keep: list[int]) -> list[tuple[int, str]]:
    """(first line number, text) of each blank-line separated paragraph of the kept lines."""
    out, current, start, last = [], [], 0, -2
    for i in keep:
        line = lines[i]
        if not line.strip() or i != last + 1:
            if current:
                out.append((start + 1, "\n".join(current)))
            current = []
        if line.strip():
            if not current:
                start = i
            current.append(line.strip() if line.startswith(" ") and not line.strip().startswith(("•", "-")) else line)
        last = i
    if current:
        out.append((start + 1, "\n".join(current)))
    return out


def _header(paragraphs: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Leading title, date and byline lines (numbered), and the paragraphs after them."""
    header: list[tuple[int, str]] = []
    taken = 0
    for n, p in paragraphs:
        lines = p.split("\n")
        first = taken == 0 and "\n" not in p and not p.endswith(":") and sum(q == p for _, q in paragraphs) == 1
        headerish = all(
            len(x.split()) <= 15 and (not x.rstrip().endswith((".", "?", "!")) or _date(x) or x.strip().startswith("("))
            for x in lines)
        titled = "\n" not in p and _TITLE_LINE.match(p)  # "Remarks by ..." is a byline, not a label
        if not titled and (not headerish or inline_label(p) or (_looks_like_label(p) and not first)):
            break
        header += [(n + k, x.strip(" •-|")) for k, x in enumerate(lines) if x.strip(" •-|")]
        taken += 1
    return header, paragraphs[taken:]


def _looks_like_label(p: str) -> bool:
    return looks_like_label(p) and not p.startswith(("“", '"'))


def _read_header(lines: list[str]) -> dict:
    found: dict = {}
    titles = [x for x in lines if not _PUBLISHER_LINE.match(x) and not _date(x) and not x.startswith("(")]
    if titles:
        found["title"] = next((x for x in titles if _TITLE_LINE.match(x)), titles[0]) \
            if not titles[0].startswith(("“", '"')) else titles[0]
    for x in lines:
        m = _VENUE.search(x)
        if m and "venue" not in found:
            found["venue"] = m.group(1)
        day = _date(x)
        if day and "date" not in found and "updated" not in x.lower():
            found["date"] = day
    return found


def _date(text: str) -> str | None:
    for pattern, form in _DATES:
        m = pattern.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        try:
            if form == "dmy":
                day = dt.date(int(c), _MONTHS[b[:3].lower()], int(a))
            elif form == "mdy":
                day = dt.date(int(c), _MONTHS[a[:3].lower()], int(b))
            elif form == "iso":
                day = dt.date(int(a), int(b), int(c))
            else:
                day = dt.date(int(c), int(a), int(b))
        except ValueError:
            continue
        return day.isoformat()
    return None


def _unlink(paragraph: str, report: Report) -> str:
    """Markdown links copied from a page: keep their words; their targets are not the speaker's."""
    if _MD_LINK.search(paragraph):
        report.unsure.append(f"link kept as text, its target dropped: “{_MD_LINK.search(paragraph).group(1)}”")
    return _MD_LINK.sub(r"\1", paragraph)


def _turns(texts: list[str], labels: set[str]) -> list[tuple[str | None, list[str]]]:
    """(label or None for the unlabeled opening, paragraphs) per turn."""
    turns: list[tuple[str | None, list[str]]] = []
    for text in texts:
        if text in labels:
            turns.append((bare(text), []))
            continue
        inline = inline_label(text)
        if inline:
            turns.append((bare(inline[0]), [text[len(inline[0]) + len(inline[1]):]]))
            continue
        if not turns:
            turns.append((None, []))
        turns[-1][1].append(text)
    return turns


def _front_matter(turns, kind, people, report, date, title, venue, source_url, path) -> dict:
    if not date:
        raise SourceError(path, None, "no date is printed in the text", "give it: --date YYYY-MM-DD")
    if not title:
        title = f"Event of {date}"
        report.unsure.append("no title printed in the text: give --title")
    if not venue:
        venue = "not stated in the source"
        report.unsure.append("no venue printed in the text: give --venue")
    words = Counter()
    for label, paragraphs in turns:
        if label is not None:
            words[label] += sum(len(p.split()) for p in paragraphs)
            report.speakers[label] = report.speakers.get(label, 0) + 1
    persons = {label: _person(label, people, report) for label in report.speakers}
    rutte = [label for label, pid in persons.items() if pid == "mark-rutte"]
    main = max(rutte, key=words.__getitem__) if rutte else words.most_common(1)[0][0] if words else None
    speakers = []
    for label in report.speakers:
        person = persons[label]
        part = "main" if label == main else _part(label)
        speakers.append({"label": label, "person": person, "role": _ROLES[part], "part": part})
    if turns and turns[0][0] is None:
        if kind == "report":
            person = _person("Mark Rutte", people, report)
            named = "Mr Rutte" if any("Mr Rutte" in p for _, ps in turns for p in ps) else "Rutte"
            speakers.append({"label": named, "person": person, "role": "NATO Secretary General", "part": "quoted"})
        elif main is None:
            person = _person("Mark Rutte", people, report)
            main = "Mark Rutte"
            speakers.append({"label": main, "person": person, "role": _ROLES["main"], "part": "main"})
            report.unsure.append("no speaker labels: the whole text is attributed to Mark Rutte")
        if kind == "transcript":
            report.speakers = {main + " (unlabeled opening)": 1, **report.speakers}
    slug = ""
    for word in re.findall(r"[a-z0-9]+", title.lower()):
        if len(slug) + 1 + len(word) > 50:
            break
        slug = f"{slug}-{word}" if slug else word
    meta = {"id": f"{date}-{slug}", "title": title, "date": date, "venue": venue, "kind": kind,
            "sources": [{"publisher": "unknown", **({"url": source_url} if source_url else {}),
                         "covers": "the whole text as imported"}],
            "speakers": speakers}
    if kind == "transcript" and turns and turns[0][0] is None:
        meta["opening_speaker"] = main
    report.unsure.append("publisher unknown: fill in sources")
    return meta


_ROLES = {"main": "speaker", "moderator": "moderator", "chair": "chair", "questioner": "questioner"}


def _part(label: str) -> str:
    if re.search(r"\b(Chair|Co-Chair|MEP|Chairman|Chairwoman)\b", label):
        return "chair"
    if re.search(r"\b(Director|Moderator|Host|Editor|Interviewer)\b", label):
        return "moderator"
    return "questioner"


def _person(label: str, people: dict[str, Person], report: Report) -> str:
    """The registry id of the person a label names; a new provisional person if none."""
    if _GENERIC_AUDIENCE.match(label) or label.lower().startswith("question from"):
        return "audience" if "audience" in people else _new(label, "Audience member", "", people, report)
    lowered = label.lower()
    for person in people.values():
        names = person.name.lower().split()
        if person.name.lower() in lowered or (len(names) > 1 and re.search(rf"\b{re.escape(names[-1])}\b", lowered)):
            return person.id
    m = re.match(r"^(?P<name>[^,(]+?)\s*(?:,\s*(?P<aff>.+)|\((?P<role>[^)]+)\))?$", label)
    name = m.group("name").strip() if m else label
    return _new(label, name.title() if name.isupper() else name, (m.group("aff") or m.group("role") or "") if m else "",
                people, report)


def _new(label: str, name: str, affiliation: str, people: dict[str, Person], report: Report) -> str:
    pid = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "speaker"
    if pid not in people:
        person = Person(id=pid, name=name, role="to be confirmed", affiliation=affiliation,
                        description=f"Added by the importer from the label “{label}”.", provisional=True)
        people[pid] = person
        report.provisional.append(person)
    return pid


def provisional_yaml(people: list[Person]) -> str:
    """Registry entries for new people, to append to people.yml."""
    data = {p.id: {"name": p.name, "role": p.role, "affiliation": p.affiliation, "description": p.description,
                   "provisional": True} for p in people}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
