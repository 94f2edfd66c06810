"""``precompute``: stored computed fields of new records computed before their INSERT.

A field declared ``precompute: true`` is computed from the values being created (and the records
its many2one paths reach, which exist already), so its value goes into the INSERT instead of a second
UPDATE of every new row. That is only sound when nothing it reads depends on the new row being in
the table: its dependencies must be the record's own columns, other precomputed fields, unstored
computed fields that follow the same rule, or paths of many2one fields. The registry checks this
when it loads the definitions and refuses anything else, naming the file and line.

A single create computes them under a placeholder id (create_one.py), as Odoo computes them on a new
record without an id: a value that is the record itself gets the new id inside the INSERT, and nothing
else may be derived from the id.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import MetadataError
from core.fields.relational import Many2one, X2many

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart


def plan_precompute(models: dict[str, type[BaseModel]]) -> dict[str, tuple[Field, ...]]:
    """Model name → its precomputed fields, each after the precomputed fields it reads."""
    plans: dict[str, tuple[Field, ...]] = {}
    for name, model in models.items():
        fields = [f for f in model._fields.values() if f.attrs.get("precompute")]
        if not fields or model._abstract:
            continue
        for field in fields:
            _check_field(models, model, field)
        plans[name] = _ordered(model, fields)
    return plans


def _fail(field: Field, reason: str) -> MetadataError:
    file, line = field.definition.where("precompute") if field.definition else (None, None)
    return MetadataError(file, line, f"field '{field.name}' of '{field.model_name}': {reason}")


def _check_field(models: dict[str, type[BaseModel]], model: type[BaseModel], field: Field) -> None:
    if not (field.computed and field.store):
        raise _fail(field, "precompute applies to stored computed fields (compute or related, store: true)")
    if field.compute:
        for sibling in _siblings(model, field):
            if sibling.store and not sibling.attrs.get("precompute"):
                raise _fail(field, f"method {field.compute} also computes '{sibling.name}', which is not "
                                   "precomputed: declare precompute on every stored field it computes")
    for path in field.depends:
        _check_path(models, model, field, path.split("."), set())


def _siblings(model: type[BaseModel], field: Field) -> list[Field]:
    return [f for f in model._fields.values() if f.compute and f.compute == field.compute and f is not field]


def _check_path(models: dict[str, type[BaseModel]], model: type[BaseModel], field: Field, names: list[str],
                seen: set[str]) -> None:
    """The first step reads the new record itself; later steps read existing records through many2one."""
    first = model._fields[names[0]]
    if isinstance(first, X2many):
        raise _fail(field, f"depends on '{'.'.join(names)}', an x2many of the new record: lines are written "
                           "after the INSERT, so it cannot be precomputed")
    if first.computed and first.store and not first.attrs.get("precompute") and first is not field:
        raise _fail(field, f"depends on '{first.name}', a stored computed field that is not precomputed")
    if first.computed and not first.store and first.name not in seen:
        for path in first.depends:
            _check_path(models, model, field, path.split("."), seen | {first.name})
    current = first
    for name in names[1:]:
        if not isinstance(current, Many2one):
            raise _fail(field, f"depends on '{'.'.join(names)}', which goes through '{current.name}' "
                               f"({current.type}): only many2one paths can be precomputed")
        target = models[current.comodel_name]._fields[name]
        if isinstance(target, X2many):
            raise _fail(field, f"depends on '{'.'.join(names)}', an x2many that may come to include the new "
                               "record: it cannot be precomputed")
        current = target


def _ordered(model: type[BaseModel], fields: list[Field]) -> tuple[Field, ...]:
    """Fields whose own-record dependencies come first (a cycle is refused)."""
    names = {f.name for f in fields}
    needs = {f.name: {path.split(".")[0] for path in f.depends} & names - {f.name} for f in fields}
    ordered: list[Field] = []
    done: set[str] = set()
    while len(ordered) < len(fields):
        ready = [f for f in fields if f.name not in done and needs[f.name] <= done]
        if not ready:
            cycle = sorted(names - done)
            raise _fail(model._fields[cycle[0]], f"precomputed fields depend on each other in a cycle: "
                                                 f"{', '.join(cycle)}")
        for f in ready:
            ordered.append(f)
            done.add(f.name)
    return tuple(ordered)


def precompute_todo(records: ModelPart, rows: list[dict[Field, Any]]) -> list[Field]:
    """The precomputed fields some of ``rows`` lacks a value for."""
    fields = records._registry.precompute.get(records._name, ())
    return [f for f in fields if any(f not in row for row in rows)]


def precompute_new(model: ModelPart, ids: list[int], rows: list[dict[Field, Any]],
                    todo: list[Field]) -> set[Field]:
    """Compute ``todo`` for the new records ``ids`` (cached from ``rows``, not inserted yet); the
    fields whose values now wait in the cache for the INSERT. A value given in a row is kept."""
    cache, towrite = model.env.cache, model.env.towrite
    records = model.sudo().with_context(active_test=False)
    fresh = model.env.cr.state.fresh_null
    done: set[Field] = set()
    for field in todo:
        if field in done:
            continue
        group = records._fields_computed_by(field.compute) if field.compute else [field]
        missing = [i for i, row in zip(ids, rows) if any(f not in row for f in group)]
        if missing:
            records._compute_values(field, missing)
        for f in group:
            values = cache.field_values(f)
            for record_id, row in zip(ids, rows):
                if f in row:
                    values[record_id] = row[f]  # given on create: kept, whatever its method says
                towrite.discard(f, record_id)
            if f in fresh:
                fresh[f].difference_update(ids)
            done.add(f)
    return done
