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

import re
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants as sre_constants  # the parser of `re` itself: the one true reading of a pattern
from re import _parser as sre_parse

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
    keys: tuple[str, ...] = ()
    """Lower-case literal starts of the `any` phrases: a matching text contains one, or matches `regex`."""
    regex: re.Pattern | None = None
    """The `re:` patterns among `any`, which no literal test can rule out."""


@dataclass
class Taxonomy:
    themes: dict[str, Theme] = field(default_factory=dict)
    rules: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    """Theme slug -> its rules."""

    def tag(self, text: str) -> list[Evidence]:
        """Every theme whose rules match `text`, with the first match of each rule."""
        return [Evidence(slug, rule, words) for slug in self.themes for rule, words in matches(self.rules[slug], text)]


def matches(rules: tuple[Rule, ...], text: str) -> list[tuple[str, str]]:
    """(rule id, matched words) for each of `rules` that matches `text`."""
    found: list[tuple[str, str]] = []
    sentences: list[str] = []
    lowered = text.lower()
    for rule in rules:
        if not any(k in lowered for k in rule.keys) and not (rule.regex and rule.regex.search(text)):
            continue  # the cheap test first: a plain substring search rejects almost every rule
        if not rule.any.search(text):
            continue
        sentences = sentences or [s for s in _SENTENCE.split(text) if s.strip()]
        words = _first_match(rule, text, sentences)
        if words:
            found.append((rule.id, words))
    return found


def _first_match(rule: Rule, text: str, sentences: list[str]) -> str | None:
    if not rule.any.search(text):
        return None
    for sentence in sentences:
        if rule.unless and rule.unless.search(sentence):
            continue
        scope = text if rule.within == "paragraph" else sentence
        if rule.with_ and not rule.with_.search(scope):
            continue
        m = rule.any.search(sentence)
        if m:
            return m.group(0)
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
                              keys=tuple(p.split("*")[0].lower() for p in r["any"] if not p.startswith("re:")),
                              regex=_one([p for p in r["any"] if p.startswith("re:")])))
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
