"""Building the template databases of ``erp bench`` and the rows scenarios create."""
from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from core.records.environment import SUPERUSER_ID, Environment

if TYPE_CHECKING:
    from core.bench.runner import BenchContext
    from core.registry.registry import Registry

WORDS = ("north", "south", "blue", "green", "acme", "iberia", "levante", "sol", "mar", "norte", "data",
         "home", "tech", "casa", "grupo", "servicios", "global", "local")
BATCH = 1000
# Odoo's documented context keys for bulk work: no chatter message or follower per record created
BULK_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


def partner_rows(count: int, offset: int, countries: list[int]) -> list[dict[str, Any]]:
    """``count`` contacts (names of two words and a number), the same for the same ``offset``."""
    rng = random.Random(offset)
    rows = []
    for i in range(offset, offset + count):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        rows.append({"name": name, "email": f"contact{i}@example.com", "city": rng.choice(WORDS).title(),
                     "country_id": rng.choice(countries), "is_company": i % 3 == 0, "ref": f"R{i:07d}"})
    return rows


def country_ids(registry: Registry, limit: int = 20) -> list[int]:
    with registry.cursor(readonly=True) as cr:
        return Environment(cr, SUPERUSER_ID, {})["res.country"].search([], limit=limit).ids


def create_partners(registry: Registry, count: int, offset: int, progress: Any = None,
                    context: dict[str, Any] | None = None) -> None:
    """``count`` contacts through the record API, a thousand per transaction."""
    countries = country_ids(registry)
    for start in range(0, count, BATCH):
        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", **(context or BULK_CONTEXT)})
            env["res.partner"].create(partner_rows(min(BATCH, count - start), offset + start, countries))
        if progress and start and start % (BATCH * 20) == 0:
            progress(f"{start}/{count} contacts")


def analyze(registry: Registry) -> None:
    """Planner statistics (and PostgreSQL's visibility map) after a bulk load, as autovacuum keeps them
    on a production server: without them the planner guesses that the new rows are not there."""
    engine = registry.engine
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def build_template(context: BenchContext, kind: str, url: str) -> None:
    """Create the ``kind`` template database at ``url``."""
    from core.addon.lifecycle import init_database
    from core.bench.runner import DEMO_PARTNERS
    from core.db.engine import copy_database
    from core.registry.registry import Registry

    if kind == "sized":
        context.progress(f"template database with {context.size} contacts")
        copy_database(context.template("empty"), url)
        registry = Registry.get(url, addons_path=context.addons_path)
        create_partners(registry, context.size, 0, context.progress)
        analyze(registry)
        return
    context.progress(f"template database ({kind})")
    registry = init_database(url, context.addons, demo=kind == "demo", addons_path=context.addons_path)
    if kind == "demo":
        with registry.cursor(readonly=True) as cr:
            have = Environment(cr, SUPERUSER_ID, {})["res.partner"].search_count([])
        if have < DEMO_PARTNERS:
            create_partners(registry, DEMO_PARTNERS - have, 5_000_000)
    analyze(registry)
