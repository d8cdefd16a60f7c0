"""YAML that remembers where each value came from, for errors with line numbers."""

from __future__ import annotations

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


def load_yaml(text: str, path: Path, first_line: int = 1) -> YamlDoc:
    """Parse `text`, which starts at `first_line` of `path`. Raises SourceError."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()  # one parse: the nodes give line numbers, and the data
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
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path, line, f"the file is not valid UTF-8 (byte {exc.start})",
                          "save the file as UTF-8") from None
