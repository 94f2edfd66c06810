"""Computed values reach their columns in one UPDATE per model and set of columns, whatever their type."""
from __future__ import annotations

import datetime
from decimal import Decimal

import sqlalchemy as sa

from core.records.flush import flush_towrite
from tests.core.test_query_budgets import statements

# one value of each column type, and NULLs, as a compute method could assign them
ROWS = [
    {"name": "first", "description": "Uno", "note": "<p>one</p>", "sequence": 7, "amount": 12.5,
     "ratio": 0.25, "price": 99.99, "active": True, "flag": False, "date": datetime.date(2026, 1, 31),
     "moment": datetime.datetime(2026, 1, 31, 23, 59, 58), "state": "done",
     "payload": {"a": [1, 2], "b": None}, "currency_name": "O'Neil \"quoted\""},
    {"name": "second", "description": None, "note": None, "sequence": None, "amount": None,
     "ratio": None, "price": None, "active": False, "flag": None, "date": None,
     "moment": None, "state": None, "payload": None, "currency_name": None},
    {"name": "third", "description": "Tres", "note": "<p>ñandú €</p>", "sequence": -2_000_000_000,
     "amount": 0.01, "ratio": 1e-9, "price": 0.0, "active": True, "flag": True,
     "date": datetime.date(1999, 12, 31), "moment": datetime.datetime(2000, 2, 29, 0, 0, 1),
     "state": "draft", "payload": [1, "two", 3.5], "currency_name": ""},
]


def assign_computed(records, rows):
    """Values put in the cache and marked for their columns, as a compute method does."""
    cache, towrite = records.env.cache, records.env.towrite
    for record, row in zip(records, rows, strict=True):
        for name, value in row.items():
            field = records._fields[name]
            cache.set(field, record.id, None if value is None else field.convert_to_cache(value, record))
            towrite.mark(field, record.id)


def column_rows(env, records, names):
    table = records._table
    statement = sa.select(*(table.c[name] for name in names)).where(table.c.id.in_(records.ids))
    rows = env.cr.execute(statement.order_by(table.c.id)).all()
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in rows]


def test_a_batch_of_rows_writes_what_one_row_at_a_time_writes(env, make_record):
    currency = env["res.currency"].search([], limit=1)
    rows = [{**row, "currency_id": currency.id if i != 1 else None} for i, row in enumerate(ROWS)]
    batched = env["test.record"].browse([make_record().id for _row in rows])
    singles = [make_record() for _row in rows]
    assign_computed(batched, rows)
    with statements(env) as sql:
        flush_towrite(env.cr)
    updates = [s for s in sql if s.startswith("UPDATE")]
    # the same columns of three rows: one statement on PostgreSQL, one executemany on SQLite
    assert len(updates) == 1, updates
    for record, row in zip(singles, rows, strict=True):
        assign_computed(record, [row])
        flush_towrite(env.cr)
    names = list(rows[0])
    expected = column_rows(env, env["test.record"].browse([r.id for r in singles]), names)
    assert column_rows(env, batched, names) == expected
    env.invalidate_all()
    assert [r.payload for r in batched] == [{"a": [1, 2], "b": None}, False, [1, "two", 3.5]]
    assert [r.date for r in batched] == [datetime.date(2026, 1, 31), False, datetime.date(1999, 12, 31)]
    assert batched[0].description == "Uno" and batched[2].note == "<p>ñandú €</p>"


def test_flushing_many_records_costs_one_statement_per_set_of_columns(env, make_record):
    records = env["test.record"].browse([make_record().id for _i in range(30)])
    assign_computed(records[:20], [{"sequence": i, "ratio": i / 2} for i in range(20)])
    assign_computed(records[20:], [{"sequence": i} for i in range(10)])
    with statements(env) as sql:
        env.flush()
    assert len([s for s in sql if s.startswith("UPDATE")]) == 2, sql
    env.invalidate_all()
    assert records.mapped("sequence") == list(range(20)) + list(range(10))
    assert records[:20].mapped("ratio") == [i / 2 for i in range(20)]
