"""Record API scenarios: batch create vs raw Core inserts, search_read, search_count, read_group, write."""
from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa

from core import clock
from core.bench.runner import BenchContext, median_ms, scenario, timer
from core.records.environment import SUPERUSER_ID, Environment

WORDS = ("north", "south", "blue", "green", "acme", "iberia", "levante", "sol", "mar", "norte", "data", "home",
         "tech", "casa", "grupo", "servicios", "global", "local")
BATCH = 1000


def partner_rows(count: int, offset: int, countries: list[int]) -> list[dict[str, Any]]:
    rng = random.Random(offset)
    rows = []
    for i in range(offset, offset + count):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        rows.append({"name": name, "email": f"contact{i}@example.com", "city": rng.choice(WORDS).title(),
                     "country_id": rng.choice(countries), "is_company": i % 3 == 0, "ref": f"R{i:07d}"})
    return rows


@scenario("record_api")
def record_api(context: BenchContext) -> dict[str, Any]:
    registry, size = context.registry, context.size
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        countries = env["res.country"].search([], limit=20).ids
    half = max(size // 2, BATCH)
    figures: dict[str, Any] = {"rows": size}

    # batch create through the record API, in batches of 1,000 (each batch its own transaction)
    context.progress(f"record API create {half} partners")
    with timer() as api:
        for offset in range(0, half, BATCH):
            with registry.cursor() as cr:
                env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
                env["res.partner"].create(partner_rows(min(BATCH, half - offset), offset, countries))
    # the same rows with raw SQLAlchemy Core inserts into the same table, same columns
    context.progress(f"raw Core insert {half} partners")
    table = registry.models["res.partner"]._table
    with timer() as raw:
        for offset in range(0, half, BATCH):
            now = clock.utcnow()
            rows = partner_rows(min(BATCH, half - offset), half + offset, countries)
            for row in rows:
                row.update(complete_name=row["name"], active=True, type="contact", lang="en_US", create_uid=1,
                           write_uid=1, create_date=now, write_date=now)
            with registry.engine.begin() as conn:
                conn.execute(sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    figures["create_api_rows_per_s"] = round(half / api["seconds"])
    figures["create_core_rows_per_s"] = round(half / raw["seconds"])
    figures["create_api_vs_core"] = round(raw["seconds"] / api["seconds"], 3)

    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        Partner = env["res.partner"]
        figures["partners_total"] = Partner.search_count([])
        figures["search_read_80_ilike_ms"] = median_ms(
            lambda: Partner.search_read([("name", "ilike", "levante")], ["name", "email", "city", "country_id"],
                                        limit=80))
        figures["search_count_ilike_ms"] = median_ms(lambda: Partner.search_count([("name", "ilike", "blue")]))
        figures["read_group_country_ms"] = median_ms(
            lambda: Partner.read_group([], ["country_id"], ["country_id"]))
        ids = Partner.search([], limit=1000).ids

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
