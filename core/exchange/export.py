"""export_data: rows of field paths, as Odoo's export writes them."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from core.addon.xmlids import ensure_export_xmlids
from core.exceptions import ValidationError

if TYPE_CHECKING:
    from core.records.model import BaseModel


def split_path(path: str) -> list[str]:
    """``parent_id/id`` → ["parent_id", "id"]; dotted paths are accepted too."""
    if path in (".id", "id"):
        return [path]
    parts = path.replace(":id", "/id").split("/")
    result: list[str] = []
    for part in parts:
        if part in (".id", "id") and result:
            result.append(part)
        else:
            result.extend(part.split(".")) if part != ".id" else result.append(part)
    return result


def check_paths(model: BaseModel, paths: list[list[str]]) -> None:
    for path in paths:
        current = model
        for position, name in enumerate(path):
            if name in (".id", "id"):
                if position != len(path) - 1:
                    raise ValidationError(f"Invalid export path {'/'.join(path)!r}: '{name}' must be last")
                break
            field = current._fields.get(name)
            if field is None:
                raise ValidationError(f"Invalid field {name!r} on model {current._name!r} "
                                      f"(export path {'/'.join(path)!r})")
            if not current._field_accessible(field):
                raise ValidationError(f"Invalid field {name!r} on model {current._name!r}")
            if position < len(path) - 1:
                if not field.relational:
                    raise ValidationError(f"Invalid export path {'/'.join(path)!r}: {name!r} is not relational")
                current = current.env[field.comodel_name]


def export_value(field: Any, value: Any) -> Any:
    if field.type in ("integer", "float", "monetary"):
        return value if value or value == 0 else ""
    if not value:
        return ""
    if field.type == "date":
        return value.strftime("%Y-%m-%d")
    if field.type == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if field.type in ("binary", "image"):
        return field.convert_to_write(value, None)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_rows(records: BaseModel, paths: list[list[str]]) -> list[list[Any]]:
    """One row per record, plus extra rows for the further lines of exported x2many sub-fields."""
    if not records:
        return []
    needs_xmlid = any(path[-1] == "id" for path in paths)
    xmlids = ensure_export_xmlids(records.env, records._name, records._table.name, records.ids) if (
        any(path == ["id"] for path in paths)) else {}
    lines: list[list[Any]] = []
    for record in records:
        current: list[Any] = [""] * len(paths)
        lines.append(current)
        done: set[str] = set()
        for index, path in enumerate(paths):
            name = path[0]
            if name == ".id":
                current[index] = str(record.id)
                continue
            if name == "id":
                current[index] = xmlids.get(record.id, "")
                continue
            field = record._fields[name]
            value = record[name]
            if not field.relational:
                current[index] = export_value(field, value)
                continue
            if len(path) == 1:
                current[index] = ",".join(value.sudo().mapped("display_name")) if value else ""
                continue
            if path[1] in ("id", ".id") and len(path) == 2:
                if path[1] == ".id":
                    current[index] = ",".join(str(i) for i in value.ids)
                else:
                    ids = ensure_export_xmlids(record.env, value._name, value._table.name, value.ids) if value else {}
                    current[index] = ",".join(ids[i] for i in value.ids)
                continue
            if name in done:
                continue
            done.add(name)
            sub_positions = [i for i, p in enumerate(paths) if p[0] == name and len(p) > 1 and
                             not (len(p) == 2 and p[1] in ("id", ".id"))]
            sub_lines = export_rows(value, [paths[i][1:] for i in sub_positions])
            if not sub_lines:
                continue
            for column, position in enumerate(sub_positions):
                current[position] = sub_lines[0][column]
            for extra in sub_lines[1:]:
                line = [""] * len(paths)
                for column, position in enumerate(sub_positions):
                    line[position] = extra[column]
                lines.append(line)
    del needs_xmlid
    return lines
