"""The ``load`` scenario: importing partners with ``load`` (the engine of file import and RPC ``load``)
beside raw SQLAlchemy Core inserts of the same rows into the same table."""
from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa

from core import clock
from core.bench.runner import BenchContext, scenario, timer
from core.records.environment import SUPERUSER_ID, Environment

WORDS = ("north", "south", "blue", "green", "acme", "iberia", "levante", "sol", "mar", "norte", "data",
         "home", "tech", "casa", "grupo", "servicios", "global", "local")
COLUMNS = ["id", "name", "email", "city", "country_id/id", "is_company", "ref"]
RAW_BATCH = 1000


def import_rows(count: int, countries: list[str], prefix: str = "bench_partner") -> list[list[Any]]:
    """Rows as a CSV file would give them: every cell a text, countries by external id."""
    rng = random.Random(7)
    rows = []
    for i in range(count):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        rows.append([f"{prefix}_{i}", name, f"contact{i}@example.com", rng.choice(WORDS).title(),
                     rng.choice(countries), "1" if i % 3 == 0 else "0", f"L{i:07d}"])
    return rows


def timed_load(context: BenchContext, rows: list[list[Any]], label: str,
               extra_context: dict[str, Any] | None = None) -> tuple[float, int]:
    """Seconds and SQL statements of one ``load`` of ``rows`` in one transaction."""
    context.progress(label)
    with timer() as took, context.registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", **(extra_context or {})})
        before = cr.sql_count
        result = env["res.partner"].load(COLUMNS, rows)
        statements = cr.sql_count - before
    if result["ids"] is False:
        raise RuntimeError(f"bench load refused: {result['messages'][:3]}")
    return took["seconds"], statements


def core_insert(context: BenchContext, rows: list[list[Any]], country_ids: dict[str, int]) -> float:
    """Seconds to insert the same partners with raw SQLAlchemy Core, a thousand per statement."""
    context.progress(f"raw Core insert {len(rows)} partners")
    table = context.registry.models["res.partner"]._table
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    with timer() as took, context.registry.engine.begin() as conn:
        now = clock.utcnow()
        for start in range(0, len(rows), RAW_BATCH):
            values = [{"name": name, "complete_name": name, "email": email, "city": city,
                       "country_id": country_ids[country], "is_company": company == "1", "ref": ref,
                       "active": True, "type": "contact", "lang": "en_US", "create_uid": 1, "write_uid": 1,
                       "create_date": now, "write_date": now}
                      for _xmlid, name, email, city, country, company, ref in rows[start:start + RAW_BATCH]]
            conn.execute(statement, values)
    return took["seconds"]


@scenario("load")
def load(context: BenchContext) -> dict[str, Any]:
    """``load`` of --size partners as RPC scripts call it (chatter logs each creation), again without
    tracking as Odoo's import screen runs it by default, a second time unchanged, and raw inserts."""
    size = context.size
    with context.registry.cursor() as cr:
        countries = Environment(cr, SUPERUSER_ID, {})["res.country"].search([], limit=20)
        xmlids = [f"base.{code.lower()}" for code in countries.mapped("code")]
        country_ids = dict(zip(xmlids, countries.ids))
    rows = import_rows(size, xmlids)
    tracked, statements = timed_load(context, rows, f"load {size} partners (one transaction)")
    untracked, _statements = timed_load(context, import_rows(size, xmlids, prefix="bench_quiet"),
                                        f"load {size} other partners without tracking",
                                        {"tracking_disable": True})
    again, _statements = timed_load(context, rows, f"load the first {size} rows again (nothing changed)")
    raw = core_insert(context, rows, country_ids)
    return {
        "rows": size,
        "load_seconds": round(tracked, 2),
        "load_rows_per_s": round(size / tracked),
        "load_sql_statements": statements,
        "load_untracked_rows_per_s": round(size / untracked),
        "reload_unchanged_rows_per_s": round(size / again),
        "core_insert_rows_per_s": round(size / raw),
        "load_vs_core": round(raw / tracked, 3),
        "load_untracked_vs_core": round(raw / untracked, 3),
    }
