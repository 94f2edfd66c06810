"""What a schema change would do to the data, said before it is done: a dropped column that looks
like a rename, values a type change cannot convert, selection values records still hold."""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.exceptions import SchemaError
from core.fields.selection import Selection
from core.i18n import _
from core.schema.diff import Change, family
from core.schema.plan import SAFE_CONVERSIONS

if TYPE_CHECKING:
    from core.registry.registry import Registry

SHOWN_ROWS = 5
INTEGER = re.compile(r"\s*[-+]?\d+\s*")
BOOLEAN_TEXTS = frozenset({"t", "true", "f", "false", "1", "0", "y", "yes", "n", "no", "on", "off"})
INT_RANGE = (-(2**31), 2**31 - 1)


def rename_hint(change: Change, changes: list[Change]) -> str:
    """For a refused column drop: the one new column of a compatible type in the same table, as a
    ``rename_from`` suggestion (empty when there is none or several)."""
    if change.operation != "remove_column" or change.payload is None:
        return ""
    old = family(change.payload.type)
    candidates = [c for c in changes if c.operation == "add_column" and c.table == change.table
                  and c.payload is not None and _compatible(old, family(c.payload.type))]
    if len(candidates) != 1:
        return ""
    new = candidates[0].column
    return _(" (renamed? declare rename_from: %(old)s on field '%(new)s' to keep its values)",
             old=change.column, new=new)


def _compatible(old: str, new: str) -> bool:
    return old == new or (old, new) in SAFE_CONVERSIONS


def check_conversions(conn: sa.Connection, changes: list[Change]) -> None:
    """SchemaError naming the first rows whose values a type change cannot convert (instead of the
    database's error halfway through, or SQLite keeping text in a number column)."""
    for change in changes:
        if change.operation != "alter_type" or not change.destructive:
            continue
        convertible = _converter(change.extra["new_type"])
        if convertible is None:
            continue
        bad, total = _offending_rows(conn, change.table, str(change.column), convertible)
        if bad:
            rows = ", ".join(f"id {row_id}: {value!r}" for row_id, value in bad)
            raise SchemaError(_(
                "Cannot change %(table)s.%(column)s to %(type)s: %(count)s rows hold values that do not "
                "convert (%(rows)s%(more)s). Correct or empty them first.",
                table=change.table, column=change.column, type=str(change.extra["new_type"]), count=total,
                rows=rows, more=", ..." if total > len(bad) else ""))


def _offending_rows(conn: sa.Connection, table: str, column: str,
                    convertible: Callable[[Any], bool]) -> tuple[list[tuple[Any, Any]], int]:
    quote = conn.dialect.identifier_preparer.quote
    columns = {c["name"] for c in sa.inspect(conn).get_columns(table)}
    key = "id" if "id" in columns else column
    result = conn.execute(sa.text(f"SELECT {quote(key)}, {quote(column)} FROM {quote(table)} "
                                  f"WHERE {quote(column)} IS NOT NULL ORDER BY 1"))
    bad: list[tuple[Any, Any]] = []
    total = 0
    for row_id, value in result:
        if not convertible(value):
            total += 1
            if len(bad) < SHOWN_ROWS:
                bad.append((row_id, value))
    return bad, total


def _converter(new_type: Any) -> Callable[[Any], bool] | None:
    """Whether a value converts to ``new_type``, or None when the database decides alone."""
    target = family(new_type)
    if target == "integer":
        return _to_integer
    if target == "number":
        return _to_number
    if target == "boolean":
        return lambda value: isinstance(value, (bool, int)) or str(value).strip().lower() in BOOLEAN_TEXTS
    if target in ("date", "datetime"):
        return _to_date
    if target == "string" and getattr(new_type, "length", None):
        return lambda value: len(str(value)) <= new_type.length
    return None


def _to_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        number = value
    elif isinstance(value, str) and INTEGER.fullmatch(value):
        number = int(value)
    else:
        return False
    return math.isfinite(number) and INT_RANGE[0] <= number <= INT_RANGE[1]


def _to_number(value: Any) -> bool:
    if isinstance(value, (int, float)):
        return True
    try:
        return math.isfinite(float(str(value)))
    except ValueError:
        return False


def _to_date(value: Any) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    try:
        dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return False
    return True


def selection_changes(conn: sa.Connection, registry: Registry, changes: list[Change],
                      allow_destructive: bool) -> list[Change]:
    """Values of selection fields that the definitions no longer have, in the rows that exist:
    mapped by the field's ``selection_migrate``, else refused (emptied with ``allow_destructive``).
    Returns the changes made, to log; SchemaError naming the value and how many rows hold it."""
    renamed = {(c.table, c.extra["new_name"]): c.column_name
               for c in changes if c.operation == "rename_column"}
    new = {(c.table, c.column) for c in changes if c.operation == "add_column"}
    new_tables = {c.table for c in changes if c.operation == "add_table"}
    done: list[Change] = []
    for model_name, cls in registry.models.items():
        if cls._abstract:
            continue
        table = cls._table.name
        for field in cls._fields.values():
            # a method's options are data (languages...), not a definition an upgrade changes
            if not isinstance(field, Selection) or not field.column or field.selection_method:
                continue
            if not field.selection:
                continue
            if table in new_tables or (table, field.column_name) in new:
                continue
            column = renamed.get((table, field.column_name), field.column_name)
            done.extend(_migrate_values(conn, model_name, field, table, column, allow_destructive))
    return done


def _migrate_values(conn: sa.Connection, model: str, field: Any, table: str, column: str,
                    allow_destructive: bool) -> list[Change]:
    col: sa.ColumnClause[Any] = sa.column(column)
    target = sa.table(table, col)
    current = [str(value) for value, _label in field.selection]
    stale = conn.execute(
        sa.select(col, sa.func.count()).select_from(target)
        .where(col.is_not(None), col.not_in(current)).group_by(col).order_by(col)
    ).all()
    if not stale:
        return []
    mapping = field.attrs.get("selection_migrate") or {}
    done: list[Change] = []
    for value, count in stale:
        if value in mapping:
            conn.execute(sa.update(target).where(col == value).values({column: mapping[value]}))
            done.append(Change("migrate_values", table, column, f"{value} -> {mapping[value]}: {count} rows"))
        elif allow_destructive:
            conn.execute(sa.update(target).where(col == value).values({column: None}))
            done.append(Change("clear_values", table, column, f"{value}: {count} rows", destructive=True))
        else:
            raise SchemaError(_(
                "Field %(field)s of %(model)s no longer has the value '%(value)s', which %(count)s records "
                "hold. Map it to a current value with selection_migrate: {%(value)s: <value>} on the field "
                "(one of: %(values)s), or run again with --allow-destructive to empty it.",
                field=field.name, model=model, value=value, count=count, values=", ".join(current)))
    return done
