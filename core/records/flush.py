"""Writing computed values that were assigned in the cache to their columns, in batches."""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from core.records.recordset import split_every

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.transaction_state import RecordCursor

# rows per statement: arrays of this many values per column stay well within a statement's size
MAX_ROWS = 10000


def flush_towrite(cr: RecordCursor) -> None:
    """One UPDATE per model and set of dirty columns (on SQLite, one executemany)."""
    while cr.state.towrite:
        dirty = cr.state.towrite.pop_all()
        by_model: dict[Any, dict[int, list[Field]]] = defaultdict(lambda: defaultdict(list))
        cache, tocompute = cr.state.cache, cr.state.tocompute
        for field, ids in dirty.items():
            if not field.column:
                continue
            values = cache.field_values(field)
            per_record = by_model[field.model_class]
            for record_id in ids:
                if record_id in values:
                    per_record[record_id].append(field)
                elif field.computed:
                    # its value was dropped from the cache before reaching the column: compute it again
                    tocompute.setdefault(field, set()).add(record_id)
        for model_class, per_record in by_model.items():
            # records grouped by their set of dirty fields, each set's columns sorted by name once
            by_set: dict[frozenset[Field], list[int]] = defaultdict(list)
            for record_id, fields in per_record.items():
                by_set[frozenset(fields)].append(record_id)
            for field_set, record_ids in by_set.items():
                columns = sorted(field_set, key=lambda f: f.name)
                column_values = [(field, cache.field_values(field)) for field in columns]
                rows = [
                    (record_id, [_to_column(field, values.get(record_id)) for field, values in column_values])
                    for record_id in record_ids
                ]
                update_rows(cr, model_class._table, [f.column_name for f in columns], rows)


def _to_column(field: Field, value: Any) -> Any:
    return None if value is None else field.convert_to_column(value)


def update_rows(cr: RecordCursor, table: sa.Table, names: list[str],
                rows: list[tuple[int, list[Any]]]) -> None:
    """Set the columns ``names`` of each row ``(id, values)`` of ``table``. On PostgreSQL several rows
    go in one statement (see ``_unnest_update``) instead of one execution per row."""
    if cr.dialect != "postgresql" or len(rows) == 1:
        statement = (sa.update(table).where(table.c.id == sa.bindparam("_id"))
                     .values({name: sa.bindparam(f"v_{name}") for name in names}))
        params = [{"_id": record_id, **{f"v_{n}": v for n, v in zip(names, values, strict=True)}}
                  for record_id, values in rows]
        cr.execute(statement, params if len(params) > 1 else params[0])
        return
    statement = _unnest_update(table, tuple(names))
    for chunk in split_every(rows, MAX_ROWS):
        arrays = {"_ids": [record_id for record_id, _values in chunk]}
        for position, name in enumerate(names):
            arrays[f"v_{name}"] = [values[position] for _record_id, values in chunk]
        cr.execute(statement, arrays)


@functools.lru_cache(maxsize=256)  # per table and columns; tables of rebuilt registries age out
def _unnest_update(table: sa.Table, names: tuple[str, ...]) -> sa.Update:
    """``UPDATE t SET c = v.c FROM unnest(:ids, :c) AS v(id, c) WHERE t.id = v.id``: the rows' values
    as one array per column, each cast to an array of its column's type (NULLs, dates, jsonb and
    translated columns keep the type a plain UPDATE binds). Unlike ``VALUES (...), (...)``, the
    statement's text does not grow with the rows: SQLAlchemy compiles it once per set of columns."""
    columns = [table.c[name] for name in names]
    arrays = [
        sa.cast(sa.bindparam(key, type_=postgresql.ARRAY(kind, dimensions=1)),
                postgresql.ARRAY(kind, dimensions=1))
        for key, kind in [("_ids", table.c.id.type), *((f"v_{c.name}", c.type) for c in columns)]
    ]
    values = sa.func.unnest(*arrays).table_valued(
        sa.column("id", table.c.id.type), *(sa.column(c.name, c.type) for c in columns)
    ).render_derived(name="v")
    return (sa.update(table).where(table.c.id == values.c.id)
            .values({c.name: values.c[c.name] for c in columns}))
