"""Odoo domains: validation and normalisation to explicit prefix form."""
from __future__ import annotations

from typing import Any

from core.exceptions import ValidationError
from core.i18n import _

AND, OR, NOT = "&", "|", "!"
TRUE_LEAF = (1, "=", 1)
FALSE_LEAF = (0, "=", 1)
OPERATORS = frozenset({
    "=", "!=", "<>", ">", ">=", "<", "<=", "=?", "like", "ilike", "=like", "=ilike", "not like", "not ilike",
    "in", "not in", "child_of", "parent_of", "any", "not any",
})
NEGATIVE_OPERATORS = frozenset({"!=", "<>", "not like", "not ilike", "not in", "not any"})
NEGATION = {
    "=": "!=", "!=": "=", "<>": "=", "<": ">=", ">": "<=", "<=": ">", ">=": "<", "like": "not like",
    "ilike": "not ilike", "not like": "like", "not ilike": "ilike", "in": "not in", "not in": "in",
    "any": "not any", "not any": "any",
}


def is_operator(element: Any) -> bool:
    return isinstance(element, str) and element in (AND, OR, NOT)


def is_leaf(element: Any) -> bool:
    return (isinstance(element, (list, tuple)) and len(element) == 3 and
            (isinstance(element[0], str) or tuple(element) in (TRUE_LEAF, FALSE_LEAF)))


def check_leaf(leaf: Any) -> tuple[Any, str, Any]:
    if not is_leaf(leaf):
        raise ValidationError(_("Invalid leaf %(leaf)s: expected (field, operator, value)", leaf=repr(leaf)))
    left, operator, right = leaf
    if tuple(leaf) in (TRUE_LEAF, FALSE_LEAF):
        return tuple(leaf)
    if not isinstance(operator, str) or operator.lower() not in OPERATORS:
        raise ValidationError(_("Invalid leaf %(leaf)s: unknown operator %(operator)r",
                                leaf=repr(tuple(leaf)), operator=operator))
    if not left:
        raise ValidationError(_("Invalid leaf %(leaf)s: empty field name", leaf=repr(tuple(leaf))))
    return left, operator.lower(), right


def normalize(domain: Any) -> list[Any]:
    """A domain in prefix form with explicit ``&`` operators, leaves as tuples."""
    if domain is None or domain is False:
        return []
    if not isinstance(domain, (list, tuple)):
        raise ValidationError(_("Invalid domain %(domain)s: expected a list", domain=repr(domain)))
    if is_leaf(domain) and not any(isinstance(e, (list, tuple)) for e in domain):
        domain = [domain]
    result: list[Any] = []
    expected = 1  # terms still expected to complete the expression
    for element in domain:
        if expected == 0:
            # an implicit '&' between top-level terms
            result.insert(0, AND)
            expected = 1
        if is_operator(element):
            expected += 0 if element == NOT else 1
            result.append(element)
        else:
            result.append(check_leaf(element))
            expected -= 1
    if expected > 0 and result:
        raise ValidationError(_("Invalid domain %(domain)s: an operator lacks its operands",
                                domain=repr(list(domain))))
    return result


def combine(operator: str, domains: list[list[Any]]) -> list[Any]:
    """AND or OR several domains; an empty domain is TRUE."""
    result: list[Any] = []
    count = 0
    for domain in domains:
        domain = normalize(domain)
        if not domain or domain == [TRUE_LEAF]:
            if operator == AND:
                continue
            return []
        if domain == [FALSE_LEAF]:
            if operator == OR:
                continue
            return [FALSE_LEAF]
        result.extend(domain)
        count += 1
    if count == 0:
        return [] if operator == AND else [FALSE_LEAF]
    return [operator] * (count - 1) + result


def AND_(domains: list[list[Any]]) -> list[Any]:
    return combine(AND, domains)


def OR_(domains: list[list[Any]]) -> list[Any]:
    return combine(OR, domains)
