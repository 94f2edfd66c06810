"""Matching the columns of a file to field paths, by technical name or label (in any language), with
the choices users made remembered per model; and describing load problems by file line and column."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.i18n import LANGUAGES, _, translate

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.records.model import BaseModel

MAGIC = ("display_name", "create_uid", "write_uid", "create_date", "write_date")
REMEMBER_KEY = "import.mapping.{model}"
REFERENCE_SUFFIXES = ("id", ".id")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace("_", " ").split())


def importable_fields(model: BaseModel) -> dict[str, Any]:
    """Fields a file may fill: accessible, not magic, stored or writable through an inverse."""
    return {
        name: field
        for name, field in model._fields.items()
        if name not in MAGIC
        and model._field_accessible(field)
        and not (field.computed and not field.store and not field.inverse and not field.related)
    }


def _labels(model: BaseModel) -> dict[str, str]:
    labels: dict[str, str] = {}
    for name, field in importable_fields(model).items():
        labels.setdefault(_key(name), name)
        labels.setdefault(_key(field.string or name), name)
        for lang in LANGUAGES:
            labels.setdefault(_key(translate(field.string or name, lang)), name)
    return labels


def guess_field(model: BaseModel, column: str) -> str | None:
    """The field path a column header most likely means (``name``, ``country_id/id``...), or None."""
    column = column.strip()
    if column in ("id", ".id"):
        return column
    if column in importable_fields(model):
        return column
    base, slash, suffix = column.replace(":id", "/id").partition("/")
    labels = _labels(model)
    if slash:
        field = base if base in model._fields else labels.get(_key(base))
        suffix_key = _key(suffix)
        if field and model._fields[field].relational:
            if suffix in REFERENCE_SUFFIXES or suffix_key in ("external id", "id externo", "xml id"):
                return f"{field}/id"
            if suffix_key in ("database id", "id de base de datos"):
                return f"{field}/.id"
        return None
    if _key(column) in ("external id", "id externo", "xml id"):
        return "id"
    return labels.get(_key(column))


def map_columns(
    model: BaseModel, header: list[str], remembered: dict[str, str] | None = None
) -> list[str | None]:
    """One field path (or None: skip) per column; ``remembered`` choices (by header) win over guesses."""
    remembered = {_key(k): v for k, v in (remembered or {}).items()}
    result = []
    for column in header:
        choice = remembered.get(_key(column))
        if choice is not None and choice.split("/")[0] not in ("", *model._fields, "id", ".id"):
            choice = None  # a field that no longer exists
        result.append(None if choice == "" else (choice or guess_field(model, column)))
    return result


# -- remembering choices ----------------------------------------------------------------------
def remembered_mapping(env: Environment, model: str) -> dict[str, str]:
    """The column → field choices last confirmed for ``model`` ("" means: skip the column)."""
    raw = env["ir.config_parameter"].sudo().get_param(REMEMBER_KEY.format(model=model), "")
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def remember_mapping(env: Environment, model: str, header: list[str], fields: list[str | None]) -> None:
    """Keep the confirmed choices of this file's columns for the next import into ``model``."""
    mapping = remembered_mapping(env, model)
    mapping.update({_key(column): field or "" for column, field in zip(header, fields) if column.strip()})
    env["ir.config_parameter"].sudo().set_param(
        REMEMBER_KEY.format(model=model), json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    )


# -- problems by line and column --------------------------------------------------------------
@dataclass
class Problem:
    line: int | None  # line of the file (the header is line 1)
    column: str | None  # header of the column
    reason: str

    def __str__(self) -> str:
        if self.line and self.column:
            return _(
                "line %(line)s, column %(column)r: %(reason)s",
                line=self.line,
                column=self.column,
                reason=self.reason,
            )
        if self.line:
            return _("line %(line)s: %(reason)s", line=self.line, reason=self.reason)
        if self.column:
            return _("column %(column)r: %(reason)s", column=self.column, reason=self.reason)
        return self.reason


def describe_problems(
    messages: list[dict[str, Any]], header: list[str], fields: Sequence[str | None], row_count: int
) -> list[Problem]:
    """``load`` messages as file problems: data row ``n`` is line ``n + 2``; the column named by header.

    A message spanning every row (an unknown column, a refused batch) has no line.
    """
    columns: dict[str, str] = {}
    for column, path in zip(header, fields):
        if path:
            columns.setdefault(path.split("/")[0], column)
            columns.setdefault(path, column)
    problems = []
    for message in messages:
        span = message.get("rows") or {}
        first, last = span.get("from"), span.get("to")
        spans_file = row_count > 1 and first == 0 and last == row_count - 1
        line = None if first is None or spans_file else first + 2
        problems.append(Problem(line, columns.get(message.get("field") or ""), message.get("message", "")))
    return problems
