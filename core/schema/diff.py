"""The difference between the registry's tables and the live database, as alembic computes it."""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

if TYPE_CHECKING:
    from core.registry.registry import Registry

# tables the engine keeps for itself, outside any model
INTERNAL_TABLES = frozenset({"ir_registry_signal", "alembic_version"})


@dataclass
class Change:
    """One schema operation, described for the log and the guard before it is applied."""

    operation: str  # add_table, remove_table, add_column, remove_column, rename_column, alter_type, ...
    table: str
    column: str | None = None
    details: str = ""
    destructive: bool = False
    payload: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def column_name(self) -> str:
        """The column of a column operation (they always name one)."""
        if self.column is None:
            raise ValueError(f"{self.operation} on {self.table} names no column")
        return self.column

    def describe(self) -> str:
        target = f"{self.table}.{self.column}" if self.column else self.table
        return f"{self.operation} {target}{': ' + self.details if self.details else ''}"


def _include(drop_tables: set[str], known: set[str]) -> Any:
    def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table":
            if name in INTERNAL_TABLES:
                return False
            if reflected and compare_to is None:
                return name in drop_tables
        if type_ in ("column", "index", "unique_constraint", "foreign_key_constraint"):
            table = getattr(obj, "table", None)
            table_name = getattr(table, "name", None)
            if table_name in INTERNAL_TABLES or (table_name not in known and table_name not in drop_tables):
                return False
        return True

    return include_object


def _compare_type(context: Any, inspected_column: Any, metadata_column: Any, inspected_type: Any,
                  metadata_type: Any) -> bool | None:
    """Only report real changes of type family or length, not dialect spellings of one type."""
    old, new = family(inspected_type), family(metadata_type)
    if old != new:
        return True
    if old == "string":
        old_length = getattr(inspected_type, "length", None)
        new_length = getattr(metadata_type, "length", None)
        return old_length != new_length and not (old_length is None and new_length is None)
    return False


def family(type_: Any) -> str:
    """A coarse family of a SQL type: what matters to decide whether a change loses data."""
    if isinstance(type_, sa.Boolean):
        return "boolean"
    if isinstance(type_, (sa.Integer, sa.SmallInteger, sa.BigInteger)):
        return "integer"
    if isinstance(type_, (sa.Float, sa.Numeric)):
        return "number"
    if isinstance(type_, sa.DateTime):
        return "datetime"
    if isinstance(type_, sa.Date):
        return "date"
    if isinstance(type_, sa.JSON) or type(type_).__name__.upper() in ("JSON", "JSONB"):
        return "json"
    if isinstance(type_, (sa.LargeBinary,)) or type(type_).__name__.upper() in ("BLOB", "BYTEA"):
        return "binary"
    if isinstance(type_, sa.Text) or (
        isinstance(type_, sa.String) and type(type_).__name__.upper() == "TEXT"
    ):
        return "text" if not getattr(type_, "length", None) else "string"
    if isinstance(type_, sa.String):
        return "string" if getattr(type_, "length", None) else "text"
    return type(type_).__name__.lower()


def raw_diffs(conn: sa.Connection, registry: Registry, drop_tables: set[str],
              only: set[str] | None = None) -> list[Any]:
    """alembic's diffs between the registry and the database; ``only`` limits them (and the reflection)
    to those tables, for a change known to touch nothing else."""
    known = set(registry.metadata.tables)
    include = _include(drop_tables, known)
    opts: dict[str, Any] = {
        "compare_type": _compare_type,
        "compare_server_default": False,
        "include_object": include,
    }
    if only is not None:
        opts["include_name"] = lambda name, type_, _parent: type_ != "table" or name in only
        opts["include_object"] = lambda obj, name, type_, reflected, compare_to: (
            (type_ != "table" or name in only) and include(obj, name, type_, reflected, compare_to))
    context = MigrationContext.configure(conn, opts=opts)
    with warnings.catch_warnings():
        # foreign keys between tables that refer to each other are created after the tables
        warnings.filterwarnings("ignore", message="Cannot correctly sort tables")
        return compare_metadata(context, registry.metadata)
