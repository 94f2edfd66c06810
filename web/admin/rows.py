"""Records of the back office as instances of the registry's mapped classes: built from one ``read`` of
the record API (so access rights, record rules, field groups and translations apply), never loaded by an
ORM session; each carries its values as text for the list and details pages."""

from __future__ import annotations

from typing import Any

from core.fields.base import Field
from core.records.model import BaseModel
from web.admin.converters import form_value
from web.client.formatting import display, x2many_names


def readable(records: BaseModel, names: list[str]) -> list[str]:
    """The names of fields of ``records`` the user may read, in order."""
    fields = records._fields
    return [n for n in dict.fromkeys(names) if n in fields and records._field_accessible(fields[n])]


def instances(mapped: type, records: BaseModel, names: list[str]) -> list[Any]:
    """One detached instance of ``mapped`` per record, holding the form values of ``names`` and their text."""
    if not records:
        return []
    names = readable(records, names)
    rows = records.with_context(bin_size=True).read(names)
    fields = records._fields
    x2many = {
        n: x2many_names(records.env, fields[n], rows)
        for n in names
        if fields[n].type in ("one2many", "many2many")
    }
    result = []
    for row in rows:
        instance = mapped()  # transient: no session ever sees it
        for name in names:
            setattr(instance, name, form_value(fields[name], row.get(name)))
        instance.id = row["id"]
        instance.__dict__["_erp_text"] = {name: _text(fields[name], row, x2many.get(name)) for name in names}
        result.append(instance)
    return result


def _text(field: Field, row: dict[str, Any], names: dict[int, str] | None) -> str:
    if field.type == "json":
        value = row.get(field.name)
        return "" if value in (None, False) else str(value)
    return display(field, row.get(field.name), row, names)


def text_of(instance: Any, name: str) -> str:
    """The value of field ``name`` of an instance, as the user reads it."""
    return instance.__dict__.get("_erp_text", {}).get(name, "")
