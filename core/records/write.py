"""Writing: create (batched), write, unlink and copy, with validation before any SQL."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core import clock
from core.db.sql import in_ids
from core.exceptions import ValidationError, invalid_field
from core.fields.base import Field
from core.fields.relational import Many2many, One2many, X2many
from core.fields.scalar import Textual
from core.i18n import _
from core.model_hooks import record_event
from core.records.compute import (
    invalidate_dependents,
    mark_to_compute,
    modified,
    modified_targets,
    recompute_unless_held,
)
from core.records.formats import RecordFormats
from core.records.integrity import missing_required, translate_integrity_error
from core.records.model_part import ModelPart
from core.records.recordset import NewId, split_every
from core.records.x2many import write_others_batch

if TYPE_CHECKING:
    from core.records.model import BaseModel

MAGIC_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"})
IGNORED_ON_WRITE = frozenset({"id", "display_name", "__last_update"})


class WriteMixin(ModelPart):
    """Part of BaseModel: create, write, unlink, copy."""

    # -- value preparation -----------------------------------------------------------------
    def _convert_vals(
        self, vals: dict[str, Any], creating: bool
    ) -> tuple[dict[Field, Any], dict[Field, Any]]:
        """Split ``vals`` into column values (cache form) and the rest (x2many, related, inverse)."""
        if not isinstance(vals, dict):
            raise ValidationError(_("Invalid values for %(model)s: expected a dictionary, got %(kind)s",
                                    model=self._name, kind=type(vals).__name__))
        columns: dict[Field, Any] = {}
        others: dict[Field, Any] = {}
        fields = self._fields
        formats = None  # the context of format checks, made when a checked field has a value
        for name, value in vals.items():
            field = fields.get(name)
            if field is None:
                if name in IGNORED_ON_WRITE:
                    continue
                raise invalid_field(name, self._name)
            if name in MAGIC_FIELDS and not self.env.su:
                continue
            if field.groups and not self._field_accessible(field):
                from core.exceptions import AccessError

                raise AccessError(_("You are not allowed to modify the field %(field)s of %(model)s.",
                                    field=field.label(), model=self._name))
            if field.computed and not field.store and not field.inverse and not field.related:
                if name == "display_name":
                    continue
                raise ValidationError(_("Field %(field)s of %(model)s is computed and cannot be written.",
                                        field=field.label(), model=self._name), field=name)
            cache_value = field.convert_to_cache(value, self)
            if isinstance(field, Textual) and field.format_check and cache_value:
                formats = formats or RecordFormats(self, vals)
                cache_value = field.check_format(cache_value, formats)
            if field.required and field.column and (cache_value is None or cache_value == "") and not (
                    field.computed and creating):
                raise ValidationError(
                    missing_required(self, field), field=name
                )
            if field.column and not field.related and not field.inverse:
                columns[field] = cache_value
            else:
                # related fields write through to their target; stored ones follow by recompute
                others[field] = value
        return columns, others

    # -- write -----------------------------------------------------------------------------
    def write(self, vals: dict[str, Any]) -> bool:
        """Write ``vals`` on every record of the set; True."""
        if not self:
            return True
        if any(isinstance(i, NewId) for i in self._ids):
            return self._write_new(vals)
        self._check_access("write")
        columns, others = self._convert_vals(vals, creating=False)
        self._check_existing_for("write")
        self._check_concurrency()
        names = {f.name for f in columns} | {f.name for f in others}
        with self._undone_if_refused("write"):
            before = modified_targets(self, names, only_paths=True)
            if columns:
                self._update_columns(columns)
            if others:
                write_others_batch(self, self, [others] * len(self), creating=False)
            modified(self, names, before)
            recompute_unless_held(self)
            if columns:
                self._check_rules_after("write")
            self._validate_constraints(names)
        record_event(self, "write", vals)
        return True

    def _update_columns(self, columns: dict[Field, Any]) -> None:
        fields = self._fields
        if "write_date" in fields:
            columns.setdefault(fields["write_date"], clock.utcnow())
            columns.setdefault(fields["write_uid"], self.env.uid if self._registry.has_users else None)
        table = self._table
        cache = self.env.cache
        translated = {f: v for f, v in columns.items()
                      if isinstance(f, Textual) and f.translate and v is not None}
        plain = {f: v for f, v in columns.items() if f not in translated}
        ids = list(self._ids)
        try:
            if plain:
                values = {
                    f.column_name: None if v is None else f.convert_to_column(v) for f, v in plain.items()
                }
                for chunk in split_every(ids, 10000):
                    condition = in_ids(table.c.id, chunk, self.env.cr.dialect)
                    self.env.cr.execute(sa.update(table).where(condition).values(values))
            for text_field, value in translated.items():
                current = {r._ids[0]: cache.get(text_field, r._ids[0]) for r in self} if all(
                    cache.contains(text_field, i) for i in ids) else self._raw_values(text_field)
                rows = [{"_id": i, "v": text_field.merge_translation(current.get(i), value)} for i in ids]
                statement = (sa.update(table).where(table.c.id == sa.bindparam("_id"))
                             .values({text_field.column_name: sa.bindparam("v")}))
                self.env.cr.execute(statement, rows)
                for row in rows:
                    cache.set(text_field, row["_id"], row["v"])
        except IntegrityError as error:
            raise translate_integrity_error(
                self, error, [{f.column_name: v for f, v in plain.items()}]
            ) from None
        for field, value in plain.items():
            values = cache.field_values(field)
            for record_id in ids:
                values[record_id] = value

    def _raw_values(self, field: Field) -> dict[int, Any]:
        table = self._table
        rows = self.env.cr.execute(
            sa.select(table.c.id, table.c[field.column_name]).where(table.c.id.in_(self.ids))
        )
        return {row[0]: row[1] for row in rows}

    def _check_existing_for(self, operation: str) -> None:
        """Raise MissingError for deleted records and AccessError for records a rule hides."""
        table = self._table
        ids = list(dict.fromkeys(self._ids))
        rule = self._rule_condition(operation, table)
        statement = sa.select(table.c.id)
        found: set[int] = set()
        for chunk in split_every(ids, 10000):
            query = statement.where(in_ids(table.c.id, chunk, self.env.cr.dialect))
            if rule is not None:
                query = query.where(rule)
            found.update(row[0] for row in self.env.cr.execute(query))
        if len(found) != len(ids):
            self._raise_access_or_missing([i for i in ids if i not in found], operation)

    def _check_concurrency(self) -> None:
        """Refuse a write based on a stale read (``__last_update`` in the context)."""
        stamps = self.env.context.get("__last_update")
        if not stamps or "write_date" not in self._fields:
            return
        from core.records.concurrency import check_last_update

        check_last_update(self, stamps)

    def _write_new(self, vals: dict[str, Any]) -> bool:
        cache = self.env.cache
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise invalid_field(name, self._name)
            for record in self:
                if isinstance(field, X2many):
                    cache.set(field, record._ids[0], _apply_commands_in_memory(record, field, value))
                else:
                    cache.set(field, record._ids[0], field.convert_to_cache(value, record))
        invalidate_dependents(self, list(vals))
        return True

    # -- unlink ----------------------------------------------------------------------------
    def unlink(self) -> bool:
        """Delete the records (their cascades in the database follow); True."""
        if not self:
            return True
        self._check_access("unlink")
        self._check_existing_for("unlink")
        self._check_restrict_references()
        record_event(self, "unlink")
        targets = modified_targets(self, [f.name for f in self._fields.values() if f.store], only_paths=True,
                                         unlinking=True)
        self._before_unlink()
        # pending computations may name these records (or records the deletion cascades to)
        reach = set(self._registry.deletion_reach(self._name))
        reach.update(model for model, _model_field, _id_field in self._registry.reference_cleanups)
        self.env.cr.state.unlinked.update(reach)
        table = self._table
        ids = list(self._ids)
        try:
            for chunk in split_every(ids, 10000):
                self.env.cr.execute(sa.delete(table).where(in_ids(table.c.id, chunk, self.env.cr.dialect)))
        except IntegrityError as error:
            raise translate_integrity_error(self, error, []) from None
        self.env.cache.invalidate(list(self._fields.values()), ids)
        self.env.cache.invalidate(self._registry.x2many_to(self._name))
        self.env.cr.state.prefetch.clear()
        for field, field_ids in targets.items():
            if field.model_name == self._name:
                field_ids.difference_update(ids)
        mark_to_compute(self, targets)
        invalidate_dependents(self, [])
        recompute_unless_held(self)
        return True

    def _before_unlink(self) -> None:
        """Clean what refers to these records without a foreign key (external ids, attachments)."""
        registry = self._registry
        for model_name, model_field, id_field in registry.reference_cleanups:
            model = self.env[model_name].sudo()
            table = model._table
            self.env.cr.execute(sa.delete(table).where(table.c[model_field] == self._name)
                                .where(table.c[id_field].in_(self.ids)))

    def _check_restrict_references(self) -> None:
        for field in self._registry.restrict_references.get(self._name, ()):
            model = self.env[field.model_name]
            table = model._table
            column = table.c[field.column_name]
            statement = sa.select(column).where(column.in_(self.ids)).limit(1)
            if field.model_name == self._name:
                statement = statement.where(table.c.id.not_in(self.ids))
            row = self.env.cr.execute(statement).first()
            if row is not None:
                raise ValidationError(_(
                    "The operation cannot be completed: another model requires the record being deleted. "
                    "Model: %(model)s (%(model_name)s), field: %(field)s.",
                    model=model._description or model._name, model_name=model._name, field=field.label()))

    # -- copy ------------------------------------------------------------------------------
    def copy_data(self, default: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Values to create a copy of each record (fields declared ``copy: false`` left out)."""
        default = dict(default or {})
        result = []
        for record in self:
            vals: dict[str, Any] = {}
            for name, field in self._fields.items():
                if name in MAGIC_FIELDS or name in default or not field.copy:
                    continue
                if field.computed and not field.store:
                    continue
                value = record[name]
                if isinstance(field, One2many):
                    vals[name] = [(0, 0, line) for line in value.copy_data()] if value else []
                elif isinstance(field, Many2many):
                    vals[name] = [(6, 0, value.ids)]
                else:
                    vals[name] = field.convert_to_write(value, record)
            vals.update(default)
            result.append(vals)
        return result

    def copy(self, default: dict[str, Any] | None = None) -> BaseModel:
        """A new record with the values of this one (and ``default`` over them)."""
        self.ensure_one()
        return self.create(self.copy_data(default))


def _apply_commands_in_memory(record: BaseModel, field: X2many, value: Any) -> tuple[Any, ...]:
    from core.fields.commands import normalize_commands

    current = list(record.env.cache.get(field, record._ids[0]) or ())
    comodel = record.env[field.comodel_name]
    for command in normalize_commands(field, value):
        code = command[0]
        if code == 0:
            current.append(comodel.new(command[2])._ids[0])
        elif code == 1:
            comodel.browse(command[1]).write(command[2]) if isinstance(command[1], NewId) else None
            if command[1] not in current:
                current.append(command[1])
        elif code in (2, 3):
            current = [i for i in current if i != command[1]]
        elif code == 4:
            if command[1] not in current:
                current.append(command[1])
        elif code == 5:
            current = []
        elif code == 6:
            current = list(command[2])
    return tuple(current)
