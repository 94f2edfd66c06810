"""Before a custom field or model goes, its values are saved: a CSV file that ``load`` (the import of the
web client, ``erp import`` or an RPC script) takes back once the field or model is created again.

- A custom field: ``.id`` (the record's database id) and the field's value (``field/.id`` for a
  relation), one row per record holding a value, attached to the model's ``ir.model`` record.
- A custom model: every stored field of every row, with ``id`` (external ids, so rows that point at each
  other resolve on import), attached to the line of the schema log that tells it, because the model's
  own ``ir.model`` record goes with it.

Each save writes a line in the schema log (Settings > Technical > Schema Changes) naming the file.
"""
from __future__ import annotations

import base64
import csv
import io
from typing import Any

from core import _, clock

MAGIC = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"})


def save_field_values(env: Any, fields: Any, reason: str, removed_models: frozenset[str] = frozenset()
                      ) -> set[tuple[str, str | None]]:
    """Save the values of the custom fields ``fields`` (ir.model.fields rows); the (table, column) and
    (relation table, None) targets whose removal is then safe."""
    saved: set[tuple[str, str | None]] = set()
    for row in fields:
        model = _model(env, row.model)
        field = model._fields.get(row.name) if model is not None else None
        if field is None or not (field.column or field.type == "many2many" and field.store):
            continue
        if field.type == "many2many":
            saved.add((env.registry.relation_table(field).name, None))
        else:
            saved.add((model._table.name, field.column_name))
        domain = [(row.name, "=", True)] if field.type == "boolean" else [(row.name, "!=", False)]
        records = model.search(domain, order="id")
        if not records:
            continue
        header = [".id", _path(field, removed_models)]
        ir_model = env["ir.model"].sudo().search([("model", "=", row.model)], limit=1)
        name = f"{row.model}.{row.name}-{_stamp()}.csv"
        attachment = _attach(env, name, header, records.export_data(header)["datas"], "ir.model", ir_model.id)
        _log(env, "save_values", model._table.name, field.column_name, len(records), attachment,
             _("Re-create the field %(field)s (same name and type), then import %(file)s on %(model)s: "
               "the .id column puts each value back on its record.", field=row.name, file=name,
               model=row.model), reason)
    return saved


def save_model_rows(env: Any, ir_models: Any, reason: str) -> set[tuple[str, str | None]]:
    """Save every row of the custom models ``ir_models`` (ir.model rows); the tables then safe to drop."""
    removed = frozenset(ir_models.mapped("model"))
    saved: set[tuple[str, str | None]] = set()
    for ir_model in ir_models:
        model = _model(env, ir_model.model)
        if model is None:
            continue
        saved.add((model._table.name, None))
        stored = [f for f in model._fields.values() if f.name not in MAGIC and f.store
                  and (f.column or f.type == "many2many")]
        for field in stored:
            if field.type == "many2many":
                saved.add((env.registry.relation_table(field).name, None))
        records = model.search([], order="id")
        if not records:
            continue
        header = ["id"] + [_path(field, removed) for field in stored]
        name = f"{ir_model.model}-{_stamp()}.csv"
        # the ir.model record goes with the model: the file hangs on the log line instead
        line = _log(env, "save_rows", model._table.name, None, len(records), None,
                    _("Re-create the model %(model)s and its fields, then import %(file)s on it: the id "
                      "column gives each row an external id, so rows pointing at each other resolve.",
                      model=ir_model.model, file=name), reason)
        attachment = _attach(env, name, header, records.export_data(header)["datas"],
                             "ir.schema.migration", line.id)
        line.write({"name": _describe(line.operation, model._table.name, None, len(records), attachment)})
    return saved


def _model(env: Any, name: str) -> Any:
    if name not in env.registry.models or env.registry.models[name]._abstract:
        return None
    return env[name].sudo().with_context(active_test=False, tz="UTC")


def _path(field: Any, removed_models: frozenset[str]) -> str:
    """The export path of a field: its value; a relation by database id, or by external id when its
    target goes too (its rows are imported again with new ids)."""
    if not field.relational:
        return field.name
    return f"{field.name}/id" if field.comodel_name in removed_models else f"{field.name}/.id"


def _stamp() -> str:
    return clock.utcnow().strftime("%Y%m%d-%H%M%S")


def _attach(env: Any, name: str, header: list[str], rows: list[list[Any]], res_model: str,
            res_id: int) -> Any:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return env["ir.attachment"].sudo().create({
        "name": name, "res_model": res_model, "res_id": res_id, "mimetype": "text/csv",
        "datas": base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii"),
        "description": _utc_note(),
    })


def _describe(operation: str, table: str, column: str | None, count: int, attachment: Any) -> str:
    target = f"{table}.{column}" if column else table
    where = f"{attachment.name} (attachment {attachment.id})" if attachment else ""
    return f"{operation} {target}: {count} rows saved in {where}"[:250]


def _log(env: Any, operation: str, table: str, column: str | None, count: int, attachment: Any,
         how: str, reason: str) -> Any:
    return env["ir.schema.migration"].sudo().create({
        "name": _describe(operation, table, column, count, attachment), "operation": operation,
        "table_name": table, "column_name": column or False, "destructive": False,
        "details": f"{how} {_utc_note()}", "reason": reason,
    })


def _utc_note() -> str:
    return _("Dates and times in the file are in UTC.")
