"""Applying a schema plan with alembic operations (batch mode on SQLite), logged and guarded."""
from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from core import clock
from core.exceptions import SchemaError
from core.i18n import _
from core.registry.tables import uses_trigrams
from core.schema.diff import Change, raw_diffs
from core.schema.guard import check_conversions, rename_hint, selection_changes
from core.schema.plan import plan

if TYPE_CHECKING:
    from core.registry.registry import Registry

LOG_TABLE = "ir_schema_migration"


@contextmanager
def schema_connection(registry: Registry) -> Iterator[sa.Connection]:
    """A connection in one transaction for DDL; foreign keys are off on SQLite while tables are rebuilt."""
    conn = registry.engine.connect()
    sqlite = conn.dialect.name == "sqlite"
    driver = conn.connection.driver_connection  # PRAGMA foreign_keys is set outside any transaction
    assert driver is not None  # the connection is checked out until closed below
    try:
        if sqlite:
            driver.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            from core.registry.signals import ensure_signal_table

            ensure_signal_table(conn)
            yield conn
            if sqlite:
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise SchemaError(_("The schema change would break references: %(problems)s",
                                        problems=str(problems[:5])))
    finally:
        if sqlite:
            driver.execute("PRAGMA foreign_keys=ON")
        conn.close()


def compute_plan(registry: Registry, drop_tables: set[str] | None = None) -> list[Change]:
    with schema_connection(registry) as conn:
        return plan(conn, registry, raw_diffs(conn, registry, set(drop_tables or ())))


def sync_schema(registry: Registry, allow_destructive: bool = False, drop_tables: set[str] | None = None,
                reason: str = "", progress: Callable[[int, int], None] | None = None) -> list[Change]:
    """Bring the database to the registry's tables; returns the applied changes.

    Destructive changes (dropping a table or column that holds data, narrowing a type of a
    column with values) are refused with SchemaError unless ``allow_destructive``; a dropped column
    that looks renamed suggests ``rename_from``. Values a type change cannot convert are named before
    anything changes. Selection values the definitions dropped are mapped by ``selection_migrate``,
    else refused (emptied when destructive changes are allowed); those changes are returned too.
    """
    with schema_connection(registry) as conn:
        changes = plan(conn, registry, raw_diffs(conn, registry, set(drop_tables or ())))
        refused = [c for c in changes if c.destructive]
        if refused and not allow_destructive:
            listing = "; ".join(c.describe() + rename_hint(c, changes) for c in refused)
            raise SchemaError(
                _(
                    "Refused destructive schema changes (run again with --allow-destructive to apply "
                    "them): %(changes)s",
                    changes=listing,
                )
            )
        check_conversions(conn, changes)
        data_changes = selection_changes(conn, registry, changes, allow_destructive)
        try:
            apply_changes(conn, registry, changes, progress)
        except sa.exc.DBAPIError as error:
            problem = str(error.orig).strip().splitlines()[0]
            message = _("The database refused the schema change: %(reason)s", reason=problem)
            raise SchemaError(message) from None
        log_changes(conn, changes + data_changes, reason)
    return changes + data_changes


def apply_changes(conn: sa.Connection, registry: Registry, changes: list[Change],
                  progress: Callable[[int, int], None] | None = None) -> None:
    sqlite = conn.dialect.name == "sqlite"
    if not sqlite and changes and uses_trigrams(registry.metadata):
        ensure_trigram_extension(conn)
    operations = Operations(MigrationContext.configure(conn, opts={"render_as_batch": sqlite}))
    new_tables = [registry.metadata.tables[c.table] for c in changes if c.operation == "add_table"]
    if new_tables:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Cannot correctly sort tables")
            registry.metadata.create_all(conn, tables=new_tables, checkfirst=True)
    by_table: dict[str, list[Change]] = {}
    for change in changes:
        if change.operation != "add_table":
            by_table.setdefault(change.table, []).append(change)
    done = len(new_tables)
    total = len(changes)
    for table_name, table_changes in by_table.items():
        if sqlite and any(c.operation not in ("add_column", "add_index", "remove_index", "remove_table")
                          for c in table_changes):
            _apply_batch(operations, registry, table_name, table_changes)
        else:
            for change in table_changes:
                _apply_one(operations, conn, change)
        done += len(table_changes)
        if progress:
            progress(done, total)


def _apply_one(operations: Operations, conn: sa.Connection, change: Change) -> None:
    op, table = change.operation, change.table
    if op == "remove_table":
        operations.drop_table(table)
    elif op == "add_column":
        # a detached copy: alembic attaches the column to its own table (Column.copy() is deprecated)
        column = change.payload._copy()
        # its index is a separate change of the plan: alembic would create it twice
        column.index = None
        operations.add_column(table, column)
    elif op == "remove_column":
        operations.drop_column(table, change.column_name)
    elif op == "rename_column":
        operations.alter_column(table, change.column_name, new_column_name=change.extra["new_name"])
    elif op == "alter_type":
        new_type = change.extra["new_type"]
        using = None
        if conn.dialect.name == "postgresql":
            target = new_type.compile(dialect=conn.dialect)
            quoted = conn.dialect.identifier_preparer.quote(change.column_name)
            using = f"{quoted}::{target}" if "JSON" not in target else f"to_jsonb({quoted})"
        operations.alter_column(table, change.column_name, type_=new_type,
                                existing_type=change.extra["old_type"], postgresql_using=using)
    elif op == "add_index":
        index = change.payload
        operations.create_index(index.name, table, [c.name for c in index.columns], unique=index.unique,
                                **index.dialect_kwargs)
    elif op == "remove_index":
        operations.drop_index(change.payload.name, table_name=table)
    elif op == "add_unique":
        operations.create_unique_constraint(
            change.payload.name, table, [c.name for c in change.payload.columns]
        )
    elif op == "remove_unique":
        operations.drop_constraint(change.payload.name, table, type_="unique")
    elif op == "add_fk":
        fk = change.payload
        operations.create_foreign_key(fk.name, table, fk.elements[0].column.table.name,
                                      [c.name for c in fk.columns], [e.column.name for e in fk.elements],
                                      ondelete=fk.ondelete)
    elif op == "remove_fk":
        operations.drop_constraint(change.payload.name, table, type_="foreignkey")


def ensure_trigram_extension(conn: sa.Connection) -> None:
    """``pg_trgm``, which trigram indexes need: a trusted extension, so the database's owner may add it."""
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        raise SchemaError(_("Trigram indexes need PostgreSQL's pg_trgm extension, which could not be "
                            "installed: %(reason)s", reason=str(error.orig).strip())) from None


def _apply_batch(operations: Operations, registry: Registry, table_name: str, changes: list[Change]) -> None:
    """SQLite cannot alter most things in place: rebuild the table from its definition, copying the
    data of the columns that remain (renamed ones under their new name)."""
    conn = operations.get_bind()
    if any(c.operation == "remove_table" for c in changes):
        operations.drop_table(table_name)
        return
    target = registry.metadata.tables[table_name]
    existing = {column["name"] for column in sa.inspect(conn).get_columns(table_name)}
    sources = {c.extra["new_name"]: c.column_name for c in changes if c.operation == "rename_column"}
    temporary = target.to_metadata(registry.metadata, name=f"_rebuild_{table_name}")
    try:
        for index in list(temporary.indexes):
            temporary.indexes.discard(index)
        conn.execute(sa.schema.CreateTable(temporary))
        pairs = [(column.name, sources.get(column.name, column.name)) for column in target.columns
                 if sources.get(column.name, column.name) in existing]
        quote = conn.dialect.identifier_preparer.quote
        conn.exec_driver_sql(
            f"INSERT INTO {quote(temporary.name)} ({', '.join(quote(new) for new, _old in pairs)}) "
            f"SELECT {', '.join(quote(old) for _new, old in pairs)} FROM {quote(table_name)}")
        conn.exec_driver_sql(f"DROP TABLE {quote(table_name)}")
        conn.exec_driver_sql(f"ALTER TABLE {quote(temporary.name)} RENAME TO {quote(table_name)}")
        for index in target.indexes:
            index.create(conn)
    finally:
        registry.metadata.remove(temporary)


def log_changes(conn: sa.Connection, changes: list[Change], reason: str) -> None:
    if not changes or not sa.inspect(conn).has_table(LOG_TABLE):
        return
    now: dt.datetime = clock.utcnow()
    table = sa.table(LOG_TABLE, sa.column("name"), sa.column("operation"), sa.column("table_name"),
                     sa.column("column_name"), sa.column("details"), sa.column("destructive"),
                     sa.column("reason"), sa.column("create_date"), sa.column("write_date"))
    conn.execute(sa.insert(table), [{
        "name": change.describe()[:250], "operation": change.operation, "table_name": change.table,
        "column_name": change.column, "details": change.details, "destructive": change.destructive,
        "reason": reason or None, "create_date": now, "write_date": now,
    } for change in changes])
