"""The declared schemas of the sources, and checking a document against one."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources

import jsonschema

from .errors import SourceError
from .yamldoc import YamlDoc


@cache
def load_schema(name: str) -> dict:
    """`name` is 'event' or 'people'."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.schema.json").read_text())


def check(doc: YamlDoc, name: str) -> None:
    """Raise SourceError for the first place where `doc` breaks schema `name`."""
    schema = load_schema(name)
    validator = jsonschema.Draft202012Validator(schema)
    # A misspelt key also makes a required one "missing": report the unknown key first.
    errors = sorted(validator.iter_errors(doc.data),
                    key=lambda e: (e.validator != "additionalProperties", doc.line_of(list(e.absolute_path))))
    if errors:
        raise _explain(doc, errors[0], schema)
    if name == "event":
        _check_date(doc)


def _explain(doc: YamlDoc, error: jsonschema.ValidationError, schema: dict) -> SourceError:
    """A SourceError for one schema violation, at the line of the offending key."""
    path = list(error.absolute_path)
    where = ".".join(str(p) for p in path) or "the front matter"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in allowed]
        if unknown and allowed:
            return SourceError(
                doc.path, doc.key_line(path + [unknown[0]]),
                f"unknown key '{unknown[0]}' in {where}",
                f"remove it, or correct its spelling; the keys allowed here are: {', '.join(sorted(allowed))}",
            )
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        return SourceError(doc.path, doc.line_of(path), f"'{missing}' is missing in {where}",
                           f"add '{missing}:' ({_describe(error.schema, missing)})")
    if error.validator == "type" and error.instance is None:
        return SourceError(doc.path, doc.key_line(path) if path else doc.first_line,
                           f"'{where}' is empty", "give it a value, or remove the key")
    if error.validator == "pattern" and path and path[-1] == "date":
        return SourceError(doc.path, doc.key_line(path), f"the date {error.instance!r} is not a date",
                           "write the date as YYYY-MM-DD, e.g. date: 2024-12-12")
    return SourceError(doc.path, doc.key_line(path) if path else doc.first_line,
                       f"'{where}' is not valid: {error.message}",
                       _describe(error.parent.schema if error.parent else schema, str(path[-1]) if path else "")
                       or "see the event source format on the contributor page")


def _describe(schema: dict, key: str) -> str:
    prop = schema.get("properties", {}).get(key, {})
    return prop.get("description", "")


def _check_date(doc: YamlDoc) -> None:
    try:
        dt.date.fromisoformat(doc.data["date"])
    except ValueError:
        raise SourceError(doc.path, doc.key_line(["date"]), f"the date {doc.data['date']!r} does not exist",
                          "write a real calendar date as YYYY-MM-DD") from None
