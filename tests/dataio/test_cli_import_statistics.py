"""``erp import`` leaves the planner real statistics of the table it filled."""

from __future__ import annotations

import sqlalchemy as sa


def _planner_rows(db) -> float:
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            return float(conn.execute(sa.text("SELECT reltuples FROM pg_class WHERE relname = 'res_partner'"))
                         .scalar())
        stat = conn.execute(sa.text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'res_partner'")).scalar()
        return float(stat.split()[0]) if stat else -1


def test_import_analyzes_the_table_it_filled(erp, db, write_file):
    rows = "\n".join(f"Stats {i},stats{i}@example.com" for i in range(250))
    path = write_file("many.csv", f"Name,Email\n{rows}\n")
    result = erp("import", "--model", "res.partner", str(path))
    assert result.exit_code == 0, result.output
    assert _planner_rows(db) >= 250
