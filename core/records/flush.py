"""Writing computed values that were assigned in the cache to their columns, in batches."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.transaction_state import RecordCursor


def flush_towrite(cr: RecordCursor) -> None:
    """One executemany UPDATE per model and set of dirty columns."""
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
            table = model_class._table
            for columns, record_ids in groups.items():
                statement = (sa.update(table).where(table.c.id == sa.bindparam("_id"))
                             .values({f.column_name: sa.bindparam(f"v_{f.column_name}") for f in columns}))
                rows: list[dict[str, Any]] = []
                for record_id in record_ids:
                    row: dict[str, Any] = {"_id": record_id}
                    for field in columns:
                        value = cr.state.cache.get(field, record_id)
                        row[f"v_{field.column_name}"] = (
                            None if value is None else field.convert_to_column(value)
                        )
                    rows.append(row)
                cr.execute(statement, rows)
