"""Record rules decided on the values about to be inserted, so a create that can be judged before its
INSERT spends neither a savepoint nor a check query.

Only rules whose every leaf compares a plain many2one column of the model with ids or False are
decided here, with exactly the SQL meaning the domain compiler gives them (NULL is matched by
``= False`` and by ``False`` in an ``in`` list, and the negative operators are the negation of the
positive ones); anything else is left to the check after the INSERT.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.domain.parse import AND, FALSE_LEAF, NOT, OR, TRUE_LEAF
from core.fields.base import Field
from core.fields.relational import Many2one

if TYPE_CHECKING:
    from core.records.model_part import ModelPart

OPERATORS = {"=": False, "in": False, "!=": True, "not in": True}  # operator -> negated


class Undecidable(Exception):
    """The rule needs the database to be judged."""


def decide_rule_on_values(model: ModelPart, domain: list[Any],
                          rows: list[tuple[dict[Field, Any], dict[Field, Any]]]) -> bool | None:
    """Whether every row (column values, other values) satisfies ``domain`` once inserted, or None
    when that cannot be known before the INSERT."""
    if any(others for _columns, others in rows):
        return None  # x2many lines or inverses may still change the columns after the INSERT
    columns = {f.name: f for f in model._column_fields()}
    try:
        for values, _others in rows:
            matched, rest = _evaluate(domain, 0, columns, values)
            if rest != len(domain):
                return None
            if not matched:
                return False
    except Undecidable:
        return None
    return True


def _evaluate(domain: list[Any], position: int, columns: dict[str, Field],
              values: dict[Field, Any]) -> tuple[bool, int]:
    """The value of the prefix-form term starting at ``position``, and where the next one starts."""
    element = domain[position]
    if element == NOT:
        matched, following = _evaluate(domain, position + 1, columns, values)
        return not matched, following
    if element in (AND, OR):
        left, middle = _evaluate(domain, position + 1, columns, values)
        right, following = _evaluate(domain, middle, columns, values)
        return (left and right if element == AND else left or right), following
    return _leaf(tuple(element), columns, values), position + 1


def _leaf(leaf: tuple[Any, ...], columns: dict[str, Field], values: dict[Field, Any]) -> bool:
    if leaf == TRUE_LEAF:
        return True
    if leaf == FALSE_LEAF:
        return False
    name, operator, value = leaf
    field = columns.get(name) if isinstance(name, str) else None
    # a computed column is only known once computed, after the INSERT
    if not isinstance(field, Many2one) or field.computed or field.secret or operator not in OPERATORS:
        raise Undecidable
    current = values.get(field)  # a column no row gives is inserted as NULL
    if current is not None and (not isinstance(current, int) or isinstance(current, bool)):
        raise Undecidable  # a new record's placeholder, not an id yet
    wanted = list(value) if isinstance(value, (list, tuple)) and operator in ("in", "not in") else [value]
    if operator in ("=", "!=") and isinstance(value, (list, tuple)):
        raise Undecidable
    ids = set()
    has_null = False
    for item in wanted:
        if item is None or item is False:
            has_null = True
        elif isinstance(item, int) and not isinstance(item, bool):
            ids.add(item)
        else:
            raise Undecidable  # names or records: the compiler resolves those in SQL
    matched = current is None and has_null or current is not None and current in ids
    return not matched if OPERATORS[operator] else matched
