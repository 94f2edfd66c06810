"""Validation of YAML documents against the JSON Schemas of ``metadata/``."""
from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaViolation

from core.exceptions import MetadataError
from core.loader.yaml_source import locate

METADATA_DIR = Path(__file__).resolve().parents[2] / "metadata"
# keys whose value is a list of [value, label] pairs
SELECTION_KEYS = ("selection", "selection_add")


@cache
def _schema(kind: str) -> dict[str, Any]:
    schema = json.loads((METADATA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@cache
def schema_validator(kind: str, definition: str | None = None) -> Draft202012Validator:
    """The validator of ``metadata/<kind>.schema.json``, or of one of its ``$defs`` (``form_arch``)."""
    schema = _schema(kind)
    if definition is None:
        return Draft202012Validator(schema)
    if definition not in schema["$defs"]:
        raise KeyError(definition)
    return Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]})


def _unknown_keys(error: SchemaViolation) -> list[str]:
    known = set((error.schema or {}).get("properties") or ())
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [str(key) for key in instance if key not in known]


def _suggest(name: str, candidates: Any) -> str:
    close = difflib.get_close_matches(name, [str(c) for c in candidates], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _selection_hint(error: SchemaViolation, root: Any) -> tuple[list[Any], str] | None:
    """A selection written as text (``bronze, silver``) or as bare values: say how to write it."""
    path = list(error.absolute_path)
    at = max((i for i, part in enumerate(path) if part in SELECTION_KEYS), default=None)
    if at is None:
        return None
    path = path[: at + 1]
    key, value = path[-1], root
    for step in path:
        value = value[step]
    if isinstance(value, str):
        values = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        values = list(value)
    else:
        return None
    example = ", ".join(f"[{v}, {v.replace('_', ' ').capitalize()}]" for v in values[:3])
    where = ".".join(str(part) for part in path)
    return path, (f"at '{where}': {key} is a list of [value, label] pairs, not {value!r}: "
                  f"write {key}: [{example}]")


def _describe(error: SchemaViolation) -> str:
    path = ".".join(str(part) for part in error.absolute_path)
    where = f"at '{path}': " if path else ""
    if error.validator == "additionalProperties":
        unknown = _unknown_keys(error)
        if unknown:
            known = (error.schema or {}).get("properties") or ()
            return f"{where}unknown key '{unknown[0]}'{_suggest(unknown[0], known)}"
        return f"{where}{error.message.replace('Additional properties are not allowed', 'unknown key')}"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        hint = _suggest(str(error.instance), error.validator_value) if isinstance(error.instance, str) else ""
        return f"{where}{error.instance!r} is not one of: {allowed}{hint}"
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = min(error.context, key=lambda sub: len(list(sub.absolute_path)) * -1)
        return _describe(best)
    return f"{where}{error.message}"


def first_violation(value: Any, kind: str, definition: str | None = None) -> tuple[list[Any], str] | None:
    """The path and description of the most precise violation of a schema (or of one of its
    ``$defs``) by ``value``, or None when it conforms."""
    validator = schema_validator(kind, definition)
    errors = list(validator.iter_errors(value))
    if not errors:
        return None
    # a selection written as text is the likeliest mistake there: say how to fix it first
    for error in errors:
        hint = _selection_hint(error, value)
        if hint:
            return hint
    # the deepest error is the most precise one to report
    error = max(errors, key=lambda err: len(err.absolute_path))
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and _unknown_keys(error):
        path.append(_unknown_keys(error)[0])
    return path, _describe(error)


def validate_document(document: Any, kind: str) -> None:
    """Raise MetadataError (file, line, reason) for the first violation of the ``kind`` schema."""
    violation = first_violation(document, kind)
    if violation is None:
        return
    path, reason = violation
    file, line = locate(document, path)
    raise MetadataError(file, line, reason)
