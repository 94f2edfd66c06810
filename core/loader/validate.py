"""Validation of YAML documents against the JSON Schemas of ``metadata/``."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaViolation

from core.exceptions import MetadataError
from core.loader.yaml_source import locate

METADATA_DIR = Path(__file__).resolve().parents[2] / "metadata"


@cache
def schema_validator(kind: str) -> Draft202012Validator:
    """The validator of ``metadata/<kind>.schema.json``."""
    schema = json.loads((METADATA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _plain(value: Any) -> Any:
    """JSON Schema validators want plain containers (ours are subclasses; fine) and no dates."""
    return value


def _describe(error: SchemaViolation) -> str:
    path = ".".join(str(part) for part in error.absolute_path)
    where = f"at '{path}': " if path else ""
    if error.validator == "additionalProperties":
        return f"{where}{error.message.replace('Additional properties are not allowed', 'unknown key')}"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{where}{error.instance!r} is not one of: {allowed}"
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = min(error.context, key=lambda sub: len(list(sub.absolute_path)) * -1)
        return _describe(best)
    return f"{where}{error.message}"


def validate_document(document: Any, kind: str) -> None:
    """Raise MetadataError (file, line, reason) for the first violation of the ``kind`` schema."""
    validator = schema_validator(kind)
    errors = sorted(validator.iter_errors(document), key=lambda err: (len(err.absolute_path), str(err.path)))
    if not errors:
        return
    # the deepest error is the most precise one to report
    error = max(errors, key=lambda err: len(err.absolute_path))
    file, line = locate(document, list(error.absolute_path))
    raise MetadataError(file, line, _describe(error))
