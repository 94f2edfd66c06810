"""The ``load`` scenario: importing partners with ``load`` (the engine of file import and RPC ``load``)
beside raw SQLAlchemy Core inserts of the same rows into the same table.

Every measurement starts from its own copy of the empty template, so each one inserts into the same
table in the same state: ``load`` as RPC scripts call it (the chatter logs each creation, as in Odoo),
``load`` as the import screen and ``erp import`` run it (tracking off, Odoo's import defaults), and
raw Core inserts of the same rows, a thousand per executemany.
"""
from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa

from core import clock
from core.bench.fill import WORDS
from core.bench.runner import BenchContext, scenario, timer
from core.exchange.load import IMPORT_CONTEXT
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

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


def countries_by_xmlid(registry: Registry) -> dict[str, int]:
    with registry.cursor(readonly=True) as cr:
        countries = Environment(cr, SUPERUSER_ID, {})["res.country"].search([], limit=20)
        return {f"base.{code.lower()}": record_id for code, record_id in zip(countries.mapped("code"),
                                                                             countries.ids)}


def timed_load(registry: Registry, rows: list[list[Any]], extra_context: dict[str, Any] | None = None
               ) -> tuple[float, int]:
    """Seconds and SQL statements of one ``load`` of ``rows`` in one transaction (committed)."""
    with timer() as took, registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", **(extra_context or {})})
        before = cr.sql_count
        result = env["res.partner"].load(COLUMNS, rows)
        statements = cr.sql_count - before
    if result["ids"] is False:
        raise RuntimeError(f"bench load refused: {result['messages'][:3]}")
    return took["seconds"], statements


def core_insert(registry: Registry, rows: list[list[Any]], country_ids: dict[str, int]) -> float:
    """Seconds to insert the same partners with raw SQLAlchemy Core, a thousand per executemany."""
    table = registry.models["res.partner"]._table
    statement = sa.insert(table)
    with timer() as took, registry.engine.begin() as conn:
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
    size = context.size
    with context.database("empty") as registry:
        country_ids = countries_by_xmlid(registry)
        rows = import_rows(size, list(country_ids))
        context.progress(f"load {size} partners as RPC does (chatter logs each creation)")
        tracked, statements = timed_load(registry, rows)
        context.progress(f"load the same {size} rows again (nothing changed)")
        again, _statements = timed_load(registry, rows)
    with context.database("empty") as registry:
        context.progress(f"load {size} partners as the import screen does (tracking off)")
        untracked, _statements = timed_load(registry, rows, IMPORT_CONTEXT)
    with context.database("empty") as registry:
        context.progress(f"raw Core insert of the same {size} partners")
        raw = core_insert(registry, rows, country_ids)
    return {
        "rows": size,
        "load_seconds": round(tracked, 2),
        "load_rows_per_s": round(size / tracked),
        "load_sql_statements": statements,
        "load_untracked_seconds": round(untracked, 2),
        "load_untracked_rows_per_s": round(size / untracked),
        "reload_unchanged_rows_per_s": round(size / again),
        "core_insert_seconds": round(raw, 2),
        "core_insert_rows_per_s": round(size / raw),
        "load_vs_core": round(raw / tracked, 3),
        "load_untracked_vs_core": round(raw / untracked, 3),
    }
