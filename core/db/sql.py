"""Small SQL building blocks the record API uses on both databases."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

_INT_ARRAY = postgresql.ARRAY(sa.Integer)


def in_ids(column: Any, ids: Iterable[int], dialect: str) -> Any:
    """``column IN (ids)``. On PostgreSQL one array parameter (``= ANY(:ids)``): the statement stays
    short whatever the number of ids, so the driver parses it once and the server plans it once."""
    ids = list(ids)
    if not ids:
        return sa.false()
    if dialect == "postgresql":
        return column == sa.any_(sa.bindparam(None, ids, type_=_INT_ARRAY))
    return column.in_(ids)


class NoIndex(ColumnElement[Any]):
    """The same value as ``element``; on SQLite written ``+element``, which keeps the planner from
    choosing the column's index for it (its documented way to say so)."""

    inherit_cache = True
    _traverse_internals = [("element", InternalTraversal.dp_clauseelement)]

    def __init__(self, element: ColumnElement[Any]) -> None:
        self.element = element
        self.type = element.type


@compiles(NoIndex)
def _no_index(element: NoIndex, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.element, **kw))


@compiles(NoIndex, "sqlite")
def _no_index_sqlite(element: NoIndex, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.element, **kw)}"
