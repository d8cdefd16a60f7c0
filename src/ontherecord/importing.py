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
from slugify import slugify

from .attribution import Decisions, Question, Row, Turn, attribute
from .errors import SourceError
from .furniture import RemovedRun, load_rules, strip
from .labels import could_be_label, normal, opening, shape
from .model import Person, role_words
from .source import parse_source

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
# "Speech by X at Y": X speaks the unlabeled opening. "A conversation with X" says nothing of who opens it.
_BYLINE = re.compile(r"\bby\s+(?P<who>.+?)(?:\s+(?:at|to|in|on|before|during|following|and)\b.*)?$")


@dataclass
class Report:
    speakers: dict[str, int] = field(default_factory=dict)
    """Label -> number of turns."""
    removed: list[RemovedRun] = field(default_factory=list)
    header: list[tuple[int, str]] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    """Doubts that do not touch attribution: a date taken from furniture, a link dropped."""
    questions: list[Question] = field(default_factory=list)
    """Lines that need the editor's decision before anything is written."""
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
        out += [f"  {q}" for q in self.questions]
        out += [f"  {u}" for u in self.unsure] or ([] if self.questions else ["  nothing"])
        return "\n".join(out)


@dataclass
class Imported:
    source: str
    """The event source file's text."""
    meta: dict
    report: Report
    body: str = ""

    def with_raw(self, raw: str) -> str:
        """The source, its first source entry pointing at the raw text kept beside it (`raw/<id>.txt`)."""
        first, *others = self.meta["sources"]
        return _source({**self.meta, "sources": [{**first, "raw": raw}, *others]}, self.body)


def _source(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n\n" + body


def import_text(text: str, path: Path, people: dict[str, Person], furniture: Path, *, date: str | None = None,
                title: str | None = None, venue: str | None = None, source_url: str | None = None,
                decisions: Decisions | None = None, opening_speaker: str | None = None) -> Imported:
    """The event source for pasted `text` (read from `path`, for messages).

    When a line needs the editor's decision, `report.questions` lists it and the source must not be
    written (the command exits non-zero). The source returned otherwise passes the source checker.
    """
    if not text.strip():
        raise SourceError(path, None, "the file is empty", "paste the transcript into the file")
    decisions = decisions or Decisions()
    people = dict(people)  # provisional people are added to this copy, never to the caller's registry
    report = Report()
    lines = [line.rstrip() for line in text.rstrip("\n").split("\n")]
    keep, report.removed = strip(lines, load_rules(furniture))
    paragraphs = _paragraphs(lines, keep)
    roles = role_words(people)
    header, paragraphs = _header(paragraphs, roles)
    report.header = [(n, t) for n, t in header]
    found = _read_header([t for _, t in header])
    if "date" not in found:  # a redistributor's header may be the only place that prints it
        top = [lines[n - 1] for r in report.removed if r.first <= 10 for n in range(r.first, r.last + 1)]
        day = next(filter(None, map(_date, top)), None)
        if day:
            found["date"] = day
            report.unsure.append(f"date {day} taken from a line removed as furniture: check it")
    if sum(len(p.split()) for _, p in paragraphs) < 5:
        raise SourceError(path, None, "no text was found: fewer than five words remain once page furniture"
                          " is removed",
                          "check that the file holds the transcript itself, with paragraphs separated by blank lines")
    rows = [Row(n + k, line, k == 0) for n, p in paragraphs for k, line in enumerate(_unlink(p, report).split("\n"))]
    known = {label for p in people.values() if not p.generic for label in (p.name, *p.labels)}
    attribution = attribute(rows, roles=roles, known=known, decisions=decisions)
    report.questions = attribution.questions
    turns = attribution.turns
    reported = sum(bool(_REPORTED.search(t)) for _, t in paragraphs)
    kind = ("report" if len(turns) == 1 and turns[0].label is None and reported >= max(1, len(paragraphs) // 5)
            else "transcript")
    if kind == "report":
        report.unsure.append("no speaker labels, and the text reports what was said: imported as a report;"
                             " check the quoted speaker")
    meta = _front_matter(turns, kind, people, report, date or found.get("date"), title or found.get("title"),
                         venue or found.get("venue"), source_url, path, found.get("byline"), opening_speaker,
                         decisions)
    body = _body(turns)
    source = _source(meta, body)
    if not report.questions:
        _check_written(source, path, meta, people)
    return Imported(source, meta, report, body)


def _body(turns: list[Turn]) -> str:
    blocks: list[str] = []
    for turn in turns:
        texts = [t for _, t in turn.paragraphs]
        if turn.label is not None and turn.inline:
            texts[0] = turn.printed + texts[0]
        elif turn.label is not None and turn.joined:
            texts[0] = f"{turn.printed}\n{texts[0]}"
        elif turn.label is not None:
            blocks.append(turn.printed)
        blocks += texts
    return "\n\n".join(blocks) + "\n"


def _check_written(source: str, path: Path, meta: dict, people: dict[str, Person]) -> None:
    """The written file must pass the checker the build runs: check it now, not at the next build."""
    try:
        parse_source(source, path.with_suffix(".md"), role_words(people))
    except SourceError as exc:
        raise SourceError(path, None, f"the source the importer would write does not pass the checker: {exc}",
                          "report this input: it is a layout the importer gets wrong; until then, fix the pasted"
                          " text by hand") from None
    missing = [s["person"] for s in meta["speakers"] if s["person"] not in people]
    assert not missing, missing


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


def _header(paragraphs: list[tuple[int, str]], roles: frozenset[str]) -> tuple[list[tuple[int, str]],
                                                                          list[tuple[int, str]]]:
    """Leading title, date and byline lines (numbered), and the paragraphs after them."""
    header: list[tuple[int, str]] = []
    taken = 0
    for index, (n, p) in enumerate(paragraphs):
        lines = p.split("\n")
        first = taken == 0 and "\n" not in p and not p.endswith(":") and sum(q == p for _, q in paragraphs) == 1
        headerish = len(lines) <= 4 and all(
            len(x.split()) <= 15 and (not x.rstrip().endswith((".", "?", "!")) or _date(x) or x.strip().startswith("("))
            and not x.strip()[:1].islower()  # "and the Netherlands for hosting us": speech set one phrase a line
            for x in lines)
        titled = "\n" not in p and _TITLE_LINE.match(p)  # "Remarks by ..." is a byline, not a label
        found = opening(lines[0])
        label = (could_be_label(found, roles) is not None and not _PUBLISHER_LINE.match(lines[0])
                 and not (found.sep == "dash" and _date(lines[0]))  # "Department Press Briefing – March 4, 2026"
                 and not (found.sep == "line" and "\n" in p)
                 and not (taken == 0 and found.rest.startswith(("“", '"'))))  # 'Rutte to MEPs: “We are safe”'
        label = label or any(could_be_label(op, roles) is not None for op in map(opening, lines[1:])
                             if op is not None and op.sep not in ("line", "line-stop"))
        following = paragraphs[index + 1][1].split("\n")[0] if index + 1 < len(paragraphs) else ""
        # A short line between the title and the first label ("Oval Office"): the venue, not a speaker.
        venue = (label and "\n" not in p and found.sep == "line"
                 and could_be_label(opening(following), roles) is not None)
        if not titled and not venue and (not headerish or (label and (found.sep != "line" or not first))):
            break
        header += [(n + k, x.strip(" •-|")) for k, x in enumerate(lines) if x.strip(" •-|")]
        taken += 1
    return header, paragraphs[taken:]


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
        byline = _BYLINE.search(x) if _TITLE_LINE.match(x) else None
        if byline and "byline" not in found:
            found["byline"] = byline.group("who")
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


def _front_matter(turns: list[Turn], kind, people, report, date, title, venue, source_url, path, byline,
                  opening_speaker, decisions: Decisions) -> dict:
    if not date:
        raise SourceError(path, None, "no date is printed in the text", "give it: --date YYYY-MM-DD")
    if not title:
        title = f"Event of {date}"
        report.unsure.append("no title printed in the text: give --title")
    if not venue:
        venue = "not stated in the source"
        report.unsure.append("no venue printed in the text: give --venue")
    words: Counter = Counter()
    first_line: dict[str, int] = {}
    for turn in turns:
        if turn.label is not None:
            words[turn.label] += sum(len(p.split()) for _, p in turn.paragraphs)
            report.speakers[turn.label] = report.speakers.get(turn.label, 0) + 1
            first_line.setdefault(turn.label, turn.line)
    persons = {label: decisions.people.get(label) or _person(label, first_line[label], people, report)
               for label in report.speakers}
    rutte = [label for label, pid in persons.items() if pid == "mark-rutte"]
    main = max(rutte, key=words.__getitem__) if rutte else words.most_common(1)[0][0] if words else None
    speakers = []
    for label in report.speakers:
        person = persons[label]
        part = "main" if label == main else _part(label, people.get(person))
        speakers.append({"label": label, "person": person or "unknown", "role": _ROLES[part], "part": part})
    opening_label = None
    if turns and turns[0].label is None:
        if kind == "report":
            person = _named(byline, people) or _named("Mark Rutte", people)
            named = "Mr Rutte" if any("Mr Rutte" in p for t in turns for _, p in t.paragraphs) else "Rutte"
            speakers.append({"label": named, "person": person, "role": "NATO Secretary General", "part": "quoted"})
        else:
            opening_label = _opening_speaker(turns[0], opening_speaker, byline, persons, people, speakers, report)
            if opening_label:
                report.speakers = {opening_label + " (unlabeled opening)": 1, **report.speakers}
    slug = ""
    for word in slugify(title).split("-"):
        if len(slug) + 1 + len(word) > 50:
            break
        slug = f"{slug}-{word}" if slug else word
    meta = {"id": f"{date}-{slug}", "title": title, "date": date, "venue": venue, "kind": kind,
            "sources": [{"publisher": "unknown", **({"url": source_url} if source_url else {}),
                         "covers": "the whole text as imported"}],
            "speakers": speakers}
    if opening_label:
        meta["opening_speaker"] = opening_label
    if kind == "transcript" and decisions.speech:
        meta["not_labels"] = sorted(decisions.speech)
    report.unsure.append("publisher unknown: fill in sources")
    return meta


def _opening_speaker(first: Turn, given, byline, persons, people, speakers, report) -> str | None:
    """Who speaks the words before the first label: the editor's --opening, or the person the byline names."""
    if given:
        if given not in persons:  # a person the text does not label: the registry's, or a new one
            person = _named(given, people) or _new(given, given, "", people, report)
            speakers.append({"label": given, "person": person, "role": _ROLES["main"], "part": "main"})
        return given
    person = _named(byline, people) if byline else None
    label = next((label for label, pid in persons.items() if person and pid == person), None)
    if label:
        return label
    if person:
        name = people[person].name
        speakers.append({"label": name, "person": person, "role": _ROLES["main"], "part": "main"})
        return name
    text = first.paragraphs[0][1].split("\n")[0][:60]
    if any(q.line == first.line for q in report.questions):
        return None  # that line is asked about already
    report.questions.append(Question(first.line, text, "the text starts without a speaker label and no byline"
                                     " says whose words these are",
                                     "give --opening 'LABEL' (a label of the text, or a name in the registry)"))
    return None


_ROLES = {"main": "speaker", "moderator": "moderator", "chair": "chair", "questioner": "questioner"}


def _part(label: str, person: Person | None) -> str:
    if person is not None and person.part:
        return person.part
    if re.search(r"\b(Chair|Co-Chair|MEP|Chairman|Chairwoman|President)\b", label):
        return "chair"
    if re.search(r"\b(Director|Moderator|Host|Editor|Interviewer)\b", label):
        return "moderator"
    return "questioner"


def _named(text: str | None, people: dict[str, Person]) -> str | None:
    """The registry person a phrase names: by name, by another label, or by family name."""
    if not text:
        return None
    wanted = normal(text)
    for person in people.values():
        if any(normal(label) == wanted for label in (person.name, *person.labels)):
            return person.id
    for person in people.values():
        if person.generic:
            continue
        names = normal(person.name).split()
        if f" {normal(person.name)} " in f" {wanted} " or (len(names) > 1 and names[-1] in wanted.split()):
            return person.id
    return None


def _person(label: str, line: int, people: dict[str, Person], report: Report) -> str | None:
    """The registry id of the person a label names; a new provisional person if none; None if unsure."""
    found = shape(label, role_words(people))
    if found is not None and found.kind == "role":
        return _named(found.base, people)
    if found is not None and found.kind == "qa" and found.base == "A":
        report.questions.append(Question(line, label, f"“{label}” labels the answers but names nobody",
                                         f"give --label '{label}=PERSON-ID' (e.g. {label}=mark-rutte)"))
        return None
    named = _named(label, people)
    if named:
        return named
    head = found.base if found is not None else label
    tail = re.search(r"(?:,\s*(.+)|\(([^)]+)\))$", label)
    name = head.title() if head.isupper() and len(head) > 5 else head
    return _new(label, name, (tail.group(1) or tail.group(2)).strip() if tail else "", people, report)


def _new(label: str, name: str, affiliation: str, people: dict[str, Person], report: Report) -> str:
    """A provisional person for a name the registry does not hold: never merged with anyone else."""
    base = slugify(name) or "speaker"
    pid, n = base, 1
    while pid in people:
        n += 1
        pid = f"{base}-{n}"
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
