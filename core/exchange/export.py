"""export_data: rows of field paths, as Odoo's export writes them and ``load`` reads them back.

``name`` is the value, ``parent_id`` the target's display name, ``parent_id/id`` its external id,
``category_id/id`` the comma-separated external ids of a many2many, ``.id`` the database id as text,
``id`` the record's external id (a stable ``__export__.<table>_<id>_<hex>`` one is made and kept for a
record without one), ``child_ids/name`` one line per child (the first on the record's row, the others on
rows of their own). Empty values are ``''``. External ids are looked up and made per model for the
whole export, not per record.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from core.addon.xmlids import ensure_export_xmlids
from core.exceptions import ValidationError, invalid_field
from core.fields.relational import Relational
from core.i18n import _

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart


def split_path(path: str) -> list[str]:
    """``parent_id/id`` → ["parent_id", "id"]; ``parent_id:id`` and dotted paths are accepted too."""
    if path in (".id", "id"):
        return [path]
    result: list[str] = []
    for part in path.replace(":id", "/id").split("/"):
        if part in (".id", "id") and result:
            result.append(part)
        else:
            result.extend(part.split("."))
    return result


def check_paths(model: ModelPart, paths: list[list[str]]) -> None:
    """Raise ValidationError naming the first path that does not lead to a readable field."""
    for path in paths:
        current = model
        for position, name in enumerate(path):
            if name in (".id", "id"):
                if position != len(path) - 1:
                    raise ValidationError(_("Invalid export path %(path)r: '%(name)s' must come last.",
                                            path="/".join(path), name=name))
                break
            field = current._fields.get(name)
            if field is None or not current._field_accessible(field):
                raise invalid_field(name, current._name, path="/".join(path))
            if position < len(path) - 1:
                if not isinstance(field, Relational):
                    raise ValidationError(_("Invalid export path %(path)r: %(field)r is not a relational "
                                            "field.", path="/".join(path), field=name), field=name)
                current = current.env[field.comodel_name]


class _Xmlids:
    """A cell waiting for the external ids of records, filled once per model at the end."""

    __slots__ = ("ids", "model")

    def __init__(self, model: str, ids: list[int]) -> None:
        self.model, self.ids = model, ids


class Exporter:
    def __init__(self, records: BaseModel) -> None:
        self.env = records.env
        self.tz: dt.tzinfo = self.env.tzinfo

    def export(self, records: BaseModel, paths: list[list[str]]) -> list[list[Any]]:
        lines = self.rows(records, paths)
        wanted: dict[str, set[int]] = defaultdict(set)
        for line in lines:
            for cell in line:
                if isinstance(cell, _Xmlids):
                    wanted[cell.model].update(cell.ids)
        names: dict[str, dict[int, str]] = {}
        for model, ids in wanted.items():
            comodel = self.env[model]
            names[model] = ensure_export_xmlids(self.env, model, comodel._table.name, sorted(ids))
        for line in lines:
            for index, cell in enumerate(line):
                if isinstance(cell, _Xmlids):
                    line[index] = ",".join(names[cell.model][i] for i in cell.ids)
        return lines

    def rows(self, records: BaseModel, paths: list[list[str]]) -> list[list[Any]]:
        """One row per record, plus a row for each further line of the exported x2many sub-fields."""
        lines: list[list[Any]] = []
        for path in paths:
            field = records._fields.get(path[0])
            if field is not None and isinstance(field, Relational) and len(path) == 1:
                records.mapped(field.name).sudo()._display_names()  # all targets' names in one go
        for record in records:
            current: list[Any] = [""] * len(paths)
            lines.append(current)
            done: set[str] = set()
            for index, path in enumerate(paths):
                name = path[0]
                if name == ".id":
                    current[index] = str(record.id)
                elif name == "id":
                    current[index] = _Xmlids(record._name, [record.id])
                elif len(path) == 1 or path[1:] in (["id"], [".id"]):
                    current[index] = self.cell(record, record._fields[name], path[1:])
                elif name not in done:
                    done.add(name)
                    lines.extend(self.sub_rows(record, name, paths, current))
        return lines

    def cell(self, record: BaseModel, field: Field, rest: list[str]) -> Any:
        value = record[field.name]
        if isinstance(field, Relational):
            if not value:
                return ""
            if rest == ["id"]:
                return _Xmlids(value._name, list(value.ids))
            if rest == [".id"]:
                return ",".join(str(i) for i in value.ids)
            return ",".join(name for _id, name in value.sudo()._display_names())
        return self.value(record, field, value)

    def sub_rows(self, record: BaseModel, name: str, paths: list[list[str]],
                 current: list[Any]) -> list[list[Any]]:
        """Fill the row with the first target's sub-fields; answer rows for the other targets."""
        positions = [i for i, p in enumerate(paths)
                     if p[0] == name and len(p) > 1 and p[1:] not in (["id"], [".id"])]
        sub_lines = self.rows(record[name], [paths[i][1:] for i in positions])
        if not sub_lines:
            return []
        for column, position in enumerate(positions):
            current[position] = sub_lines[0][column]
        extra = []
        for sub_line in sub_lines[1:]:
            line: list[Any] = [""] * len(paths)
            for column, position in enumerate(positions):
                line[position] = sub_line[column]
            extra.append(line)
        return extra

    def value(self, record: BaseModel, field: Field, value: Any) -> Any:
        kind = field.type
        if kind == "boolean":
            return bool(value)
        if kind in ("integer", "float", "monetary"):
            return value if value or value == 0 else ""
        if value is None or value is False or value == "":
            return ""
        if kind == "selection":
            return field.labels().get(value, value)  # type: ignore[attr-defined]
        if kind == "date":
            return value.strftime("%Y-%m-%d")
        if kind == "datetime":
            # in the user's time zone, the one load reads it in
            local = value.replace(tzinfo=dt.UTC).astimezone(self.tz)
            return local.strftime("%Y-%m-%d %H:%M:%S")
        if kind in ("binary", "image"):
            return field.convert_to_write(value, record)
        if kind == "json":
            return json.dumps(value, ensure_ascii=False)
        return value


def export_rows(records: BaseModel, paths: list[list[str]]) -> list[list[Any]]:
    """The rows of ``export_data`` for ``records`` and the split field ``paths``."""
    if not records:
        return []
    return Exporter(records).export(records, paths)
