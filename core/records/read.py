"""Reading: fetching columns into the cache in batches, computing unstored fields, read()."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.db.sql import in_ids
from core.exceptions import AccessError, MissingError, ValidationError, invalid_field
from core.fields.base import Field
from core.fields.relational import Many2many, Many2one, One2many
from core.i18n import _
from core.records.compute import compute_pending_for, flush_for_query
from core.records.model_part import ModelPart
from core.records.recordset import PREFETCH_MAX, NewId, split_every

if TYPE_CHECKING:
    from core.records.model import BaseModel


class ReadMixin(ModelPart):
    """Part of BaseModel: fetch and read."""

    # -- fetching into the cache -----------------------------------------------------------
    def _fetch_field(self, field: Field) -> None:
        """Fill the cache with ``field`` for this record and as many prefetched records as useful."""
        record_id = self._ids[0]
        if isinstance(record_id, NewId):
            self._fetch_new(field)
            return
        if field.store and field.computed and compute_pending_for(self, field) and \
                self.env.cache.contains(field, record_id):
            return
        ids = self._prefetch_batch(field, record_id)
        if field.column:
            columns = [f for f in self._prefetchable_columns() if f is field or f.type != "binary"]
            if field not in columns:
                columns.append(field)
            self._fetch_columns(columns, ids, missing_for=record_id)
        elif field.computed:
            self._compute_values(field, ids)
        elif isinstance(field, (One2many, Many2many)):
            self._fetch_x2many(field, ids)
        elif field.type in ("binary", "image"):
            self._fetch_attachment_field(field, ids)
        else:
            raise ValidationError(_("Field %(field)s cannot be read", field=str(field)))

    def _prefetch_batch(self, field: Field, record_id: Any) -> list[Any]:
        values = self.env.cache.field_values(field)
        ids = [record_id]
        for other in self._prefetch_ids:
            if len(ids) >= PREFETCH_MAX:
                break
            if other not in values and other != record_id and isinstance(other, int):
                ids.append(other)
        return ids

    def _prefetchable_columns(self) -> list[Field]:
        cls = type(self)
        columns = cls.__dict__.get("_prefetch_columns_cache")
        if columns is None:
            columns = [f for f in self._fields.values() if f.column and f.type not in ("binary", "image")
                       and not f.groups and not f.secret and f.name != "id"]
            cls._prefetch_columns_cache = columns
        return list(columns)

    def _fetch_columns(
        self, fields: list[Field], ids: list[Any], missing_for: Any = None
    ) -> set[int]:
        """One SELECT per chunk for ``fields`` of ``ids``, filtered by record rules; the ids found.
        Secret fields are not selected: they read as "" (``_secret_values`` gives the stored ones)."""
        self._check_access("read")
        secrets = [f for f in fields if f.secret]
        if secrets:
            fields = [f for f in fields if not f.secret]
        table = self._table
        columns = [table.c.id] + [table.c[f.column_name] for f in fields]
        rule = self._rule_condition("read", table)
        cache, towrite = self.env.cache, self.env.towrite
        # a computed value waiting for its column is newer than the column: a fetch must not undo it
        targets = [(cache.field_values(f), f.convert_from_column if f.needs_from_column else None,
                    towrite.dirty_ids(f)) for f in fields]
        found: set[int] = set()
        dialect = self.env.cr.dialect
        for chunk in split_every(ids, PREFETCH_MAX * 10):
            statement = sa.select(*columns).where(in_ids(table.c.id, chunk, dialect))
            if rule is not None:
                statement = statement.where(rule)
            for row in self.env.cr.execute(statement):
                record_id = row[0]
                found.add(record_id)
                for (values, convert, dirty), value in zip(targets, row[1:]):
                    if record_id in dirty:
                        continue
                    values[record_id] = convert(value) if convert is not None and value is not None else value
        if missing_for is not None and missing_for not in found and rule is not None:
            self._raise_access_or_missing([missing_for], "read")
        if secrets:
            self._blank_secrets(secrets, found)
        return found

    def _raise_access_or_missing(self, ids: list[int], operation: str) -> None:
        existing = self.sudo().browse(ids).exists()
        if existing:
            raise AccessError(
                _(
                    "You are not allowed to %(operation)s this %(model)s record (%(ids)s): a record "
                    "rule restricts it.",
                    operation=operation,
                    model=self._model_label(),
                    ids=", ".join(str(i) for i in existing.ids),
                )
            )
        raise MissingError(_("Record does not exist or has been deleted.") + f" ({self._name}, {ids})")

    def _fetch_x2many(self, field: One2many | Many2many, ids: list[Any]) -> None:
        self._check_access("read")
        comodel = self.env[field.comodel_name]
        comodel._check_access("read")
        cache = self.env.cache.field_values(field)
        result: dict[Any, list[int]] = {record_id: [] for record_id in ids}
        cotable = comodel._table
        condition = comodel._where_condition(list(field.domain), cotable)
        order_by = comodel._order_by(None, cotable)
        dialect = self.env.cr.dialect
        for chunk in split_every(ids, PREFETCH_MAX * 10):
            if isinstance(field, One2many):
                inverse_field = comodel._fields[field.inverse_name]
                inverse = cotable.c[inverse_field.column_name]
                statement = sa.select(inverse, cotable.c.id).where(in_ids(inverse, chunk, dialect))
                model_field = inverse_field.attrs.get("model_field")
                if model_field:  # a res_id-style inverse holds ids of any model: keep this model's rows
                    statement = statement.where(
                        cotable.c[comodel._fields[model_field].column_name] == self._name
                    )
            else:
                relation = self.env.registry.relation_table(field)
                statement = (sa.select(relation.c[field.column1], cotable.c.id)
                             .join(cotable, cotable.c.id == relation.c[field.column2])
                             .where(in_ids(relation.c[field.column1], chunk, dialect)))
            statement = statement.where(condition).order_by(*order_by)
            for owner, co_id in self.env.cr.execute(statement):
                result[owner].append(co_id)
        for record_id, co_ids in result.items():
            cache[record_id] = tuple(co_ids)

    def _fetch_attachment_field(self, field: Field, ids: list[Any]) -> None:
        values = self.env.cache.field_values(field)
        for record_id in ids:
            values[record_id] = None
        if "ir.attachment" not in self.env:
            return
        attachments = self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_field", "=", field.name), ("res_id", "in", ids)])
        for attachment in attachments:
            values[attachment.res_id] = attachment.raw or None

    def _fetch_new(self, field: Field) -> None:
        """Value of a field of an in-memory record: its origin's, computed, or empty."""
        record_id = self._ids[0]
        if field.computed:
            self._compute_values(field, [record_id])
            return
        origin = record_id.origin
        if origin:
            value = self.browse(origin)[field.name]
            self.env.cache.set(field, record_id, self.env.cache.get(field, origin))
            del value
            return
        self.env.cache.set(field, record_id, field.null_cache())

    # -- read ------------------------------------------------------------------------------
    def _check_field_names(self, names: Any, operation: str = "read") -> list[Field]:
        if not names:
            return [f for f in self._fields.values() if self._field_accessible(f) and f.name != "id"]
        if isinstance(names, str):
            names = [names]
        result = []
        for name in names:
            field = self._fields.get(name)
            if field is None:
                raise invalid_field(name, self._name)
            if not self._field_accessible(field):
                raise AccessError(_("You are not allowed to %(operation)s the field %(field)s of %(model)s.",
                                    operation=operation, field=field.label(), model=self._name))
            if name != "id":
                result.append(field)
        return result

    def read(
        self, fields: list[str] | None = None, load: str | None = "_classic_read"
    ) -> list[dict]:
        """Values of ``fields`` for each existing record, in Odoo's read format."""
        return self._read_rows(fields, load)

    def _read_rows(self, fields: list[str] | None, load: str | None,
                   just_searched: bool = False) -> list[dict]:
        """``read``; ``just_searched``: the records come from a search of this same call, which applied
        the record rules already, so their visibility is not checked a second time."""
        self._check_access("read")
        field_list = self._check_field_names(fields)
        ids = [i for i in self._ids if isinstance(i, int)]
        if not ids:
            return []
        flush_for_query(self)
        present = self._prefetch_for_read(field_list, ids, just_searched)
        cache = self.env.cache
        records = self.browse([i for i in ids if i in present])
        names = self._many2one_names(field_list, records) if load == "_classic_read" else {}
        secret = {f for f in field_list if f.secret}  # write-only: "" even right after a write
        result = []
        for record in records:
            record_id = record._ids[0]
            row: dict[str, Any] = {"id": record_id}
            for field in field_list:
                value = cache.get(field, record_id)
                if isinstance(field, Many2one) and load == "_classic_read":
                    row[field.name] = (value, names[field.comodel_name].get(value, "")) if value else False
                elif secret and field in secret:
                    row[field.name] = ""
                else:
                    row[field.name] = field.convert_to_read(value, record, load)
            result.append(row)
        return result

    def _prefetch_for_read(self, fields: list[Field], ids: list[int],
                           just_searched: bool = False) -> set[int]:
        """Cache ``fields`` of ``ids``; the ids that exist and the user may read (AccessError if any
        existing record is hidden by a rule)."""
        cache = self.env.cache
        columns = [f for f in fields if f.column] or self._prefetchable_columns()[:1]
        missing = [i for i in ids if any(i not in cache.field_values(f) for f in columns)]
        rule = self._rule_condition("read", self._table)
        found: set[int] = set()
        if missing:
            wanted = list(dict.fromkeys(self._prefetchable_columns() + columns))
            found = self._fetch_columns(wanted, missing)
        missing_set = set(missing)
        cached = [i for i in ids if i not in missing_set]
        if rule is not None and cached and not just_searched:
            found.update(self._visible_ids(cached, rule))
        elif cached:
            found.update(cached)
        if rule is not None:
            hidden = [i for i in ids if i not in found]
            if hidden and self.sudo().browse(hidden).exists():
                self._raise_access_or_missing(hidden, "read")
        records = self.browse([i for i in ids if i in found])
        for field in fields:
            if field.column:
                continue
            todo = cache.missing(field, records._ids)
            if todo:
                records.browse(todo)._fetch_field_batch(field)
        return found

    def _visible_ids(self, ids: list[int], rule: Any) -> list[int]:
        table = self._table
        found: list[int] = []
        for chunk in split_every(ids, PREFETCH_MAX * 10):
            statement = sa.select(table.c.id).where(in_ids(table.c.id, chunk, self.env.cr.dialect))
            if rule is not None:
                statement = statement.where(rule)
            found.extend(row[0] for row in self.env.cr.execute(statement))
        return found

    def _fetch_field_batch(self, field: Field) -> None:
        ids = list(self._ids)
        if field.computed:
            self._compute_values(field, ids)
        elif isinstance(field, (One2many, Many2many)):
            self._fetch_x2many(field, ids)
        elif field.type in ("binary", "image"):
            self._fetch_attachment_field(field, ids)

    def _many2one_names(
        self, fields: list[Field], records: BaseModel
    ) -> dict[str, dict[int, str]]:
        cache = self.env.cache
        wanted: dict[str, set[int]] = {}
        for field in fields:
            if isinstance(field, Many2one):
                values = cache.field_values(field)
                ids = wanted.setdefault(field.comodel_name, set())
                ids.update(v for v in (values.get(i) for i in records._ids) if v)
        return {model: dict(self.env[model].sudo().browse(sorted(ids))._display_names()) if ids else {}
                for model, ids in wanted.items()}

    def _display_names(self) -> list[tuple[int, str]]:
        field = self._fields["display_name"]
        values = self.env.cache.field_values(field)
        todo = [i for i in self._ids if i not in values]
        if todo:
            self.browse(todo)._compute_values(field, todo)
        return [(i, values.get(i) or "") for i in self._ids]

    def name_get(self) -> list[tuple[int, str]]:
        self._check_access("read")
        return self._display_names()

    def _rec_name_field(self) -> str:
        if self._rec_name and self._rec_name in self._fields:
            return self._rec_name
        return "name" if "name" in self._fields else "id"

    def _compute_display_name(self) -> None:
        """Override point: set ``display_name`` of each record; the record name by default."""
        name = self._rec_name_field()
        for record in self:
            if name == "id":
                record.display_name = f"{self._name},{record.id}"
            else:
                value = record[name]
                record.display_name = value.display_name if hasattr(value, "_ids") else (value or "")

    def _field_accessible(self, field: Field) -> bool:
        if not field.groups or self.env.su:
            return True
        return self._registry.security.user_in_any_group(self.env, field.groups)
