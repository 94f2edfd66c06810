"""Database constraint violations turned into errors that name the field and the reason."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.exceptions import ValidationError
from core.fields.relational import Many2one
from core.i18n import _, translate

if TYPE_CHECKING:
    from core.records.model_part import ModelPart

def missing_required(model: ModelPart, field: Any) -> str:
    """The message of a required field left empty, naming the field and the model."""
    return _("Missing required value for the field %(field)s of %(model)s", field=field.label(),
             model=model._model_label())


def _missing(model: ModelPart, field: Any, column: str | None) -> str:
    if field is None:
        return _("Missing required value for the field %(field)s of %(model)s", field=column,
                 model=model._model_label())
    return missing_required(model, field)


_SQLITE_COLUMN = re.compile(r"constraint failed: ([\w.]+(?:, [\w.]+)*)")


def translate_integrity_error(
    model: ModelPart, error: IntegrityError, rows: list[dict[str, Any]]
) -> ValidationError:
    orig = error.orig
    diag = getattr(orig, "diag", None)
    registry = model._registry
    if diag is not None and getattr(diag, "sqlstate", None):
        name = diag.constraint_name or ""
        if name in registry.constraint_messages:
            return ValidationError(translate(registry.constraint_messages[name]))
        state = diag.sqlstate
        column = diag.column_name or _column_from_constraint(model, name)
        field = _field_of(model, column, diag.table_name)
        if state == "23503":
            return ValidationError(_("The value of %(field)s refers to a record that does not exist "
                                     "(%(detail)s).", field=field.label() if field else column or name,
                                     detail=diag.message_detail or ""), field=field.name if field else None)
        if state == "23505":
            return ValidationError(
                _(
                    "The value of %(field)s must be unique: %(detail)s",
                    field=field.label() if field else name,
                    detail=diag.message_detail or "",
                ),
                field=field.name if field else None,
            )
        if state == "23502":
            return ValidationError(
                _missing(model, field, column),
                field=field.name if field else None,
            )
        return ValidationError(_("The operation breaks the rule %(name)s of %(model)s.", name=name,
                                 model=model._name))
    message = str(orig)
    if message.startswith("CHECK constraint failed"):
        name = message.split(":", 1)[-1].strip()
        return ValidationError(
            translate(registry.constraint_messages[name])
            if name in registry.constraint_messages
            else _("The operation breaks the rule %(name)s of %(model)s.", name=name, model=model._name)
        )
    if message.startswith("FOREIGN KEY"):
        return _diagnose_foreign_keys(model, rows)
    match = _SQLITE_COLUMN.search(message)
    columns = match.group(1).split(", ") if match else []
    table, _dot, column = columns[0].rpartition(".") if columns else ("", "", "")
    if message.startswith("UNIQUE"):
        for name, (cons_table, cons_columns) in registry.unique_constraints.items():
            same = cons_table == table and [c.rpartition(".")[2] for c in columns] == cons_columns
            if same and name in registry.constraint_messages:
                return ValidationError(translate(registry.constraint_messages[name]))
        field = _field_of(model, column, table)
        return ValidationError(
            _("The value of %(field)s must be unique.", field=field.label() if field else column),
            field=field.name if field else None,
        )
    if message.startswith("NOT NULL"):
        field = _field_of(model, column, table)
        return ValidationError(
            _missing(model, field, column),
            field=field.name if field else None,
        )
    return ValidationError(_("The operation breaks a rule of %(model)s: %(message)s", model=model._name,
                             message=message))


def _column_from_constraint(model: ModelPart, name: str) -> str | None:
    table = model._table.name
    for prefix in ("fk_", "uq_", "nn_"):
        if name.startswith(f"{prefix}{table}_"):
            rest = name[len(prefix) + len(table) + 1:]
            for field in model._fields.values():
                if rest.startswith(field.column_name):
                    return field.column_name
    return None


def _field_of(model: ModelPart, column: str | None, table: str | None) -> Any:
    if not column:
        return None
    target = model
    if table and table != model._table.name:
        target = next((model.env[m] for m, cls in model._registry.models.items()
                       if not cls._abstract and cls._table.name == table), model)
    return next((f for f in target._fields.values() if f.column and f.column_name == column), None)


def _diagnose_foreign_keys(model: ModelPart, rows: list[dict[str, Any]]) -> ValidationError:
    """SQLite does not say which key failed: look for the value that has no target."""
    for field in model._fields.values():
        if not isinstance(field, Many2one) or not field.column:
            continue
        values: set[Any] = {row.get(field.column_name) for row in rows} - {None}
        if not values:
            continue
        cotable = model.env[field.comodel_name]._table
        found = {r[0] for r in model.env.cr.execute(sa.select(cotable.c.id).where(cotable.c.id.in_(values)))}
        missing = sorted(values - found)
        if missing:
            return ValidationError(
                _(
                    "The value of %(field)s refers to a record that does not exist "
                    "(%(model)s with id %(ids)s).",
                    field=field.label(),
                    model=field.comodel_name,
                    ids=", ".join(str(m) for m in missing),
                ),
                field=field.name,
            )
    return ValidationError(
        _(
            "The operation refers to a record that does not exist, or is still referred to by "
            "another record (%(model)s).",
            model=model._name,
        )
    )
