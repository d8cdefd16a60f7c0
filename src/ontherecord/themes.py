"""Themes: the taxonomy, and tagging paragraphs by its rules, with the reasons why.

A theme's rules are data (docs/_data/themes.yml). A rule matches a paragraph when
one of its `any` patterns occurs in it; `with` also asks for one of its patterns
in the same sentence (or, with `within: paragraph`, the same paragraph), and
`unless` drops a match whose sentence holds one of its patterns.

Patterns are phrases, matched on whole words and without regard to case, with
`*` for any word ending (`Ukrain*`); a phrase in capitals (`EU`, `PURL`) matches
only in capitals; `re:` starts a regular expression.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from re import _constants as sre_constants  # the parser of `re` itself: the one true reading of a pattern
from re import _parser as sre_parse

import re2

from . import schema
from .errors import SourceError
from .model import Evidence, Theme
from .yamldoc import YamlDoc, load_yaml_file

_SENTENCE = re.compile(r"(?<=[.?!…])[\"”’)]?\s+|\n")


@dataclass(frozen=True)
class Rule:
    id: str
    any: re.Pattern
    """All of the rule's `any` patterns as one expression: one search rejects most paragraphs."""
    with_: re.Pattern | None = None
    unless: re.Pattern | None = None
    within: str = "sentence"
    loose: re2._Regexp | None = None
    """`any` in RE2 (see `Prefilter`): where it finds nothing, `any` cannot match; None if RE2 cannot read it."""
    phrases: tuple[str, ...] = ()
    """The `any` patterns as written, for the prefilter."""


@dataclass
class Taxonomy:
    themes: dict[str, Theme] = field(default_factory=dict)
    rules: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    """Theme slug -> its rules."""

    def tag(self, text: str) -> list[Evidence]:
        """Every theme whose rules match `text`, with the first match of each rule."""
        return [Evidence(slug, rule.id, words) for slug, rule, words in self.prefilter.matches(text)]

    @cached_property
    def prefilter(self) -> Prefilter:
        return Prefilter(self.rules)


class Prefilter:
    """Which rules can match a text, found in one pass by RE2's multi-pattern set (linear time, compiled).

    Every rule's `any` patterns go into one set; a rule the set does not name cannot match, so only the
    few it names are tried with the exact rules (Python's `re`: whole words by Unicode, `with`, `unless`).
    The set's patterns match a superset: RE2 knows word boundaries in ASCII only, so a boundary is asked
    only beside an ASCII letter or digit, and a `re:` pattern RE2 cannot read makes its rule always tried.
    """

    def __init__(self, rules: dict[str, tuple[Rule, ...]]) -> None:
        self.rules = rules
        self.set = re2.Set.SearchSet(re2.Options())
        self.owners: list[tuple[str, int]] = []
        self.always: set[tuple[str, int]] = set()
        owned = [((slug, i), pattern) for slug, theirs in rules.items() for i, rule in enumerate(theirs)
                 for pattern in rule.phrases]
        for owner, pattern in owned:
            try:
                self.set.Add(_loose(pattern))
                self.owners.append(owner)
            except re2.error:
                self.always.add(owner)
        self.set.Compile()

    def candidates(self, text: str) -> set[tuple[str, int]]:
        return {self.owners[i] for i in self.set.Match(text) or ()} | self.always

    def matches(self, text: str) -> Iterator[tuple[str, Rule, str]]:
        """(owner, rule, matched words) for each rule that matches `text`, in the order of the rules."""
        candidates = self.candidates(text)
        spans = sentence_spans(text) if candidates else []
        for owner, theirs in self.rules.items():
            for i, rule in enumerate(theirs):
                if (owner, i) in candidates and (words := _first_match(rule, text, spans)):
                    yield owner, rule, words


_ASCII_WORD = re.compile(r"[A-Za-z0-9_]")


def _loose(pattern: str) -> str:
    """A data-file pattern in RE2's syntax, matching wherever the exact pattern does (and maybe more)."""
    if pattern.startswith("re:"):
        return f"(?i:{pattern[3:]})"
    body = r"\w*".join(re.escape(p) for p in pattern.split("*"))
    if _ASCII_WORD.match(pattern[:1]):
        body = r"\b" + body
    if pattern.endswith("*") or _ASCII_WORD.match(pattern[-1:]):
        body += r"\b"
    return body if pattern.isupper() else f"(?i:{body})"


def matches(rules: tuple[Rule, ...], text: str) -> list[tuple[str, str]]:
    """(rule id, matched words) for each of `rules` that matches `text`, every rule tried (no prefilter)."""
    spans = sentence_spans(text)
    return [(rule.id, words) for rule in rules if (words := _first_match(rule, text, spans))]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` that is not blank."""
    spans, start = [], 0
    for sep in _SENTENCE.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _first_match(rule: Rule, text: str, spans: list[tuple[int, int]]) -> str | None:
    """The words of the first sentence where the rule holds. Only sentences where the rule's own words
    can start (found by one search of the whole text from where the last one failed) are looked at."""
    finder = rule.loose or rule.any
    at = 0
    while at < len(spans):
        hit = finder.search(text, spans[at][0])
        if not hit:
            return None
        at = max(at, bisect.bisect_right(spans, hit.start(), key=lambda span: span[0]) - 1)
        sentence = text[spans[at][0]:spans[at][1]]
        m = rule.any.search(sentence)
        if m and not (rule.unless and rule.unless.search(sentence)) and not (
                rule.with_ and not rule.with_.search(text if rule.within == "paragraph" else sentence)):
            return m.group(0)
        at += 1
    return None


def compile_pattern(pattern: str) -> str:
    """A pattern of a data file as a regular expression, its case rule scoped to it."""
    if pattern.startswith("re:"):
        nested = nested_repeat(pattern[3:])
        if nested:
            raise re.error(f"'{nested}' repeats a part that itself repeats, which can take forever on some text")
        return f"(?i:{pattern[3:]})"
    body = r"\w*".join(re.escape(p) for p in pattern.split("*"))
    body = rf"(?<!\w){body}(?!\w)"
    return f"(?:{body})" if pattern.isupper() else f"(?i:{body})"


def nested_repeat(expression: str) -> str | None:
    """The first repeated group that holds a repeat (`(\\w+\\s?)+`): the shape of catastrophic backtracking.

    Rules are matched against every paragraph of the archive; an expression of that shape can take
    exponential time on one unlucky paragraph, so it is refused when the rules are read.
    """
    try:
        tree = sre_parse.parse(expression)
    except re.error:
        return None  # compiling reports it, with its own message
    repeats = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}

    def walk(items, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                _, high, sub = arg
                if (inside and high != 1) or walk(sub, inside or high > 1):
                    return True
            elif any(walk(part, inside) for part in _parts(op, arg)):
                return True
        return False

    return expression if walk(tree, False) else None


def _parts(op, arg) -> list:
    """The sub-expressions of a group, an alternation or a lookaround."""
    if op is sre_constants.SUBPATTERN:
        return [arg[-1]]
    if op is sre_constants.BRANCH:
        return list(arg[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [arg[1]]
    return []


def _one(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(compile_pattern(p) for p in patterns)) if patterns else None


def _loose_one(patterns: list[str]) -> re2._Regexp | None:
    try:
        return re2.compile("|".join(_loose(p) for p in patterns))
    except re2.error:
        return None


def _invalid(pattern: str) -> bool:
    try:
        re.compile(compile_pattern(pattern))
    except re.error:
        return True
    return False


def compile_rules(entries: list[dict], doc: YamlDoc, at: list) -> tuple[Rule, ...]:
    """Rules as written in a data file; `at` is their place in `doc`, for errors."""
    rules = []
    for j, r in enumerate(entries):
        try:
            rules.append(Rule(id=r["id"], any=_one(r["any"]), with_=_one(r.get("with", [])),
                              unless=_one(r.get("unless", [])), within=r.get("within", "sentence"),
                              loose=_loose_one(r["any"]), phrases=tuple(r["any"])))
        except re.error as exc:
            where = next(([*at, j, key, k] for key in ("any", "with", "unless") for k, p in enumerate(r.get(key, []))
                          if _invalid(p)), [*at, j])
            raise SourceError(doc.path, doc.line_of(where), f"a pattern is not a valid expression: {exc}",
                              "fix the regular expression after 're:'; write a repeated word as a plain"
                              " phrase or with '*' (e.g. 'defence spend*') rather than (\\w+\\s?)+") from None
    return tuple(rules)


def load_taxonomy(path: Path) -> Taxonomy:
    doc = load_yaml_file(path)
    schema.check(doc, "themes")
    taxonomy = Taxonomy()
    for i, entry in enumerate(doc.data):
        slug = entry["slug"]
        if slug in taxonomy.themes:
            raise SourceError(path, doc.line_of([i, "slug"]), f"the theme '{slug}' is defined twice",
                              "give each theme its own slug")
        rules = compile_rules(entry.get("rules", []), doc, [i, "rules"])
        taxonomy.themes[slug] = Theme(slug=slug, title=entry["title"], description=entry["description"],
                                      core=entry.get("core", False))
        taxonomy.rules[slug] = tuple(rules)
    return taxonomy


def tag_paragraphs(taxonomy: Taxonomy, texts: list[str], headings: list[bool]) -> list[list[Evidence]]:
    """Evidence per paragraph. A heading takes the themes of the paragraph it heads."""
    found = [taxonomy.tag(t) for t in texts]
    for i, heading in enumerate(headings):
        if heading and i + 1 < len(found):
            inherited = {e.theme for e in found[i + 1]} - {e.theme for e in found[i]}
            found[i] += [Evidence(t, "heading-of-section", texts[i]) for t in inherited]
    return found


def is_heading(text: str) -> bool:
    """A one-line title: short, and not ended like a sentence."""
    return "\n" not in text and len(text.split()) <= 12 and not text.rstrip().endswith(tuple(".?!…:;,\"”)"))
