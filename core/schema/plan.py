"""From alembic's diffs to a plan of Changes: renames recognised, destructive ones marked."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.schema.diff import Change, family

if TYPE_CHECKING:
    from core.registry.registry import Registry

# changes of type family that keep every value
SAFE_CONVERSIONS = {
    ("integer", "number"),
    ("integer", "string"),
    ("integer", "text"),
    ("number", "text"),
    ("number", "string"),
    ("string", "text"),
    ("date", "datetime"),
    ("boolean", "integer"),
    ("date", "text"),
    ("datetime", "text"),
    ("boolean", "text"),
    ("text", "json"),
    ("string", "json"),
}


def _flatten(diffs: list[Any]) -> list[tuple[Any, ...]]:
    flat: list[tuple[Any, ...]] = []
    for diff in diffs:
        if isinstance(diff, list):
            flat.extend(diff)
        else:
            flat.append(diff)
    return flat


def _rows(conn: sa.Connection, table: str, column: str | None = None) -> int:
    quoted = conn.dialect.identifier_preparer.quote
    where = f" WHERE {quoted(column)} IS NOT NULL" if column else ""
    return int(conn.execute(sa.text(f"SELECT COUNT(*) FROM {quoted(table)}{where}")).scalar() or 0)


def renames(registry: Registry) -> dict[tuple[str, str], str]:
    """(table, old column) → new column, for fields declared with ``rename_from``."""
    result: dict[tuple[str, str], str] = {}
    for cls in registry.models.values():
        if cls._abstract:
            continue
        for field in cls._fields.values():
            if field.rename_from and field.column:
                result[(cls._table.name, field.rename_from)] = field.column_name
    return result


def plan(conn: sa.Connection, registry: Registry, diffs: list[Any]) -> list[Change]:
    flat = _flatten(diffs)
    rename_map = renames(registry)
    added = {(d[2], d[3].name): d for d in flat if d[0] == "add_column"}
    changes: list[Change] = []
    handled: set[tuple[str, str]] = set()
    for diff in flat:
        kind = diff[0]
        if kind == "remove_column":
            table, column = diff[2], diff[3].name
            new_name = rename_map.get((table, column))
            if new_name and (table, new_name) in added:
                changes.append(Change("rename_column", table, column, f"renamed to {new_name}",
                                      extra={"new_name": new_name}))
                handled.add((table, new_name))
                continue
    for diff in flat:
        kind = diff[0]
        if kind == "add_table":
            changes.append(Change("add_table", diff[1].name, payload=diff[1]))
        elif kind == "remove_table":
            count = _rows(conn, diff[1].name)
            changes.append(Change("remove_table", diff[1].name, details=f"{count} rows" if count else "empty",
                                  destructive=count > 0, payload=diff[1]))
        elif kind == "add_column":
            table, column = diff[2], diff[3]
            if (table, column.name) in handled:
                continue
            changes.append(Change("add_column", table, column.name, str(column.type), payload=column))
        elif kind == "remove_column":
            table, column = diff[2], diff[3]
            if any(
                c.operation == "rename_column" and c.table == table and c.column == column.name
                for c in changes
            ):
                continue
            count = _rows(conn, table, column.name)
            changes.append(
                Change(
                    "remove_column",
                    table,
                    column.name,
                    f"{count} values" if count else "empty",
                    destructive=count > 0,
                    payload=column,
                )
            )
        elif kind == "modify_type":
            table, column, old_type, new_type = diff[2], diff[3], diff[5], diff[6]
            count = _rows(conn, table, column)
            changes.append(Change("alter_type", table, column, f"{old_type} -> {new_type}",
                                  destructive=count > 0 and narrowing(old_type, new_type),
                                  extra={"old_type": old_type, "new_type": new_type}))
        elif kind in ("add_index", "remove_index"):
            index = diff[1]
            changes.append(Change(kind, index.table.name, ",".join(c.name for c in index.columns),
                                  index.name or "", payload=index))
        elif kind in ("add_constraint", "remove_constraint"):
            constraint = diff[1]
            if isinstance(constraint, sa.UniqueConstraint):
                changes.append(Change("add_unique" if kind == "add_constraint" else "remove_unique",
                                      constraint.table.name, ",".join(c.name for c in constraint.columns),
                                      str(constraint.name), payload=constraint))
        elif kind in ("add_fk", "remove_fk"):
            constraint = diff[1]
            changes.append(Change(kind, constraint.table.name, ",".join(c.name for c in constraint.columns),
                                  str(constraint.name or ""), payload=constraint))
    new_tables = {c.table for c in changes if c.operation == "add_table"}
    changes = [c for c in changes if c.operation == "add_table" or c.table not in new_tables]
    # dropping a table drops its indexes and keys: changes of its own would only reorder the drops
    dropped = {c.table for c in changes if c.operation == "remove_table"}
    changes = [c for c in changes if c.operation == "remove_table" or c.table not in dropped]
    order = {
        "add_table": 0,
        "rename_column": 1,
        "add_column": 2,
        "alter_type": 3,
        "remove_fk": 4,
        "remove_unique": 5,
        "remove_index": 6,
        "add_fk": 7,
        "add_index": 8,
        "add_unique": 9,
        "remove_column": 10,
        "remove_table": 11,
    }
    changes = sorted(changes, key=lambda c: order.get(c.operation, 50))
    drops = [c for c in changes if c.operation == "remove_table"]
    return [c for c in changes if c.operation != "remove_table"] + _drop_order(drops)


def _drop_order(drops: list[Change]) -> list[Change]:
    """Tables that refer to others are dropped first (PostgreSQL refuses to drop a referenced table)."""
    pending = {c.table: c for c in drops}
    refers = {c.table: {fk.target_fullname.split(".")[-2] for fk in getattr(c.payload, "foreign_keys", ())}
              for c in drops}
    ordered: list[Change] = []
    while pending:
        free = [name for name in pending
                if not any(name in refers[other] for other in pending if other != name)]
        for name in free or list(pending):
            ordered.append(pending.pop(name))
    return ordered


def narrowing(old_type: Any, new_type: Any) -> bool:
    """Whether converting values of ``old_type`` to ``new_type`` may lose or reject data."""
    old, new = family(old_type), family(new_type)
    if old == new:
        if old == "string":
            old_length, new_length = getattr(old_type, "length", None), getattr(new_type, "length", None)
            return new_length is not None and (old_length is None or new_length < old_length)
        return False
    return (old, new) not in SAFE_CONVERSIONS
