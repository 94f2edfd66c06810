"""The planner is never blind: imports leave fresh statistics, every default order has an index, and
``search_count`` asks the database for no sort and no join it does not need."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from core.records.environment import SUPERUSER_ID, Environment
from core.registry.tables import order_columns

ROWS = 150


def _statistics_rows(registry, table: str) -> float:
    """What the planner knows of ``table``'s size: pg_class.reltuples, or SQLite's sqlite_stat1 count."""
    with registry.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            return float(conn.execute(sa.text("SELECT reltuples FROM pg_class WHERE relname = :t"),
                                      {"t": table}).scalar())
        has_stat = conn.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar()
        if not has_stat:
            return -1
        stat = conn.execute(sa.text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t"), {"t": table}).scalar()
        return float(stat.split()[0]) if stat else -1


def _column_statistics(registry, table: str) -> int:
    with registry.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            return int(conn.execute(sa.text("SELECT count(*) FROM pg_stats WHERE tablename = :t"),
                                    {"t": table}).scalar())
        return int(conn.execute(sa.text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = :t"),
                                {"t": table}).scalar())


def test_load_leaves_the_filled_table_analyzed(fresh_registry):
    registry = fresh_registry()
    rows = [[f"Imported {i}", f"imported{i}@example.com"] for i in range(ROWS)]
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        before = env["res.partner"].search_count([])
        result = env["res.partner"].load(["name", "email"], rows)
        assert result["ids"] and len(result["ids"]) == ROWS, result["messages"]
    assert _statistics_rows(registry, "res_partner") >= before + ROWS
    assert _column_statistics(registry, "res_partner") > 0


def test_a_dry_run_load_analyzes_nothing(fresh_registry):
    registry = fresh_registry()
    rows = [[f"Dry {i}"] for i in range(ROWS)]
    known = _statistics_rows(registry, "res_partner")
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        assert not env["res.partner"].load(["name"], rows, dryrun=True)["messages"]
    assert _statistics_rows(registry, "res_partner") == known


def test_a_new_database_starts_with_statistics(registry):
    # installing loads data in one transaction and analyzes what it filled before committing
    assert _statistics_rows(registry, "res_partner") > 0
    assert _statistics_rows(registry, "res_country") > 100


def _sql_of(env, work) -> list[str]:
    seen: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(env.registry.engine, "before_cursor_execute", log)
    try:
        work()
    finally:
        event.remove(env.registry.engine, "before_cursor_execute", log)
    return seen


def test_search_count_sorts_nothing_and_joins_nothing(env):
    env.flush()
    sql = _sql_of(env, lambda: env["res.partner"].search_count([("name", "ilike", "a")]))
    assert len(sql) == 1, sql
    statement = sql[0].upper()
    assert "ORDER BY" not in statement
    assert " JOIN " not in statement
    assert statement.count("SELECT") == 1, statement  # counted straight from the table


def test_search_count_with_a_limit_still_sorts_nothing(env):
    env.flush()
    sql = _sql_of(env, lambda: env["res.partner"].search_count([], limit=5))
    assert len(sql) == 1 and "ORDER BY" not in sql[0].upper(), sql
    assert env["res.partner"].search_count([], limit=2) == 2


def test_search_count_answers_the_same(env):
    Partner = env["res.partner"]
    assert Partner.search_count([("name", "ilike", "a")]) == len(Partner.search([("name", "ilike", "a")]))
    assert Partner.search_count([]) == len(Partner.search([]))


def _indexes_leading(registry) -> dict[str, list[tuple[str, ...]]]:
    """Each table's indexes and unique keys in the live database, as tuples of their columns."""
    with registry.engine.connect() as conn:
        inspector = sa.inspect(conn)
        found: dict[str, list[tuple[str, ...]]] = {}
        for table in inspector.get_table_names():
            keys = [tuple(index["column_names"]) for index in inspector.get_indexes(table)]
            keys += [tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)]
            keys.append(tuple(inspector.get_pk_constraint(table)["constrained_columns"]))
            found[table] = keys
        return found


def test_every_default_order_is_backed_by_an_index(registry):
    live = _indexes_leading(registry)
    checked = 0
    for name, model in registry.models.items():
        if getattr(model, "_table", None) is None:
            continue
        wanted = tuple(order_columns(model))
        if not wanted:
            continue  # sorted first by a translation or a many2one's target: an expression, not a column
        if len(wanted) > 1 and wanted[-1] == "id":
            wanted = wanted[:-1]  # the tie-break: an index of the sort's own columns serves it
        table = model._table.name
        assert table in live, table
        assert any(key[:len(wanted)] == wanted for key in live[table]), (
            f"{name} ({model._order}): no index starts with {wanted}; have {live[table]}")
        checked += 1
    assert checked > 20


def test_order_columns_follow_the_first_direction(registry):
    Partner = registry.models["res.partner"]
    assert order_columns(type("M", (Partner,), {"_order": "id desc"})) == ["id"]
    mixed = order_columns(type("M", (Partner,), {"_order": "ref desc, email asc"}))
    assert mixed == ["ref"]
    assert order_columns(type("M", (Partner,), {"_order": "ref, email"})) == ["ref", "email", "id"]
    assert order_columns(type("M", (Partner,), {"_order": "country_id, ref"})) == []
