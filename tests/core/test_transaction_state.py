"""The record API's state of a transaction: named, typed parts on ``env.cr.state``, reset when the
transaction or a savepoint ends; ``core.db``'s cursor carries none of it."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.db.transaction import Cursor
from core.records.compute import mark_to_compute
from core.records.transaction_state import RecordCursor, TransactionState


def test_the_registry_cursor_carries_the_record_state(env):
    assert isinstance(env.cr, RecordCursor) and isinstance(env.cr, Cursor)
    assert isinstance(env.cr.state, TransactionState)
    assert env.cache is env.cr.state.cache and env.towrite is env.cr.state.towrite


def test_a_queued_recomputation_waits_until_the_value_is_read(env, make_record):
    record = make_record(lines=[(2, 3)])
    total = record._fields["total"]
    assert record.total == 6
    table = record._table
    env.cr.execute(sa.update(table).where(table.c.id == record.id).values(total=0))
    mark_to_compute(record, {total: {record.id}})
    assert env.cr.state.tocompute[total] == {record.id}
    assert not env.cache.contains(total, record.id)
    assert record.total == 6
    assert total not in env.cr.state.tocompute
    env.flush()
    assert env.cr.execute(sa.select(table.c.total).where(table.c.id == record.id)).scalar() == 6


def test_a_rolled_back_savepoint_forgets_cached_values(env, make_record):
    record = make_record(name="Before")
    name = record._fields["name"]
    with pytest.raises(RuntimeError), env.cr.savepoint():
        record.write({"name": "Inside"})
        assert env.cache.get(name, record.id) == "Inside"
        raise RuntimeError("undo")
    assert not env.cache.contains(name, record.id)
    assert record.name == "Before"


def test_rollback_ends_the_work_in_progress(env, make_record):
    record = make_record(lines=[(1, 1)])
    mark_to_compute(record, {record._fields["total"]: {record.id}})
    state = env.cr.state
    assert state.tocompute
    env.cr.data["feature"] = True
    env.cr.rollback()
    assert not state.tocompute and not state.unlinked and not state.recomputed
    assert not state.cache.field_values(record._fields["name"])
    assert env.cr.data == {}


def test_the_database_cursor_is_a_plain_transaction(registry):
    cr = Cursor(registry.engine)
    try:
        assert not hasattr(cr, "state")
        assert cr.execute(sa.select(sa.literal(1))).scalar() == 1
        cr.flush()  # nothing held back at this level
        cr.rollback()
    finally:
        cr.close()
