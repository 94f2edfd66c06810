"""How many SQL statements the hot paths issue: a regression fails here, deterministically."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event


@contextmanager
def statements(env):
    """The SQL statements run inside the block (``len()`` of the list is the budget spent)."""
    seen: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(env.registry.engine, "before_cursor_execute", log)
    before = env.cr.sql_count
    try:
        yield seen
    finally:
        event.remove(env.registry.engine, "before_cursor_execute", log)
    # the cursor's own counter agrees with what the driver saw
    assert env.cr.sql_count - before == len(seen), seen


@pytest.fixture
def partners(env):
    countries = env["res.country"].search([], limit=5)
    records = env["res.partner"].create(
        [
            {
                "name": f"Budget {i}",
                "email": f"b{i}@example.com",
                "city": "Sevilla",
                "country_id": countries[i % 5].id,
            }
            for i in range(1000)
        ]
    )
    env.invalidate_all()
    return records


# -- create -----------------------------------------------------------------------------------
def test_one_partner_create_costs_one_statement(env):
    env["res.partner"].create({"name": "warm up"})
    with statements(env) as sql:
        env["res.partner"].create({"name": "Budget", "email": "budget@example.com"})
    # the INSERT, which also picks the id its commercial entity (the partner itself) refers to
    assert len(sql) == 1, sql


def test_batch_create_costs_the_same_as_one(env):
    env["res.partner"].create({"name": "warm up"})
    with statements(env) as sql:
        env["res.partner"].create([{"name": f"Batch {i}"} for i in range(500)])
    assert len(sql) <= 3, sql


def test_batch_insert_is_one_statement_per_thousand_rows(env):
    with statements(env) as sql:
        env["test.tag"].create([{"name": f"tag {i}"} for i in range(2500)])
    inserts = [s for s in sql if s.startswith("INSERT")]
    assert len(inserts) <= 3 * 2, inserts  # SQLite may split a thousand rows into two statements


def test_batch_create_returns_ids_in_the_order_given(env):
    tags = env["test.tag"].create([{"name": f"ordered {i:04d}"} for i in range(2500)])
    assert tags.mapped("name") == [f"ordered {i:04d}" for i in range(2500)]
    assert tags.ids == sorted(tags.ids)


def test_create_with_lines_does_not_query_per_line(env, make_tag):
    tag = make_tag("t")
    env["test.record"].create({"name": "warm up"})
    few_vals = {"name": "few", "tag_id": tag.id,
                "line_ids": [(0, 0, {"quantity": 1, "unit_price": i}) for i in range(2)]}
    many_vals = {"name": "many", "tag_id": tag.id,
                 "line_ids": [(0, 0, {"quantity": 1, "unit_price": i}) for i in range(40)]}
    with statements(env) as few:
        env["test.record"].create(few_vals)
    with statements(env) as many:
        env["test.record"].create(many_vals)
    assert len(many) == len(few) <= 10, many


# -- read -------------------------------------------------------------------------------------
def test_read_of_80_records_with_4_fields_costs_two_statements(env, partners):
    with statements(env) as sql:
        rows = partners[:80].read(["name", "email", "city", "country_id"])
    assert len(rows) == 80 and rows[0]["country_id"]
    assert len(sql) <= 2, sql  # the rows, then the countries' names


def test_search_read_of_80_records_costs_two_statements(env, partners):
    with statements(env) as sql:
        rows = env["res.partner"].search_read([("name", "ilike", "budget")], ["name", "email", "country_id"],
                                              limit=80)
    assert len(rows) == 80
    assert len(sql) <= 2, sql


def test_iterating_records_prefetches_fields_once(env, partners):
    with statements(env) as sql:
        names = [partner.name for partner in partners[:200]]
        cities = [partner.city for partner in partners[:200]]
    assert len(names) == len(cities) == 200
    assert len(sql) == 1, sql


def test_many2one_names_across_records_cost_one_statement(env, partners):
    [partner.name for partner in partners[:80]]
    with statements(env) as sql:
        countries = {partner.country_id.name for partner in partners[:80]}
    assert len(countries) == 5
    assert len(sql) == 1, sql


def test_one2many_of_many_records_costs_one_statement(env, make_record):
    records = env["test.record"].browse()
    for i in range(30):
        records |= make_record(lines=[(1, i), (2, i)])
    env.invalidate_all()
    records = env["test.record"].browse(records.ids)
    with statements(env) as sql:
        counts = [len(record.line_ids) for record in records]
    assert counts == [2] * 30
    assert len(sql) == 1, sql


# -- write and unlink -------------------------------------------------------------------------
def test_write_of_1000_records_costs_two_statements(env, partners):
    with statements(env) as sql:
        partners.write({"comment": "<p>budget</p>"})
    assert len(sql) <= 2, sql  # the existence check, one UPDATE


def test_write_of_a_dependency_recomputes_in_batch(env, make_record):
    records = env["test.record"].browse()
    for i in range(20):
        records |= make_record(lines=[(1, i)])
    lines = records.mapped("line_ids")
    with statements(env) as sql:
        lines.write({"quantity": 3})
    # check, UPDATE lines, UPDATE subtotals, read parents' lines, UPDATE parents' totals
    assert len(sql) <= 5, sql


def test_unlink_of_many_records_is_constant(env, make_tag):
    few = env["test.tag"].create([{"name": f"x{i}"} for i in range(2)])
    many = env["test.tag"].create([{"name": f"y{i}"} for i in range(200)])
    with statements(env) as sql_few:
        few.unlink()
    with statements(env) as sql_many:
        many.unlink()
    assert len(sql_many) == len(sql_few), sql_many


# -- aggregates -------------------------------------------------------------------------------
def test_read_group_costs_one_statement_plus_names(env, partners):
    with statements(env) as sql:
        groups = env["res.partner"].read_group([("id", "in", partners.ids)], ["color:sum"], ["country_id"])
    assert len(groups) == 5
    assert len(sql) <= 2, sql


def test_read_group_by_date_costs_one_statement(env, partners):
    with statements(env) as sql:
        env["res.partner"].read_group([], ["color:sum"], ["create_date:month"])
    assert len(sql) == 1, sql


def test_search_count_costs_one_statement(env, partners):
    with statements(env) as sql:
        assert env["res.partner"].search_count([("city", "=", "Sevilla")]) >= 1000
    assert len(sql) == 1, sql


def test_search_read_under_record_rules_checks_them_once(as_user, partners):
    demo = as_user("demo")
    assert demo.registry.security.rule_domain(demo, "res.partner", "read")  # the multi-company rule
    demo["res.partner"].search_read([("name", "ilike", "budget")], ["name"], limit=1)  # companies looked up
    with statements(demo) as sql:
        rows = demo["res.partner"].search_read([("name", "ilike", "budget")], ["name", "email", "country_id"],
                                               limit=80)
    assert len(rows) == 80
    assert len(sql) <= 2, sql  # the rows (rules applied), then the countries' names
