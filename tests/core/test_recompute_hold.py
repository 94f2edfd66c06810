"""``env.holding_recompute()``: several writes, one computation of each stored computed field."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.records.compute import MAX_RECOMPUTES_PER_FIELD
from core.records.environment import Environment


@pytest.fixture
def compute_calls(env, monkeypatch):
    """How many times ``test.record``'s totals were computed, and for how many records each time."""
    calls: list[int] = []
    cls = type(env["test.record"])
    original = cls._compute_total

    def counted(self):
        calls.append(len(self))
        return original(self)

    monkeypatch.setattr(cls, "_compute_total", counted)
    return calls


@pytest.fixture
def records(env, make_record):
    found = env["test.record"].browse()
    for i in range(10):
        found |= make_record(lines=[(1, i), (1, 1)])
    return found


def stored_totals(env, records):
    table = records._table
    rows = env.cr.execute(sa.select(table.c.id, table.c.total).where(table.c.id.in_(records.ids)))
    return dict(rows.all())


def test_held_writes_compute_each_field_once(env, records, compute_calls):
    lines = records.mapped("line_ids")
    with env.holding_recompute():
        lines[:5].write({"quantity": 2})
        lines[5:12].write({"quantity": 3})
        lines[12:].write({"unit_price": 4})
        assert compute_calls == []
    assert len(compute_calls) == 1
    expected = {r.id: sum(line.quantity * line.unit_price for line in r.line_ids) for r in records}
    assert stored_totals(env, records) == expected
    assert not env.cr.state.tocompute


def test_writes_outside_a_hold_compute_after_each(env, records, compute_calls):
    lines = records.mapped("line_ids")
    lines[:5].write({"quantity": 2})
    lines[5:].write({"quantity": 3})
    assert len(compute_calls) == 2


def test_a_read_inside_the_hold_sees_the_written_value(env, records, compute_calls):
    record = records[0]
    with env.holding_recompute():
        record.line_ids.write({"quantity": 5})
        assert record.total == sum(5 * line.unit_price for line in record.line_ids)
        assert record.total_taxed == round(record.total * 1.21, 2)  # a chain of two computed fields
        records[1].line_ids.write({"quantity": 7})
        # a search reads the columns: what is pending is computed and written first
        found = env["test.record"].search([("id", "in", records.ids), ("total", "=", 7 * 2)])
        assert found == records[1]
    assert stored_totals(env, records)[record.id] == record.total


def test_reads_between_held_writes_follow_each_write(env, records):
    record = records[0]
    with env.holding_recompute():
        for quantity in (2, 3, 4):
            record.line_ids.write({"quantity": quantity})
            total = sum(quantity * line.unit_price for line in record.line_ids)
            assert record.total_taxed == round(total * 1.21, 2)
    assert stored_totals(env, records)[record.id] == sum(4 * line.unit_price for line in record.line_ids)


def test_a_pending_path_is_computed_before_sql_follows_it(env, make_record, make_tag):
    red, blue = make_tag("red"), make_tag("blue")
    record = make_record(lines=[(1, 1)], tag_id=red.id)
    line = record.line_ids
    assert line.record_tag_name == "red"
    with env.holding_recompute():
        record.write({"tag_id": blue.id})
        blue.write({"name": "navy"})  # the lines reached through record_id.tag_id must be found
    assert line.record_tag_name == "navy"


def test_reads_inside_a_long_hold_are_not_taken_for_a_loop(env, records):
    line = records[0].line_ids[:1]
    with env.holding_recompute():
        for quantity in range(MAX_RECOMPUTES_PER_FIELD + 5):
            line.write({"quantity": quantity})
            assert records[0].total == quantity * line.unit_price + 1
    assert stored_totals(env, records)[records[0].id] == records[0].total


def test_nested_holds_compute_when_the_outermost_ends(env, records, compute_calls):
    lines = records.mapped("line_ids")
    with env.holding_recompute():
        with env.holding_recompute():
            lines[:4].write({"quantity": 2})
        assert compute_calls == [] and env.cr.state.tocompute
        lines[4:].write({"quantity": 3})
    assert len(compute_calls) == 1
    assert not env.cr.state.tocompute and env.cr.state.recompute_holds == 0


def test_creates_and_unlinks_inside_a_hold_are_computed_at_its_end(env, records, compute_calls):
    Line = env["test.line"]
    with env.holding_recompute():
        Line.create([{"record_id": r.id, "quantity": 1, "unit_price": 100} for r in records])
        records.mapped("line_ids").filtered(lambda line: line.unit_price == 1).unlink()
        new = env["test.record"].create(
            {"name": "new", "line_ids": [(0, 0, {"quantity": 2, "unit_price": 3})]})
        assert compute_calls == []
    assert len(compute_calls) == 1
    totals = stored_totals(env, records | new)
    assert totals[new.id] == 6
    assert totals == {r.id: sum(line.quantity * line.unit_price for line in r.line_ids)
                      for r in records | new}
    assert totals[records[0].id] == 100  # its lines at 0 and 1 gone, the new one at 100 left


def test_an_error_inside_the_hold_leaves_the_work_queued(env, records):
    record = records[0]
    with pytest.raises(RuntimeError), env.holding_recompute():
        record.line_ids.write({"quantity": 4})
        raise RuntimeError("stop")
    state = env.cr.state
    assert state.recompute_holds == 0 and state.tocompute
    # the next query computes what is pending: the columns agree with the lines
    assert env["test.record"].search_count([("id", "=", record.id), ("total", "=", record.total)]) == 1
    assert not state.tocompute
    assert stored_totals(env, records)[record.id] == sum(4 * line.unit_price for line in record.line_ids)


def test_a_rolled_back_savepoint_inside_a_hold_keeps_the_values_right(env, records):
    first, second = records[0], records[1]
    with env.holding_recompute():
        first.line_ids.write({"quantity": 2})
        with pytest.raises(RuntimeError), env.cr.savepoint():
            second.line_ids.write({"quantity": 9})
            env["test.line"].create({"record_id": second.id, "quantity": 1, "unit_price": 50})
            raise RuntimeError("undo")
    totals = stored_totals(env, records)
    assert totals[first.id] == sum(2 * line.unit_price for line in first.line_ids)
    assert totals[second.id] == sum(line.unit_price for line in second.line_ids)
    assert len(second.line_ids) == 2


def test_a_commit_computes_what_a_hold_left_queued(fresh_registry):
    registry = fresh_registry()
    with registry.cursor() as cr:
        env = Environment(cr)
        record = env["test.record"].create(
            {"name": "queued", "line_ids": [(0, 0, {"quantity": 1, "unit_price": 2})]})
        record_id = record.id
        try:
            with env.holding_recompute():
                record.line_ids.write({"quantity": 10})
                raise RuntimeError("caught below")
        except RuntimeError:
            pass
    with registry.cursor() as cr:
        table = Environment(cr)["test.record"]._table
        assert cr.execute(sa.select(table.c.total).where(table.c.id == record_id)).scalar() == 20


def test_a_search_of_another_model_leaves_the_queue_waiting(env, records, make_tag, compute_calls):
    make_tag("unrelated")
    with env.holding_recompute():
        records.mapped("line_ids").write({"quantity": 2})
        assert env["test.tag"].search([("name", "=", "unrelated")])
        assert env.cr.state.tocompute and compute_calls == []
        # a domain through a relation may read any table: everything pending is computed first
        found = env["test.line"].search([("record_id.total", ">", 0), ("record_id", "in", records.ids)])
        assert found and not env.cr.state.tocompute
    assert len(compute_calls) == 1
