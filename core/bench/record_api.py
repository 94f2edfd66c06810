"""Record API scenario: batch create against raw Core inserts, and the everyday calls (search_read,
read, search_count, read_group, write, a single create) at --size contacts and on a demo-sized
database, where Odoo 17's published figures were taken (DESIGN.md: a partner create in about 25 ms,
660 records/s in batches of 1,000, an 80-row search_read in about 19 ms, a read_group by stage in
about 15 ms). Calls run as the admin user (access rights and record rules apply), as a client's would.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import clock
from core.bench.fill import BATCH, BULK_CONTEXT, country_ids, partner_rows
from core.bench.runner import BenchContext, median_ms, scenario, timer
from core.records.environment import Environment
from core.registry.registry import Registry

ODOO17 = {"single_create_ms": 25.0, "create_rows_per_s": 660.0, "search_read_80_ms": 19.0,
          "read_group_ms": 15.0}
FOUR_FIELDS = ["name", "email", "city", "country_id"]
ADMIN_ID = 2  # base.user_admin on every database of the suite


def _admin_env(cr: Any, context: dict[str, Any] | None = None) -> Environment:
    return Environment(cr, ADMIN_ID, {"lang": "en_US", **(context or {})})


def _core_values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The columns create stores for ``rows``, for raw Core to insert the same thing."""
    now = clock.utcnow()
    return [{**row, "complete_name": row["name"], "active": True, "type": "contact", "lang": "en_US",
             "create_uid": ADMIN_ID, "write_uid": ADMIN_ID, "create_date": now, "write_date": now}
            for row in rows]


def throughput(registry: Registry, count: int) -> dict[str, Any]:
    """Rows per second of the record API and of raw Core on the same rows, a thousand per transaction,
    taking turns on the same database so both see the same table and the same load of the machine."""
    countries = country_ids(registry)
    table = registry.models["res.partner"]._table
    plain, returning = sa.insert(table), sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    spent = {"api": [0.0, 0.0], "core": [0.0, 0.0], "core_returning": [0.0, 0.0]}
    for start in range(0, count, BATCH):
        rows = partner_rows(min(BATCH, count - start), 1_000_000 + start, countries)
        with timer() as took, registry.cursor() as cr:
            _admin_env(cr, BULK_CONTEXT)["res.partner"].create(rows)
        spent["api"][0] += took["seconds"]
        spent["api"][1] += took["cpu"]
        for key, statement in (("core", plain), ("core_returning", returning)):
            with timer() as took, registry.engine.begin() as conn:
                conn.execute(statement, _core_values(rows))
            spent[key][0] += took["seconds"]
            spent[key][1] += took["cpu"]
    api, core, core_returning = spent["api"], spent["core"], spent["core_returning"]
    return {
        "create_api_rows_per_s": round(count / api[0]),
        "create_core_rows_per_s": round(count / core[0]),
        "create_core_returning_rows_per_s": round(count / core_returning[0]),
        "create_api_vs_core": round(core[0] / api[0], 3),
        "create_api_vs_core_returning": round(core_returning[0] / api[0], 3),
        # in CPU time of this process: steadier on a shared machine (on SQLite it includes the
        # database's own work; on PostgreSQL the server's work is left out of both sides)
        "create_api_vs_core_cpu": round(core[1] / api[1], 3),
    }


def chatter_throughput(registry: Registry, count: int) -> float:
    """Rows per second of create as a user's client calls it: the chatter logs every creation."""
    countries = country_ids(registry)
    with timer() as took:
        for start in range(0, count, BATCH):
            with registry.cursor() as cr:
                _admin_env(cr)["res.partner"].create(
                    partner_rows(min(BATCH, count - start), 2_000_000 + start, countries))
    return count / took["seconds"]


def single_create(env: Environment) -> dict[str, Any]:
    Partner = env["res.partner"]

    def create() -> None:
        Partner.create({"name": "Single Create", "email": "single@example.com"})

    before = env.cr.sql_count
    create()
    statements = env.cr.sql_count - before
    return {"single_create_ms": median_ms(create, runs=50), "single_create_sql_statements": statements}


def search_read_80_ms(env: Environment, domain: list[Any]) -> float:
    """Median ms of a 4-field ``search_read`` of 80 contacts, read from the database each time."""

    def search_read() -> None:
        env["res.partner"].search_read(domain, FOUR_FIELDS, limit=80)
        env.cache.invalidate()

    return median_ms(search_read)


def at_size(registry: Registry) -> dict[str, Any]:
    """The everyday calls on a database of --size contacts."""
    figures: dict[str, Any] = {}
    with registry.cursor() as cr:
        env = _admin_env(cr)
        Partner = env["res.partner"]
        figures["partners_total"] = Partner.search_count([])
        figures["search_read_80_ilike_ms"] = search_read_80_ms(env, [("name", "ilike", "levante")])
        ids = Partner.search([], limit=1000).ids

        def read_80() -> None:
            Partner.browse(ids[:80]).read(FOUR_FIELDS)
            env.cache.invalidate()

        figures["read_80_ms"] = median_ms(read_80)
        figures["search_count_ilike_ms"] = median_ms(
            lambda: Partner.search_count([("name", "ilike", "blue")]))
        figures["read_group_country_ms"] = median_ms(
            lambda: Partner.read_group([], ["country_id"], ["country_id"]), runs=15)

        def write_1000() -> None:
            Partner.browse(ids).write({"comment": "<p>benchmark</p>"})
            env.cache.invalidate()

        figures["write_1000_ms"] = median_ms(write_1000, runs=5, warmup=1)
        figures.update(single_create(env))
        cr.rollback()
    return figures


def on_demo(registry: Registry) -> dict[str, Any]:
    """The calls Odoo 17's figures measure, on a database of the same (demo) size."""
    figures: dict[str, Any] = {}
    with registry.cursor() as cr:
        env = _admin_env(cr)
        figures["partners_total"] = env["res.partner"].search_count([])
        figures["search_read_80_ms"] = search_read_80_ms(env, [])
        if "crm.lead" in env:
            Lead = env["crm.lead"]
            figures["read_group_by_stage_ms"] = median_ms(
                lambda: Lead.read_group([], ["expected_revenue"], ["stage_id"]), runs=30)
        figures.update(single_create(env))
        cr.rollback()
    figures["batch_create_1000_rows_per_s"] = round(chatter_throughput(registry, BATCH))
    return figures


@scenario("record_api")
def record_api(context: BenchContext) -> dict[str, Any]:
    size = context.size
    count = max(size // 2, 1)
    figures: dict[str, Any] = {"rows": size}
    with context.database("sized") as registry:
        context.progress(f"record API: everyday calls at {size} contacts")
        figures["at_size"] = at_size(registry)
        context.progress(f"record API create vs raw Core inserts of the same {count} contacts")
        figures.update(throughput(registry, count))
        chatter_rows = max(min(size // 10, 5 * BATCH), 1)
        context.progress(f"record API create of {chatter_rows} contacts with their chatter messages")
        figures["create_api_with_chatter_rows_per_s"] = round(chatter_throughput(registry, chatter_rows))
    with context.database("demo") as registry:
        context.progress("record API: Odoo 17's calls on a demo-sized database")
        demo = figures["demo"] = on_demo(registry)
    figures["vs_odoo17"] = {
        "single_create": round(ODOO17["single_create_ms"] / demo["single_create_ms"], 1),
        "batch_create": round(demo["batch_create_1000_rows_per_s"] / ODOO17["create_rows_per_s"], 1),
        "search_read_80": round(ODOO17["search_read_80_ms"] / demo["search_read_80_ms"], 1),
    }
    if "read_group_by_stage_ms" in demo:
        ratio = ODOO17["read_group_ms"] / demo["read_group_by_stage_ms"]
        figures["vs_odoo17"]["read_group"] = round(ratio, 1)
    figures["odoo17"] = ODOO17
    return figures
