"""Writing computed values that were assigned in the cache to their columns, in batches."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.records.recordset import split_every

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.transaction_state import RecordCursor

# PostgreSQL takes at most 65,535 parameters in one statement
MAX_PARAMETERS = 30000


def flush_towrite(cr: RecordCursor) -> None:
    """One UPDATE per model and set of dirty columns (on SQLite, one executemany)."""
    while cr.state.towrite:
        dirty = cr.state.towrite.pop_all()
        by_model: dict[Any, dict[int, list[Field]]] = defaultdict(lambda: defaultdict(list))
        for field, ids in dirty.items():
            if not field.column:
                continue
            for record_id in ids:
                by_model[field.model_class][record_id].append(field)
        for model_class, per_record in by_model.items():
            groups: dict[tuple[Field, ...], list[int]] = defaultdict(list)
            for record_id, fields in per_record.items():
                groups[tuple(sorted(set(fields), key=lambda f: f.name))].append(record_id)
            for columns, record_ids in groups.items():
                rows = [
                    (record_id, [_column_value(cr, field, record_id) for field in columns])
                    for record_id in record_ids
                ]
                update_rows(cr, model_class._table, [f.column_name for f in columns], rows)


def _column_value(cr: RecordCursor, field: Field, record_id: int) -> Any:
    value = cr.state.cache.get(field, record_id)
    return None if value is None else field.convert_to_column(value)


def update_rows(cr: RecordCursor, table: sa.Table, names: list[str],
                rows: list[tuple[int, list[Any]]]) -> None:
    """Set the columns ``names`` of each row ``(id, values)`` of ``table``. On PostgreSQL several rows
    go in one ``UPDATE ... FROM (VALUES ...)``: one statement instead of one per row."""
    if cr.dialect != "postgresql" or len(rows) == 1:
        statement = (sa.update(table).where(table.c.id == sa.bindparam("_id"))
                     .values({name: sa.bindparam(f"v_{name}") for name in names}))
        params = [{"_id": record_id, **{f"v_{n}": v for n, v in zip(names, values, strict=True)}}
                  for record_id, values in rows]
        cr.execute(statement, params if len(params) > 1 else params[0])
        return
    for chunk in split_every(rows, max(1, MAX_PARAMETERS // (len(names) + 1))):
        cr.execute(_values_update(table, names, chunk))


def _values_update(table: sa.Table, names: list[str], rows: list[tuple[int, list[Any]]]) -> sa.Update:
    """``UPDATE t SET c = v.c FROM (VALUES (id, c), ...) AS v(id, c) WHERE t.id = v.id``.

    PostgreSQL types the VALUES columns from the parameters (text when they are all NULL or
    strings): each is cast back to its column's type, as a plain UPDATE would have bound it.
    """
    columns = [table.c[name] for name in names]
    values = sa.values(
        sa.column("id", table.c.id.type), *(sa.column(c.name, c.type) for c in columns), name="v"
    ).data([(record_id, *row) for record_id, row in rows])
    return (
        sa.update(table)
        .where(table.c.id == values.c.id)
        .values({c.name: sa.cast(values.c[c.name], c.type) for c in columns})
    )
