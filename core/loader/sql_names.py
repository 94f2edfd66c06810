"""The column names an SQL CHECK expression reads, found without a database.

Only what a constraint of the metadata language needs: comparisons, boolean logic, arithmetic,
function calls, casts and literals. A name is a column unless it is a keyword, a function (followed
by ``(``), or a type (after ``::`` or ``AS``)."""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"""(?P<string>'(?:[^']|'')*')"""
    r"""|(?P<quoted>"(?:[^"]|"")+")"""
    r"""|(?P<name>[A-Za-z_][A-Za-z0-9_$]*)"""
    r"""|(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)"""
    r"""|(?P<cast>::)"""
    r"""|(?P<other>\S)"""
)
KEYWORDS = frozenset([
    "all", "and", "any", "array", "as", "asc", "between", "both", "case", "cast", "check", "collate",
    "current_date", "current_time", "current_timestamp", "date", "day", "desc", "distinct", "else",
    "end", "escape", "exists", "false", "from", "hour", "ilike", "in", "interval", "is", "isnull",
    "leading", "like", "localtime", "localtimestamp", "minute", "month", "not", "notnull", "null",
    "nulls", "or", "overlaps", "second", "similar", "some", "then", "time", "timestamp", "to",
    "trailing", "true", "unknown", "when", "with", "without", "year", "zone",
])


def sql_column_names(sql: str) -> list[str]:
    """The column names ``sql`` (a ``CHECK (...)`` or its bare condition) reads, in order, once each."""
    tokens = [(m.lastgroup, m.group()) for m in TOKEN.finditer(sql)]
    names: list[str] = []
    for position, (kind, text) in enumerate(tokens):
        if kind not in ("name", "quoted"):
            continue
        previous = tokens[position - 1] if position else (None, "")
        following = tokens[position + 1] if position + 1 < len(tokens) else (None, "")
        if kind == "name" and text.lower() in KEYWORDS:
            continue
        if following[1] == "(" or previous[0] == "cast" or previous[1].lower() == "as":
            continue
        name = text[1:-1].replace('""', '"') if kind == "quoted" else text.lower()
        if name not in names:
            names.append(name)
    return names
