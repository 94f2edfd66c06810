"""Record API scenarios: batch create vs raw Core inserts, search_read, search_count, read_group, write.

Figures are ratios or compared with Odoo 17's on the same kind of machine (DESIGN.md: a partner
create in about 25 ms, 660 records/s in batches, an 80-row search_read in about 19 ms, a read_group
in about 15 ms), so they stay meaningful on a busy machine.
"""
from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa

from core import clock
from core.bench.runner import BenchContext, median_ms, scenario, timer
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

WORDS = (
    "north",
    "south",
    "blue",
    "green",
    "acme",
    "iberia",
    "levante",
    "sol",
    "mar",
    "norte",
    "data",
    "home",
    "tech",
    "casa",
    "grupo",
    "servicios",
    "global",
    "local",
)
BATCH = 1000
ODOO17 = {
    "single_create_ms": 25.0,
    "create_rows_per_s": 660.0,
    "search_read_80_ms": 19.0,
    "read_group_ms": 15.0,
}
# Odoo's documented context keys for bulk work: no chatter message per record created. With them the
# record API writes exactly the rows raw Core writes, which is what the throughput ratio compares.
BULK_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True}


def partner_rows(count: int, offset: int, countries: list[int]) -> list[dict[str, Any]]:
    rng = random.Random(offset)
    rows = []
    for i in range(offset, offset + count):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        rows.append({"name": name, "email": f"contact{i}@example.com", "city": rng.choice(WORDS).title(),
                     "country_id": rng.choice(countries), "is_company": i % 3 == 0, "ref": f"R{i:07d}"})
    return rows


def _api_create(registry: Registry, count: int, offset: int, countries: list[int],
                context: dict[str, Any]) -> dict[str, float]:
    """Wall and CPU seconds to create ``count`` partners through the record API, 1,000 per transaction."""
    with timer() as elapsed:
        for start in range(0, count, BATCH):
            with registry.cursor() as cr:
                env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", **context})
                env["res.partner"].create(partner_rows(min(BATCH, count - start), offset + start, countries))
    return elapsed


def _core_insert(registry: Registry, count: int, offset: int, countries: list[int]) -> dict[str, float]:
    """Wall and CPU seconds to insert the same rows with SQLAlchemy Core (the values create would store)."""
    table = registry.models["res.partner"]._table
    with timer() as elapsed:
        for start in range(0, count, BATCH):
            now = clock.utcnow()
            rows = partner_rows(min(BATCH, count - start), offset + start, countries)
            for row in rows:
                row.update(complete_name=row["name"], active=True, type="contact", lang="en_US", create_uid=1,
                           write_uid=1, create_date=now, write_date=now)
            with registry.engine.begin() as conn:
                conn.execute(sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return elapsed


@scenario("record_api")
def record_api(context: BenchContext) -> dict[str, Any]:
    registry, size = context.registry, context.size
    with registry.cursor() as cr:
        countries = Environment(cr, SUPERUSER_ID, {})["res.country"].search([], limit=20).ids
    half = max(size // 2, 1)
    figures: dict[str, Any] = {"rows": size}

    context.progress(f"record API create {half} partners")
    api = _api_create(registry, half, 0, countries, BULK_CONTEXT)
    context.progress(f"raw Core insert {half} partners")
    core = _core_insert(registry, half, 10 * size, countries)
    chatter_rows = max(min(size // 10, 5 * BATCH), 1)
    context.progress(f"record API create {chatter_rows} partners with their chatter messages")
    chatter = _api_create(registry, chatter_rows, 20 * size, countries, {})
    figures["create_api_rows_per_s"] = round(half / api["seconds"])
    figures["create_core_rows_per_s"] = round(half / core["seconds"])
    figures["create_api_vs_core"] = round(core["seconds"] / api["seconds"], 3)
    # the same ratio in CPU time of this process: steadier on a shared machine (on SQLite it includes
    # the database's own work; on PostgreSQL the server's work is left out of both sides)
    figures["create_api_vs_core_cpu"] = round(core["cpu"] / api["cpu"], 3)
    figures["create_api_with_chatter_rows_per_s"] = round(chatter_rows / chatter["seconds"])
    figures.update(_queries(registry))
    figures["vs_odoo17"] = {
        "single_create": round(ODOO17["single_create_ms"] / figures["single_create_ms"], 1),
        "batch_create": round(figures["create_api_with_chatter_rows_per_s"] / ODOO17["create_rows_per_s"], 1),
        "search_read_80": round(ODOO17["search_read_80_ms"] / figures["search_read_80_ilike_ms"], 1),
        "read_group": round(ODOO17["read_group_ms"] / figures["read_group_country_ms"], 1),
    }
    return figures


def _analyze(registry: Registry) -> None:
    """Planner statistics after the bulk load, as autovacuum keeps them on a production PostgreSQL
    (and ``ANALYZE`` does for SQLite): without them the planner guesses the new table is empty."""
    with registry.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE res_partner")


def _queries(registry: Registry) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    _analyze(registry)
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        Partner = env["res.partner"]
        figures["partners_total"] = Partner.search_count([])

        def search_read() -> None:
            Partner.search_read(
                [("name", "ilike", "levante")], ["name", "email", "city", "country_id"], limit=80
            )
            env.cache.invalidate()

        figures["search_read_80_ilike_ms"] = median_ms(search_read)
        ids = Partner.search([], limit=1000).ids

        def read_80() -> None:
            Partner.browse(ids[:80]).read(["name", "email", "city", "country_id"])
            env.cache.invalidate()

        figures["read_80_ms"] = median_ms(read_80)
        figures["search_count_ilike_ms"] = median_ms(
            lambda: Partner.search_count([("name", "ilike", "blue")])
        )
        figures["read_group_country_ms"] = median_ms(
            lambda: Partner.read_group([], ["country_id"], ["country_id"])
        )

        def write_1000() -> None:
            Partner.browse(ids).write({"comment": "<p>benchmark</p>"})
            env.cache.invalidate()

        figures["write_1000_ms"] = median_ms(write_1000, runs=5, warmup=1)

        def single_create() -> None:
            Partner.create({"name": "Single Create", "email": "single@example.com"})

        before = cr.sql_count
        single_create()
        figures["single_create_sql_statements"] = cr.sql_count - before
        figures["single_create_ms"] = median_ms(single_create, runs=50)
        cr.rollback()
    return figures
