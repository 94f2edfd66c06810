"""Custom models and fields created at runtime (``state = 'manual'`` rows of ir.model and
ir.model.fields, ``x_`` names): read into definitions, merged after every addon's.

Applying a change to them (``custom_change``) is ``core.addon.apply``'s work, as for addons.
"""
from __future__ import annotations

import ast
import json
import logging
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.loader.defs import FieldDef, ModelDef, Source

if TYPE_CHECKING:
    from core.registry.registry import Registry

_logger = logging.getLogger(__name__)
CUSTOM = "__custom__"
FIELD_COLUMNS = ("name", "model", "ttype", "field_description", "help", "required", "readonly", "index",
                 "translate", "related", "currency_field", "copied", "tracking", "size", "relation",
                 "on_delete", "relation_field", "relation_table", "column1", "column2", "selection", "domain",
                 "groups")


def parse_selection(text: Any) -> list[list[str]]:
    """Selection values as stored: JSON, Odoo's Python literal, or one ``value:Label`` per line."""
    if not text:
        return []
    if isinstance(text, (list, tuple)):
        return [[str(v), str(label)] for v, label in text]
    text = str(text).strip()
    for parser in (json.loads, ast.literal_eval):
        try:
            value = parser(text)
        except (ValueError, SyntaxError, TypeError):
            continue
        if isinstance(value, (list, tuple)) and all(isinstance(i, (list, tuple)) and len(i) == 2
                                                    for i in value):
            return [[str(v), str(label)] for v, label in value]
    result = []
    for line in text.splitlines():
        if line.strip():
            value, _colon, label = line.partition(":")
            result.append([value.strip(), (label or value).strip()])
    return result


def field_attrs(row: dict[str, Any]) -> dict[str, Any]:
    """Definition attributes of a custom field row (Odoo's column names → metadata keys)."""
    attrs: dict[str, Any] = {"type": row["ttype"], "string": row["field_description"] or row["name"],
                             "manual": True}
    for key in ("help", "required", "readonly", "index", "translate", "related", "currency_field", "groups"):
        if row.get(key):
            attrs[key] = row[key]
    if row.get("copied") is False or row.get("copied") == 0:
        attrs["copy"] = False
    if row.get("tracking"):
        attrs["tracking"] = True
    if row["ttype"] == "char" and row.get("size"):
        attrs["size"] = int(row["size"])
    if row["ttype"] in ("many2one", "one2many", "many2many"):
        attrs["comodel_name"] = row["relation"]
    if row["ttype"] == "many2one":
        attrs["ondelete"] = row.get("on_delete") or "set null"
    if row["ttype"] == "one2many":
        attrs["inverse_name"] = row["relation_field"]
    if row["ttype"] == "many2many":
        for key in ("relation_table", "column1", "column2"):
            if row.get(key):
                attrs["relation" if key == "relation_table" else key] = row[key]
    if row["ttype"] == "selection":
        attrs["selection"] = parse_selection(row.get("selection"))
    if row.get("related"):
        attrs.pop("required", None)
        attrs["store"] = False
    if row.get("domain") and row["domain"] not in ("[]", ""):
        try:
            attrs["domain"] = list(ast.literal_eval(row["domain"]))
        except (ValueError, SyntaxError):
            _logger.warning("custom field %s.%s: domain %r ignored", row["model"], row["name"], row["domain"])
    return attrs


def _plain_text(value: Any) -> Any:
    """A translated column's value in English (stored as JSON)."""
    if isinstance(value, str) and (value.startswith("{") or value == "null"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return value.get("en_US") or next(iter(value.values()), "")
    return value


def merge_custom_definitions(registry: Registry, definitions: dict[str, ModelDef],
                             connection: sa.Connection | None = None) -> None:
    """Add the custom models and fields stored in the database to ``definitions``."""
    if connection is None:
        with registry.engine.connect() as conn:
            _merge(conn, definitions)
    else:
        _merge(connection, definitions)


def _merge(conn: sa.Connection, definitions: dict[str, ModelDef]) -> None:
    inspector = sa.inspect(conn)
    if not inspector.has_table("ir_model_fields") or not inspector.has_table("ir_model"):
        return
    models = conn.execute(sa.text("SELECT model, name, \"order\", is_mail_thread FROM ir_model "
                                  "WHERE state = 'manual' ORDER BY id")).mappings().all()
    for model_row in models:
        if model_row["model"] in definitions:
            continue
        new_def = ModelDef(name=model_row["model"], manual=True)
        new_def.attrs["description"] = _plain_text(model_row["name"]) or model_row["model"]
        if model_row["is_mail_thread"]:
            new_def.attrs["chatter"] = True
        new_def.sources.append(Source("database", None, CUSTOM))
        definitions[model_row["model"]] = new_def
    quoted = ", ".join(f'"{c}"' for c in FIELD_COLUMNS)
    query = f"SELECT {quoted} FROM ir_model_fields WHERE state = 'manual' ORDER BY id"
    rows = conn.execute(sa.text(query)).mappings()
    for mapping in rows:
        row = dict(mapping)
        row["field_description"] = _plain_text(row.get("field_description"))
        row["help"] = _plain_text(row.get("help"))
        model_def = definitions.get(row["model"])
        if model_def is None:
            _logger.warning("custom field %s.%s skipped: model not loaded", row["model"], row["name"])
            continue
        if row["ttype"] in ("many2one", "one2many", "many2many") and row["relation"] not in definitions:
            _logger.warning("custom field %s.%s skipped: model %s not loaded", row["model"], row["name"],
                            row["relation"])
            continue
        if row["name"] in model_def.fields:
            continue
        source = Source("database", None, CUSTOM)
        model_def.fields[row["name"]] = FieldDef(row["name"], field_attrs(row), [source])
    for model_def in definitions.values():
        if model_def.manual:
            _finish_custom_model(model_def, models)


def _finish_custom_model(model_def: ModelDef, rows: Any) -> None:
    if "x_name" in model_def.fields:
        model_def.attrs.setdefault("rec_name", "x_name")
    order = next((row["order"] for row in rows if row["model"] == model_def.name), None)
    names = set(model_def.fields) | {"id", "create_date", "write_date"}
    if order and all(part.split()[0] in names for part in order.split(",") if part.strip()):
        model_def.attrs["order"] = order
