"""Planner statistics after bulk work: the tables a transaction filled are analyzed before it commits.

Without statistics the planner guesses: on PostgreSQL a table that was just filled by COPY still looks
empty (or as small as at its last ANALYZE) until autovacuum comes by, and an ``ilike`` search of 80
rows among 16k took 22 ms of SQL instead of 0.7. Imports (``load``, ``erp import``) and installs ask
for fresh statistics with :func:`analyze_filled_on_commit`; everyday creates do not pay for it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from core.db.transaction import Cursor

# a table that got fewer new rows in the transaction keeps its statistics (autovacuum's business)
BULK_ROWS = 100
# rows SQLite's ANALYZE reads per index: enough for the planner, cheap on any table
SQLITE_ANALYSIS_LIMIT = 1000
_FILLED = "statistics.filled"
_ASKED = "statistics.asked"


def note_filled(cr: Cursor, table: str, rows: int) -> None:
    """``rows`` were inserted into ``table`` in this transaction (SQLite keeps no such counter)."""
    filled = cr.data.setdefault(_FILLED, {})
    filled[table] = filled.get(table, 0) + rows


def analyze_filled_on_commit(cr: Cursor, min_rows: int = BULK_ROWS) -> None:
    """Before ``cr`` commits, ANALYZE every table that got at least ``min_rows`` new rows in it.

    Asked several times in one transaction, it runs once, with the smallest ``min_rows``."""
    asked = cr.data.get(_ASKED)
    cr.data[_ASKED] = min_rows if asked is None else min(asked, min_rows)
    if asked is None:
        cr.precommit.append(lambda: analyze_tables(cr, filled_tables(cr, cr.data.get(_ASKED, min_rows))))


def filled_tables(cr: Cursor, min_rows: int) -> list[str]:
    """The tables of the current schema that got at least ``min_rows`` new rows in this transaction."""
    if cr.dialect == "postgresql":
        # the server counts the rows each table got in the current transaction (COPY and INSERT alike)
        statement = sa.text("SELECT relname FROM pg_stat_xact_user_tables "
                            "WHERE schemaname = current_schema() AND n_tup_ins >= :rows ORDER BY relname")
        return [row[0] for row in cr.connection.execute(statement, {"rows": max(min_rows, 1)})]
    if min_rows <= 1:
        # SQLite counts no rows per table, and single-row creates are not noted: an install asks for
        # every table, which its analysis limit keeps cheap
        statement = sa.text("SELECT name FROM sqlite_master "
                            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return [row[0] for row in cr.connection.execute(statement)]
    filled = cr.data.get(_FILLED, {})
    return sorted(name for name, rows in filled.items() if rows >= max(min_rows, 1))


def analyze_tables(cr: Cursor, tables: list[str]) -> None:
    """ANALYZE ``tables`` inside the transaction of ``cr`` (both engines allow it there; on PostgreSQL
    the rows the transaction inserted count as live). Maintenance, so not counted in ``sql_count``."""
    if not tables:
        return
    connection = cr.connection
    quote = connection.dialect.identifier_preparer.quote
    if cr.dialect == "sqlite":
        connection.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        for table in tables:
            connection.exec_driver_sql(f"ANALYZE {quote(table)}")
        return
    connection.exec_driver_sql(f"ANALYZE {', '.join(quote(table) for table in tables)}")
