"""Matching the columns of a file to field paths, by technical name or label (in any language)."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from core.i18n import LANGUAGES, translate

if TYPE_CHECKING:
    from core.records.model import BaseModel


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace("_", " ").split())


def guess_field(model: BaseModel, column: str) -> str | None:
    """The field path a column header most likely means, or None."""
    column = column.strip()
    if column in ("id", ".id") or column in model._fields:
        return column
    base, slash, suffix = column.replace(":id", "/id").partition("/")
    if slash and base in model._fields and suffix in ("id", ".id"):
        return f"{base}/{suffix}"
    wanted = _key(column)
    labels: dict[str, str] = {}
    for name, field in model._fields.items():
        if name in ("display_name", "create_uid", "write_uid", "create_date", "write_date") or not model._field_accessible(field):
            continue
        labels.setdefault(_key(field.string), name)
        for lang in LANGUAGES:
            labels.setdefault(_key(translate(field.string, lang)), name)
        labels.setdefault(_key(name), name)
    if wanted in labels:
        return labels[wanted]
    if slash:
        prefix = guess_field(model, base)
        if prefix and prefix in model._fields and suffix in ("id", ".id"):
            return f"{prefix}/{suffix}"
    return None


def map_columns(model: BaseModel, header: list[str], remembered: dict[str, str] | None = None
                ) -> list[str | None]:
    """One field path (or None: skip) per column; ``remembered`` choices win over guesses."""
    remembered = remembered or {}
    return [remembered.get(column) or guess_field(model, column) for column in header]
