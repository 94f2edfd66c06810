"""Inserting many rows fast: ids reserved up front, rows sent with COPY (PostgreSQL) or executemany.

Knowing the ids before the INSERT lets the record API cache and precompute new records first and
send rows without RETURNING, so the driver never parses a thousand-row statement. Values are
converted by the same SQLAlchemy type processors a Core INSERT would use, so what lands in the
columns is identical; errors are the same SQLAlchemy exceptions (IntegrityError with the driver's
diagnostics), so callers name the field or constraint as before.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from core.db.statistics import note_filled

if TYPE_CHECKING:
    from core.db.transaction import Cursor

# from this many rows on, PostgreSQL gets COPY: two round trips, and no statement to parse per row
COPY_MIN_ROWS = 10
# rows per executemany call (SQLite, and small batches on PostgreSQL)
EXECUTEMANY_CHUNK = 1000


def reserve_ids(cr: Cursor, table: sa.Table, count: int) -> list[int]:
    """``count`` new ids of ``table``, ascending, that no other transaction will use."""
    if count <= 0:
        return []
    if cr.dialect == "postgresql":
        statement = sa.text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
        )
        return sorted(row[0] for row in cr.execute(statement, {"table": table.name, "count": count}))
    statement = sa.text(f"SELECT {_sqlite_last_id(cr, table)}")
    start = int(cr.execute(statement, {"id_table": table.name}).scalar() or 0)
    return list(range(start + 1, start + 1 + count))


def next_id_select(cr: Cursor, table: sa.Table) -> sa.TextualSelect:
    """A SELECT of the id the next row of ``table`` gets (column ``id``), to use inside the INSERT of that
    row (as a CTE) so that choosing the id costs no statement of its own."""
    if cr.dialect == "postgresql":
        statement = sa.text("SELECT nextval(pg_get_serial_sequence(:id_table, 'id')) AS id")
    else:
        statement = sa.text(f"SELECT {_sqlite_last_id(cr, table)} + 1 AS id")
    return statement.bindparams(id_table=table.name).columns(id=sa.Integer)


def _sqlite_last_id(cr: Cursor, table: sa.Table) -> str:
    """The highest id ever used in ``table``, as SQL (parameter ``id_table``: its name). SQLite
    (AUTOINCREMENT) numbers the next rows after it; our write transaction holds the database's write lock,
    so nobody else inserts before our INSERT, which then advances the counter."""
    return ("max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = :id_table), 0), "
            f"coalesce((SELECT max(id) FROM {_quote(cr, table.name)}), 0))")


def insert_rows(cr: Cursor, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT ``rows`` (values in ``columns`` order, ids included) as SQLAlchemy Core would store them."""
    if not rows:
        return
    note_filled(cr, table.name, len(rows))
    processors = _processors(cr, table, columns)
    if any(processors):
        rows = [tuple(value if process is None else process(value) for process, value in zip(processors, row))
                for row in rows]
    if cr.dialect == "postgresql" and len(rows) >= COPY_MIN_ROWS:
        _copy(cr, table, columns, rows)
        return
    quote = cr.connection.dialect.identifier_preparer.quote
    marker = "?" if cr.dialect == "sqlite" else "%s"
    statement = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                 f"VALUES ({', '.join([marker] * len(columns))})")
    for start in range(0, len(rows), EXECUTEMANY_CHUNK):
        chunk = rows[start:start + EXECUTEMANY_CHUNK]
        cr.sql_count += 1
        if len(chunk) == 1:
            cr.connection.exec_driver_sql(statement, tuple(chunk[0]))
        else:
            cr.connection.exec_driver_sql(statement, [tuple(row) for row in chunk])


def _processors(cr: Cursor, table: sa.Table, columns: Sequence[str]) -> list[Callable[[Any], Any] | None]:
    dialect = cr.connection.dialect
    return [table.c[name].type._cached_bind_processor(dialect) for name in columns]


def _copy(cr: Cursor, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """COPY ... FROM STDIN through psycopg, announced to SQLAlchemy's statement listeners like any other
    statement, with the driver's errors wrapped as SQLAlchemy wraps them."""
    connection = cr.connection
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    dbapi_connection = connection.connection.driver_connection  # psycopg's own connection: COPY is its API
    assert dbapi_connection is not None  # the cursor holds its connection checked out
    cr.sql_count += 1
    with dbapi_connection.cursor() as cursor:
        connection.dispatch.before_cursor_execute(connection, cursor, statement, None, None, False)
        try:
            with cursor.copy(statement) as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
        except connection.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(statement, None, error, connection.dialect.loaded_dbapi.Error,
                                      dialect=connection.dialect) from error
        connection.dispatch.after_cursor_execute(connection, cursor, statement, None, None, False)


def _quote(cr: Cursor, name: str) -> str:
    return cr.connection.dialect.identifier_preparer.quote(name)
