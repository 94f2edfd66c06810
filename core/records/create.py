"""Creating records: values checked first, one multi-row INSERT per batch, then what follows from
it (x2many lines, stored computed fields, constraints) for the whole batch at once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core import clock
from core.db.bulk import insert_rows, reserve_ids
from core.exceptions import ValidationError
from core.fields.base import Field
from core.fields.scalar import Textual
from core.i18n import _
from core.model_hooks import record_event
from core.records.compute import modified, recompute_unless_held
from core.records.create_one import create_one
from core.records.defaults import add_missing_defaults
from core.records.integrity import missing_required, translate_integrity_error
from core.records.model_part import ModelPart
from core.records.precompute import precompute_new, precompute_todo
from core.records.recordset import split_every
from core.records.x2many import write_others_batch

if TYPE_CHECKING:
    from core.records.model import BaseModel

INSERT_BATCH = 1000


@dataclass(frozen=True)
class CreatePlan:
    """What create needs to know about a model's fields, decided once per model class."""

    plain: tuple[tuple[str, Field], ...]  # columns whose cache value is the database value
    converted: tuple[tuple[str, Field], ...]  # columns with a conversion to apply
    translated: tuple[Textual, ...]
    required: tuple[Field, ...]
    stamps: tuple[Field, ...]  # create_date, write_date, create_uid, write_uid (when the model has them)


def create_plan(model: ModelPart) -> CreatePlan:
    cls = type(model)
    plan = cls.__dict__.get("_create_plan_cache")
    if plan is None:
        columns = [f for f in model._column_fields() if f.name != "id"]
        plain = tuple(
            (f.column_name, f) for f in columns if type(f).convert_to_column is Field.convert_to_column
        )
        converted = tuple(
            (f.column_name, f) for f in columns if type(f).convert_to_column is not Field.convert_to_column
        )
        stamps = tuple(model._fields[n] for n in ("create_date", "write_date", "create_uid", "write_uid")
                       if n in model._fields)
        translated = tuple(f for f in columns if isinstance(f, Textual) and f.translate)
        plan = CreatePlan(plain, converted, translated,
                          tuple(f for f in columns if f.required and not f.computed), stamps)
        cls._create_plan_cache = plan
    return plan


class CreateMixin(ModelPart):
    """Part of BaseModel: create."""

    def create(self, vals_list: Any) -> BaseModel:
        """Create records from one dict or a list of dicts; one INSERT per batch."""
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        elif not isinstance(vals_list, (list, tuple)):
            raise ValidationError(_("Invalid values for %(model)s: expected a dictionary or a list of "
                                    "dictionaries", model=self._name))
        if not vals_list:
            return self.browse()
        self._check_access("create")
        if self._abstract:
            raise ValidationError(_("Model %(model)s is abstract: it has no records.", model=self._name))
        prepared = self._prepare_batch(vals_list)
        if self._rules_allow_values("create", prepared):
            records = self._create_prepared(prepared, rules_checked=True)
        else:
            with self._undone_if_refused("create"):
                records = self._create_prepared(prepared)
        record_event(records, "create", vals_list)
        return records

    def _create_prepared(self, prepared: list[tuple[dict[Field, Any], dict[Field, Any]]],
                         rules_checked: bool = False) -> BaseModel:
        column_values = [columns for columns, _others in prepared]
        others_list = [others for _columns, others in prepared]
        todo = precompute_todo(self, column_values)
        if len(column_values) == 1:
            # one statement: its id chosen by the INSERT itself, and on PostgreSQL its links with it
            record_id, precomputed, others = create_one(self, create_plan(self), column_values[0],
                                                        others_list[0], todo)
            ids, others_list = [record_id], [others]
        else:
            ids = reserve_ids(self.env.cr, self._table, len(column_values))
            self._cache_created(ids, column_values, others_list)
            try:
                precomputed = precompute_new(self, ids, column_values, todo) if todo else set()
                self._insert_reserved(ids, column_values, precomputed)
            except BaseException:
                self._forget_unsaved(ids)
                raise
        records = self.browse(ids)
        write_others_batch(self, records, others_list, creating=True)
        self._compute_new(records, column_values, precomputed)
        modified(records, [f.name for f in self._fields.values() if f.store], create=True)
        recompute_unless_held(records)
        if not rules_checked:
            records._check_rules_after("create")
        given = {f.name for columns, others in prepared for f in (*columns, *others)}
        records._validate_constraints(given | {f.name for f in self._stored_computed()})
        return records

    def _prepare_batch(self, vals_list: Any) -> list[tuple[dict[Field, Any], dict[Field, Any]]]:
        """Every record's values checked and converted before anything is written."""
        shared: dict[str, Any] = {}  # defaults that are the same for the whole batch
        stamps = self._stamp_values()
        prepared = []
        for index, vals in enumerate(vals_list):
            try:
                prepared.append(self._prepare_create(vals, shared, stamps))
            except ValidationError as error:
                if len(vals_list) > 1:
                    error.message = f"{error.message} (record {index + 1} of {len(vals_list)})"
                    error.args = (error.message,)
                raise
        return prepared

    def _stamp_values(self) -> dict[Field, Any]:
        plan = create_plan(self)
        if not plan.stamps:
            return {}
        now = clock.utcnow()
        uid = self.env.uid if self._registry.has_users else None
        values = {"create_date": now, "write_date": now, "create_uid": uid, "write_uid": uid}
        return {field: values[field.name] for field in plan.stamps}

    def _prepare_create(self, vals: dict[str, Any], shared: dict[str, Any] | None = None,
                        stamps: dict[Field, Any] | None = None) -> tuple[dict[Field, Any], dict[Field, Any]]:
        vals = add_missing_defaults(self, vals, shared)
        columns, others = self._convert_vals(vals, creating=True)
        for field, value in (self._stamp_values() if stamps is None else stamps).items():
            columns.setdefault(field, value)
        plan = create_plan(self)
        for field in plan.translated:
            if columns.get(field) is not None:
                columns[field] = field.merge_translation(None, columns[field])
        for field in plan.required:
            if columns.get(field) in (None, "") and field not in others:
                raise ValidationError(
                    missing_required(self, field), field=field.name
                )
        return columns, others

    def _insert(self, rows: list[dict[Field, Any]]) -> list[int]:
        """INSERT ``rows`` (cache values by field) with RETURNING; the new ids in the order of ``rows``."""
        plan = create_plan(self)
        table = self._table
        ids: list[int] = []
        params: list[dict[str, Any]] = []
        # SQLAlchemy can only promise RETURNING in parameter order on SQLite by inserting row by row;
        # SQLite numbers the rows of one INSERT in order (we hold the write lock), so sorting is enough
        sqlite = self.env.cr.dialect == "sqlite"
        statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=not sqlite)
        try:
            for chunk in split_every(rows, INSERT_BATCH):
                params = self._insert_params(plan, chunk)
                chunk_ids = [row[0] for row in self.env.cr.execute(statement, params)]
                ids.extend(sorted(chunk_ids) if sqlite else chunk_ids)
        except IntegrityError as error:
            raise translate_integrity_error(self, error, params) from None
        return ids

    def _insert_reserved(self, ids: list[int], rows: list[dict[Field, Any]],
                         precomputed: set[Field]) -> None:
        """INSERT ``rows`` under their reserved ``ids``, with the values computed for them beforehand."""
        plan = create_plan(self)
        if precomputed:
            cache = self.env.cache
            rows = [{**{f: cache.get(f, i) for f in precomputed}, **row} for i, row in zip(ids, rows)]
        params = self._insert_params(plan, rows)
        columns = ["id", *params[0]]
        values = [(record_id, *row.values()) for record_id, row in zip(ids, params)]
        try:
            insert_rows(self.env.cr, self._table, columns, values)
        except IntegrityError as error:
            raise translate_integrity_error(self, error, params) from None

    def _forget_unsaved(self, ids: list[int]) -> None:
        """Drop what was cached for records whose INSERT did not happen."""
        self.env.cache.invalidate(None, ids)
        towrite = self.env.towrite
        for field in self._column_fields():
            for record_id in ids:
                towrite.discard(field, record_id)
        for pending in self.env.cr.state.fresh_null.values():
            pending.difference_update(ids)

    @staticmethod
    def _insert_params(plan: CreatePlan, rows: list[dict[Field, Any]]) -> list[dict[str, Any]]:
        """Parameters of one INSERT: only the columns some row gives a value (the others are NULL
        anyway), which keeps the statement short for the database driver to parse."""
        used: dict[Field, None] = {}
        for columns in rows:
            for field, value in columns.items():
                if value is not None:
                    used[field] = None
        plain = [(name, field) for name, field in plan.plain if field in used]
        converted = [(name, field) for name, field in plan.converted if field in used]
        params = []
        for columns in rows:
            row = {name: columns.get(field) for name, field in plain}
            for name, field in converted:
                value = columns.get(field)
                row[name] = None if value is None else field.convert_to_column(value)
            params.append(row)
        return params

    def _cache_created(self, ids: list[int], rows: list[dict[Field, Any]],
                       others: list[dict[Field, Any]]) -> None:
        """Cache what was just inserted, NULLs included, so that computing the new records' fields
        reads nothing back; stored computed fields not given are remembered as NULL columns, and
        x2many fields not given are empty (nothing can point at a new record yet)."""
        cache = self.env.cache
        for field in self._empty_x2many_fields():
            values = cache.field_values(field)
            for record_id, given in zip(ids, others):
                if field not in given:
                    values[record_id] = ()
        fresh = self.env.cr.state.fresh_null
        for field in self._column_fields():
            if field.name == "id":
                continue
            values = cache.field_values(field)
            if field.computed and field.store:
                for record_id, row in zip(ids, rows):
                    if field in row:
                        values[record_id] = row[field]
                    else:
                        fresh.setdefault(field, set()).add(record_id)
                continue
            for record_id, row in zip(ids, rows):
                values[record_id] = row.get(field)

    def _empty_x2many_fields(self) -> list[Field]:
        cls = type(self)
        fields = cls.__dict__.get("_empty_x2many_cache")
        if fields is None:
            fields = [
                f for f in self._fields.values() if f.type in ("one2many", "many2many") and not f.computed
            ]
            cls._empty_x2many_cache = fields
        return fields

    def _compute_new(self, records: BaseModel, rows: list[dict[Field, Any]],
                     precomputed: set[Field]) -> None:
        """Stored computed fields of new records are computed, unless a value was inserted for them
        (given, or precomputed)."""
        stored = self._stored_computed()
        if not stored:
            return
        cache, state = self.env.cache, self.env.cr.state
        for field in stored:
            todo = [] if field in precomputed else [
                i for i, row in zip(records._ids, rows) if field not in row]
            if todo:
                state.tocompute.setdefault(field, set()).update(todo)
                cache.invalidate([field], todo)
            if len(todo) < len(rows):
                # a value given on create is kept, even when its method computes a sibling field
                given = {i for i, row in zip(records._ids, rows) if field in row}
                state.given_computed.setdefault(field, set()).update(given)
