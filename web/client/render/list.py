"""The list view: columns, sorting, pagination, totals, groups, row decorations, inline editing."""

from __future__ import annotations

import json
from typing import Any

from core.i18n import translate
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.conditions import evaluate, record_scope
from web.client.formatting import company_currency_row, display, is_numeric, x2many_names
from web.client.render.activities import BADGE_FIELDS, badge
from web.client.render.form_data import widget

DECORATIONS = ("muted", "success", "warning", "danger", "info", "bold")


def list_columns(model: BaseModel, arch: dict[str, Any]) -> list[dict[str, Any]]:
    columns = []
    for node in arch.get("columns") or ():
        field = model._fields[node["field"]]
        if (
            node.get("invisible") is True
            or node.get("optional") == "hide"
            or not model._field_accessible(field)
        ):
            continue
        sums = node.get("sum", field.type == "monetary")  # other numbers add up only where a view says so
        columns.append(
            {
                "name": field.name,
                "node": node,
                "field": field,
                "label": translate(node.get("string") or field.string),
                "numeric": is_numeric(field),
                "sortable": field.sortable,
                "sum": bool(sums) and is_numeric(field) and field.column,
                "type": field.type,
            }
        )
    return columns


def read_fields(model: BaseModel, arch: dict[str, Any], columns: list[dict[str, Any]]) -> list[str]:
    """Columns, currencies of monetary columns, and fields the decorations use."""
    names = [c["name"] for c in columns if c["node"].get("widget") != "activity"]
    for column in columns:
        if column["node"].get("widget") == "activity":
            names.extend(n for n in BADGE_FIELDS if n in model._fields)
        currency = getattr(column["field"], "currency_field", None)
        if currency in model._fields:
            names.append(currency)
    for expression in (arch.get("decorations") or {}).values():
        names.extend(n for n in model._fields if n in str(expression))
    return list(dict.fromkeys(names))


def safe_order(model: BaseModel, order: str | None, default: str | None) -> str | None:
    """``order`` if it names sortable columns (a click on a header), else the default."""
    if order:
        parts = order.split()
        if (
            parts
            and parts[0] in model._fields
            and model._fields[parts[0]].sortable
            and (len(parts) == 1 or (len(parts) == 2 and parts[1].lower() in ("asc", "desc")))
        ):
            return order
    return default


def rows_data(
    env: Environment,
    model: BaseModel,
    arch: dict[str, Any],
    columns: list[dict[str, Any]],
    records: BaseModel,
) -> list[dict[str, Any]]:
    """Each record as a row of displayed cells (one read, one name query per x2many column)."""
    rows = records.read(read_fields(model, arch, columns)) if records else []
    names = {
        c["name"]: x2many_names(env, c["field"], rows)
        for c in columns
        if c["type"] in ("many2many", "one2many") and c["node"].get("widget") != "activity"
    }
    decorations = arch.get("decorations") or {}
    result = []
    for row in rows:
        scope = record_scope(env, row) if decorations else {}
        classes = [
            f"row-{name}"
            for name, expression in decorations.items()
            if name in DECORATIONS and evaluate(expression, scope)
        ]
        cells = [
            _activity_cell(row)
            if c["node"].get("widget") == "activity"
            else {
                "text": display(c["field"], row.get(c["name"]), row, names.get(c["name"])),
                "raw": row.get(c["name"]),
                "numeric": c["numeric"],
                "type": c["type"],
                "tags": [names[c["name"]].get(i, "") for i in row.get(c["name"]) or ()]
                if c["name"] in names
                else None,
            }
            for c in columns
        ]
        result.append({"id": row["id"], "cells": cells, "classes": " ".join(classes)})
    return result


def _activity_cell(row: dict[str, Any]) -> dict[str, Any]:
    found = badge(row)
    return {"text": found["title"] if found else "", "badge": found, "numeric": False, "type": "activity"}


def edit_row(
    env: Environment,
    model: BaseModel,
    arch: dict[str, Any],
    columns: list[dict[str, Any]],
    record_id: int | None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A row of inputs for inline editing (widgets of the column fields)."""
    names = read_fields(model, arch, columns)
    from web.client.render.form_data import default_values, read_values

    row = read_values(model.browse(record_id), names) if record_id else default_values(model, names)
    row.update(values or {})
    scope = record_scope(env, row)
    cells = [widget(env, model, c["node"], row, scope, errors or {}) for c in columns]
    return {"id": record_id, "cells": cells, "editing": True}


def totals(model: BaseModel, domain: list[Any], columns: list[dict[str, Any]]) -> list[str] | None:
    """Sums of the summed columns over every matching record (one aggregate query), as text."""
    summed = [c for c in columns if c["sum"]]
    if not summed:
        return None
    groups = model.read_group(domain, [f"{c['name']}:sum" for c in summed], [])
    sums = groups[0] if groups else {}
    return [
        display(c["field"], sums.get(c["name"]) or 0, company_currency_row(model.env, c["field"]))
        if c["sum"]
        else ""
        for c in columns
    ]


def group_rows(
    model: BaseModel, domain: list[Any], columns: list[dict[str, Any]], spec: str
) -> list[dict[str, Any]]:
    """The first level of a grouped list: label, count, sums and the domain to open each group."""
    summed = [c for c in columns if c["sum"]]
    name = spec.split(":")[0]
    field = model._fields[name]
    groups = model.read_group(domain, [f"{c['name']}:sum" for c in summed], [spec], lazy=True)
    result = []
    for group in groups:
        value = group.get(spec)
        if field.type == "many2one" and value:
            label = value[1]
        elif value in (False, None):
            label = ""
        else:
            label = display(field, value) if field.type not in ("date", "datetime") else str(value)
        count = group.get(f"{name}_count", group.get("__count", 0))
        sums = [
            display(c["field"], group.get(c["name"]) or 0, company_currency_row(model.env, c["field"]))
            if c["sum"]
            else ""
            for c in columns
        ]
        result.append(
            {
                "label": label,
                "count": count,
                "sums": sums,
                "domain": json.dumps(group["__domain"], default=str),
            }
        )
    return result
