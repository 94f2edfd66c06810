"""What a form shows: the fields its arch names, the record's values for them (or defaults), and
each field's widget data (value, choices, display, modifiers, error)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.fields.base import Field
from core.i18n import translate
from core.records.environment import Environment
from core.records.model import BaseModel
from core.safe_eval import expression_names
from web.client.conditions import modifiers
from web.client.formatting import currency_code, display
from web.dates import format_input, input_pattern, placeholder
from web.i18n import locale, to_user_tz
from web.number_input import format_input as format_number_input
from web.widgets import default_widget

SECTIONS = ("header", "ribbons", "smart_buttons", "title", "sheet")


def walk(nodes: list[Any]) -> list[dict[str, Any]]:
    """Every node of ``nodes`` and their children, depth first (sub-list columns excluded)."""
    result = []
    for node in nodes or ():
        result.append(node)
        result.extend(walk(node.get("children") or []))
    return result


def field_nodes(arch: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = [n for section in SECTIONS for n in walk(arch.get(section) or []) if "field" in n]
    status = arch.get("statusbar")
    if status and all(n["field"] != status["field"] for n in nodes):
        nodes.append({"field": status["field"], "widget": "statusbar", "invisible": True})
    return nodes


def needed_fields(model: BaseModel, arch: dict[str, Any]) -> list[str]:
    """Fields to read: those shown, those conditions use, and the currencies of monetary fields."""
    names: list[str] = []
    for node in [*field_nodes(arch), *(n for s in SECTIONS for n in walk(arch.get(s) or []))]:
        if "field" in node:
            names.append(node["field"])
        for key in ("invisible", "readonly", "required"):
            if isinstance(node.get(key), str):
                names.extend(n for n in expression_names(node[key]) if n in model._fields)
    inactive = (arch.get("statusbar") or {}).get("inactive")
    if isinstance(inactive, str):
        names.extend(n for n in expression_names(inactive) if n in model._fields)
    for name in list(names):
        currency = getattr(model._fields[name], "currency_field", None)
        if currency and currency in model._fields:
            names.append(currency)
    return [n for n in dict.fromkeys(names) if model._field_accessible(model._fields[n])]


def line_fields(comodel: BaseModel, columns: list[dict[str, Any]]) -> list[str]:
    """Fields to read of the lines of a sub-list: its columns and those their conditions use."""
    names = [c["field"] for c in columns]
    for column in columns:
        for key in ("invisible", "readonly", "required"):
            if isinstance(column.get(key), str):
                names.extend(n for n in expression_names(column[key]) if n in comodel._fields)
    return [n for n in dict.fromkeys(names) if comodel._field_accessible(comodel._fields[n])]


def read_values(record: BaseModel, names: list[str]) -> dict[str, Any]:
    """The record's values in read() format (binary fields as their size)."""
    return record.with_context(bin_size=True).read(names)[0]


def default_values(model: BaseModel, names: list[str]) -> dict[str, Any]:
    """Values of a new record in read() format: defaults, and computed fields computed from them."""
    raw = model.default_get(names)
    record = model.new(raw)
    values: dict[str, Any] = {}
    for name in names:
        field = model._fields[name]
        if field.type in ("one2many", "many2many"):
            values[name] = [
                i
                for cmd in raw.get(name) or ()
                if isinstance(cmd, (list, tuple)) and cmd[0] == 6
                for i in cmd[2]
            ]
        elif name in raw or field.computed:
            values[name] = model._onchange_snapshot(record, name)
        else:
            values[name] = field.falsy_value
    return values


def input_value(field: Field, value: Any) -> Any:
    """The value an HTML input holds for ``value`` (read format)."""
    if value is None or value is False:
        return "" if field.type not in ("boolean",) else False
    if field.type in ("date", "datetime") and isinstance(value, str):
        try:  # ISO (read format) is shown in the user's format; anything else is a typo shown back
            read = dt.datetime.fromisoformat if field.type == "datetime" else dt.date.fromisoformat
            value = read(value if field.type == "datetime" else value[:10])
        except ValueError:
            return value
    if field.type == "date":
        return format_input(value.date() if isinstance(value, dt.datetime) else value)
    if field.type == "monetary" or (field.type == "float" and getattr(field, "digits", None)):
        places = field.digits[1] if getattr(field, "digits", None) else 2
        return format_number_input(value, places) if isinstance(value, (int, float)) else value
    if field.type in ("float", "integer") and isinstance(value, (int, float)):
        return format_number_input(value)
    if field.type == "datetime":
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        return format_input(to_user_tz(moment).replace(tzinfo=None))
    return value


def widget(
    env: Environment,
    model: BaseModel,
    node: dict[str, Any],
    values: dict[str, Any],
    scope: dict[str, Any],
    errors: dict[str, str],
    prefix: str = "",
) -> dict[str, Any]:
    """Everything a widget macro needs for one field node."""
    field = model._fields[node["field"]]
    value = values.get(field.name, field.falsy_value)
    info: dict[str, Any] = {
        "name": prefix + field.name,
        "id": prefix + field.name,  # of the input; a dialog prefixes it, its name stays the field's
        "field": field.name,
        "type": field.type,
        "model_name": model._name,
        "widget": node.get("widget") or default_widget(field),
        "label": translate(node.get("string") or field.string),
        "help": translate(field.help or ""),
        "placeholder": translate(node.get("placeholder") or ""),
        "value": value,
        "input": input_value(field, value),
        "display": display(field, value, values),
        "error": errors.get(field.name),
        "nolabel": bool(node.get("nolabel")),
        **modifiers(node, field, scope),
    }
    if field.type == "selection":
        info["options"] = [(key, translate(label)) for key, label in field.options(model)]
    if field.type == "many2one":
        info["comodel"] = field.comodel_name
        info["record_id"] = value[0] if isinstance(value, (tuple, list)) else (value or "")
        info["record_name"] = value[1] if isinstance(value, (tuple, list)) else ""
    if field.type in ("date", "datetime"):
        with_time = field.type == "datetime"
        info["placeholder"] = info["placeholder"] or placeholder(locale(), with_time)
        info["date_pattern"] = input_pattern(locale(), with_time)
    if field.type == "monetary":
        info["currency"] = currency_code(values, field) or ""
    if field.type in ("one2many", "many2many"):
        info["comodel"] = field.comodel_name
    return info
