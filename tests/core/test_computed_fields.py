"""Stored computed fields follow their dependencies; related fields read and write through;
the automatic create/write fields are maintained."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from core import clock


def _stored(env, record, column):
    """The value in the database, not the cache."""
    env.flush()
    table = record._table
    return env.cr.execute(sa.select(table.c[column]).where(table.c.id == record.id)).scalar()


# -- same record ------------------------------------------------------------------------------
def test_stored_compute_is_written_on_create(env):
    line = env["test.line"].create({"record_id": env["test.record"].create({"name": "r"}).id,
                                    "quantity": 3, "unit_price": 2})
    assert _stored(env, line, "subtotal") == 6


def test_stored_compute_follows_a_write_of_its_dependency(env, make_record):
    line = make_record(lines=[(3, 2)]).line_ids
    line.quantity = 5
    assert _stored(env, line, "subtotal") == 10


# -- across relations -------------------------------------------------------------------------
def test_sum_over_one2many_follows_line_changes(env, make_record):
    record = make_record(lines=[(1, 10), (2, 10)])
    record.line_ids[0].unit_price = 50
    assert _stored(env, record, "total") == 70


def test_sum_over_one2many_follows_added_line(env, make_record):
    record = make_record(lines=[(1, 10)])
    env["test.line"].create({"record_id": record.id, "quantity": 1, "unit_price": 5})
    assert _stored(env, record, "total") == 15
    assert _stored(env, record, "line_count") == 2


def test_sum_over_one2many_follows_removed_line(env, make_record):
    record = make_record(lines=[(1, 10), (1, 5)])
    record.line_ids[0].unlink()
    assert _stored(env, record, "total") == 5
    assert _stored(env, record, "line_count") == 1


def test_moving_a_line_recomputes_both_parents(env, make_record):
    source, target = make_record(lines=[(1, 10), (1, 1)]), make_record(lines=[(1, 100)])
    source.line_ids[0].record_id = target
    assert (_stored(env, source, "total"), _stored(env, target, "total")) == (1, 110)


def test_chain_of_computed_fields_is_followed(env, make_record):
    record = make_record(lines=[(1, 100)])
    assert _stored(env, record, "total_taxed") == 121
    record.line_ids.unit_price = 200
    assert _stored(env, record, "total_taxed") == 242


def test_compute_through_many2one_path_follows_the_target(env, make_record, make_tag):
    tag = make_tag("old")
    record = make_record(tag_id=tag.id, lines=[(1, 1), (1, 2)])
    tag.name = "new"
    assert {_stored(env, line, "record_tag_name") for line in record.line_ids} == {"new"}


def test_compute_through_many2one_path_follows_a_change_of_the_many2one(env, make_record, make_tag):
    record = make_record(tag_id=make_tag("first").id, lines=[(1, 1)])
    record.tag_id = make_tag("second")
    assert _stored(env, record.line_ids, "record_tag_name") == "second"


def test_count_over_one2many_of_other_model_follows_creates_and_moves(env, make_record, make_tag):
    red, blue = make_tag("red"), make_tag("blue")
    record = make_record(tag_id=red.id)
    make_record(tag_id=red.id)
    assert _stored(env, red, "record_count") == 2
    record.tag_id = blue
    assert (_stored(env, red, "record_count"), _stored(env, blue, "record_count")) == (1, 1)


def test_recompute_is_batched_for_many_records(env, make_record):
    records = env["test.record"].create([{"name": f"r{i}", "line_ids": [(0, 0, {"unit_price": i})]}
                                         for i in range(20)])
    assert records.mapped("total") == [float(i) for i in range(20)]


# -- related ----------------------------------------------------------------------------------
def test_related_field_reads_the_target(make_record, make_tag):
    assert make_record(tag_id=make_tag("violet").id).tag_name == "violet"


def test_related_field_follows_a_change_of_the_target(make_record, make_tag):
    tag = make_tag("before")
    record = make_record(tag_id=tag.id)
    tag.name = "after"
    assert record.tag_name == "after"


def test_related_field_writes_through_to_the_target(make_record, make_tag):
    tag = make_tag("before")
    record = make_record(tag_id=tag.id)
    record.write({"tag_name": "written through"})
    assert tag.name == "written through"


def test_related_field_through_base_model(env, make_record):
    partner = env["res.partner"].create({"name": "P", "city": "Valencia"})
    assert make_record(partner_id=partner.id).partner_city == "Valencia"


def test_empty_many2one_gives_empty_related(make_record):
    assert make_record().tag_name is False


def test_stored_related_is_kept_in_its_column(env, make_record, make_tag):
    tag = make_tag("c", color=3)
    record = make_record(tag_id=tag.id)
    assert _stored(env, record, "tag_color") == 3
    tag.color = 8
    assert _stored(env, record, "tag_color") == 8


def test_stored_related_can_be_searched(env, make_record, make_tag):
    record = make_record(tag_id=make_tag("s", color=42).id)
    assert env["test.record"].search([("tag_color", "=", 42)]) == record


def test_unstored_related_can_be_searched(env, make_record, make_tag):
    record = make_record(tag_id=make_tag("findme").id)
    assert env["test.record"].search([("tag_name", "=", "findme")]) == record


# -- automatic fields -------------------------------------------------------------------------
def test_create_sets_create_and_write_fields(as_user, monkeypatch):
    moment = dt.datetime(2031, 5, 6, 7, 8, 9)
    monkeypatch.setattr(clock, "utcnow", lambda: moment)
    env = as_user("demo")
    record = env["test.record"].create({"name": "stamped"})
    assert (record.create_uid, record.write_uid) == (env.user, env.user)
    assert record.create_date == record.write_date == moment


def test_write_updates_write_fields_only(env, as_user, make_record, monkeypatch):
    record = make_record()
    created = record.create_date
    later = dt.datetime(2040, 1, 1, 0, 0, 0)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    demo = as_user("demo")
    record.with_env(demo).write({"sequence": 2})
    env.cache.invalidate()
    assert record.write_date == later and record.write_uid == demo.user
    assert record.create_date == created and record.create_uid.id == env.uid


def test_automatic_fields_cannot_be_forged_by_users(as_user, make_record):
    record = make_record()
    before = record.create_date
    record.with_env(as_user("demo")).write({"create_date": "2000-01-01 00:00:00"})
    assert record.create_date == before


def test_count_over_many2many_follows_links_written_from_the_other_side(env, make_record, make_tag):
    red, blue = make_tag("red"), make_tag("blue")
    record = make_record(tag_ids=[red.id])
    assert _stored(env, red, "tagged_count") == 1
    record.write({"tag_ids": [(6, 0, [blue.id])]})
    assert (_stored(env, red, "tagged_count"), _stored(env, blue, "tagged_count")) == (0, 1)


def test_given_value_of_stored_computed_field_is_kept_on_create(env):
    record = env["test.record"].create({"name": "given", "total": 42})
    assert _stored(env, record, "total") == 42


def test_chain_reads_a_pending_field_computed_on_demand(env, make_record):
    record = make_record(lines=[(2, 50)])
    env.cache.invalidate()
    assert (record.total, record.total_taxed) == (100, 121)
