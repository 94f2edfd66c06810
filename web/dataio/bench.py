"""``erp bench`` scenario "import": a CSV file of partners imported as ``erp import`` and the import
screen do it (read, map the columns, check every row, write in batches, tracking off as in Odoo's
import), rows per second, on a fresh copy of the empty template."""

from __future__ import annotations

import io
import random
from typing import Any

from core.bench.fill import WORDS
from core.bench.runner import BenchContext, scenario, timer
from core.exchange.files import read_table
from core.exchange.load import Loader, import_context
from core.exchange.mapping import map_columns
from core.records.environment import SUPERUSER_ID, Environment

MAX_ROWS = 100_000
TARGET_SECONDS_100K = 30


def partner_csv(count: int, countries: list[str]) -> bytes:
    """A CSV of ``count`` partners with the headers a person would write (labels, a country by name)."""
    rng = random.Random(7)
    out = io.StringIO()
    out.write("Name,Email,City,Country,Is a Company,Reference\n")
    for i in range(count):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        out.write(
            f"{name},import{i}@example.com,{rng.choice(WORDS).title()},{rng.choice(countries)},"
            f"{'yes' if i % 3 == 0 else 'no'},IMP{i:07d}\n"
        )
    return out.getvalue().encode()


@scenario("import")
def import_file(context: BenchContext) -> dict[str, Any]:
    rows_wanted = min(context.size, MAX_ROWS)
    with context.database("empty") as registry:
        with registry.cursor(readonly=True) as cr:
            found = Environment(cr, SUPERUSER_ID, {})["res.country"].search_read([], ["name"], limit=20)
        countries = [country["name"] for country in found]
        content = partner_csv(rows_wanted, countries)
        context.progress(f"import: {rows_wanted} partners from a {len(content) // 1024} KB CSV file")
        with timer() as took, registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", **import_context()})
            header, rows = read_table(content, "partners.csv")
            fields = map_columns(env["res.partner"], header)
            result = Loader(env["res.partner"], [f or "" for f in fields], rows).run()
    if result["ids"] is False:
        return {"error": result["messages"][:3]}
    seconds = took["seconds"]
    return {
        "rows": len(result["ids"]),
        "seconds": round(seconds, 2),
        "rows_per_second": round(len(rows) / seconds),
        "seconds_for_100k": round(seconds * MAX_ROWS / len(rows), 1),
        "target_seconds_for_100k": TARGET_SECONDS_100K,
    }
