"""YAML that remembers where each value came from, for errors with line numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when installed: much faster
    """Safe YAML, but dates stay strings: the schema checks them, and says where."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDoc:
    """Parsed YAML with a map from value paths to 1-based file lines."""

    data: Any
    path: Path
    first_line: int
    """The file line on which the YAML text starts."""
    _root: yaml.Node | None

    def line_of(self, keys: Sequence[str | int]) -> int:
        """The file line of the value at `keys`, or of its nearest existing parent."""
        node = self._root
        line = node.start_mark.line if node is not None else 0
        for key in keys:
            node = _child(node, key)
            if node is None:
                break
            line = node.start_mark.line
        return self.first_line + line

    def key_line(self, keys: Sequence[str | int]) -> int:
        """The file line of the key (not the value) at `keys`: where a reader looks."""
        *parents, last = keys
        node = self._root
        for key in parents:
            node = _child(node, key)
        if isinstance(node, yaml.MappingNode):
            for k, _ in node.value:
                if k.value == last:
                    return self.first_line + k.start_mark.line
        return self.line_of(keys)


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
MAX_BYTES = 4_000_000
"""No data file of the archive comes near this; a larger one is a mistake, not a source."""
MAX_DEPTH = 40


def load_yaml(text: str, path: Path, first_line: int = 1) -> YamlDoc:
    """Parse `text`, which starts at `first_line` of `path`. Raises SourceError.

    Only plain YAML is read: no aliases (`*name`, whose expansion can exhaust memory), no key written twice
    in one mapping (where the last would silently win), no nesting deeper than MAX_DEPTH.
    """
    if len(text) > MAX_BYTES:
        raise SourceError(path, first_line + text.startswith("\n"), f"the YAML is {len(text):,} characters long,"
                          f" over the limit of"
                          f" {MAX_BYTES:,}", "split the file, or check that it holds what you meant")
    conflict = re.search(r"^(<{7}|={7}|>{7})(?: |$)", text, re.M)
    if conflict:
        raise SourceError(path, first_line + text[: conflict.start()].count("\n"),
                          "an unresolved merge conflict (a '<<<<<<<', '=======' or '>>>>>>>' line)",
                          "resolve the conflict: keep the lines both sides need and delete the marker lines")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()  # one parse: the nodes give line numbers, and the data
        _check_plain(root, path, first_line)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        raise SourceError(
            path,
            line,
            f"the YAML cannot be read: {exc.problem or exc.context}",
            "check the indentation and quoting on this line; put text that contains"
            ' a colon followed by a space in quotes, e.g. title: "Rutte: a speech"',
        ) from None
    finally:
        loader.dispose()
    return YamlDoc(data=data, path=path, first_line=first_line, _root=root)


def _check_plain(root: yaml.Node | None, path: Path, first_line: int) -> None:
    """Refuse aliases, duplicate keys and deep nesting, naming the line. Linear in the size of the text."""
    seen: set[int] = set()
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        line = first_line + node.start_mark.line
        if id(node) in seen:  # the composer gives an alias the very node it names
            raise SourceError(path, line, "the part written here is repeated elsewhere by an alias ('*name')",
                              "write the value out in full: aliases and anchors ('&name') are not allowed here")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise SourceError(path, line, f"the YAML is nested more than {MAX_DEPTH} levels deep",
                              "flatten the structure; no field of the archive nests this deep")
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise SourceError(path, first_line + key.start_mark.line, "a merge key ('<<') is not allowed",
                                      "write the keys out in full")
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise SourceError(path, first_line + key.start_mark.line,
                                          f"the key '{key.value}' is written twice in the same place (first on"
                                          f" line {keys[key.value]})", "keep one of them: the last would silently"
                                          " replace the first")
                    keys[key.value] = first_line + key.start_mark.line
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]


def load_yaml_file(path: Path) -> YamlDoc:
    return load_yaml(read_text(path), path)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, or say clearly why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"the file cannot be read ({exc.strerror})",
                          "check that the file exists and is readable") from None
    if b"\x00" in raw:
        raise SourceError(path, None, "the file is binary, not text",
                          "give a plain-text UTF-8 file")
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path, line, f"the file is not valid UTF-8 (byte {exc.start})",
                          "save the file as UTF-8") from None
    control = _CONTROL.search(text)
    if control:  # invisible, and not allowed in the XML of feeds and sitemaps
        raise SourceError(path, text[: control.start()].count("\n") + 1,
                          f"the text holds an invisible control character (U+{ord(control.group()):04X})",
                          "delete it: it was copied by mistake with the text")
    return text
