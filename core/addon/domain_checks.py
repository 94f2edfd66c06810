"""Static checks of the domains written in views and actions: syntax, field paths and operators.

A domain in a view is text evaluated when a user clicks (``[('user_id', '=', uid)]``), so it is read
here as an expression tree without evaluating it: every literal leaf is checked (its field path
against the model, its operator against the domain parser's), dynamic parts are left to run time."""
from __future__ import annotations

import ast
import difflib
from typing import TYPE_CHECKING, Any

from core.addon.arch_nodes import ArchError
from core.domain.parse import AND, NOT, OPERATORS, OR
from core.exceptions import ValidationError
from core.fields.relational import Relational
from core.safe_eval import parse_expression

if TYPE_CHECKING:
    from core.records.model import BaseModel

DOMAIN_OPERATORS = (AND, OR, NOT)


def check_domain(model: BaseModel, domain: Any, path: list[Any]) -> None:
    """ArchError (at ``path``) for a domain that does not parse or names a field or operator that does
    not exist; ``domain`` is text or a list."""
    source = domain if isinstance(domain, str) else repr(domain)
    try:
        tree = parse_expression(source)
    except ValidationError as error:
        raise ArchError(path, error.message) from None
    _check_node(model, tree.body, path, source)


def _constant(node: ast.AST) -> Any:
    return node.value if isinstance(node, ast.Constant) else None


def _is_leaf(node: ast.AST) -> bool:
    if not isinstance(node, (ast.List, ast.Tuple)) or len(node.elts) != 3:
        return False
    first = _constant(node.elts[0])
    return (isinstance(first, str) and first not in DOMAIN_OPERATORS) or isinstance(first, int)


def _check_node(model: BaseModel, node: ast.AST, path: list[Any], source: str) -> None:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        _check_node(model, node.left, path, source)
        _check_node(model, node.right, path, source)
        return
    if not isinstance(node, (ast.List, ast.Tuple)):
        return  # computed at run time
    if _is_leaf(node):
        _check_leaf(model, node, path, source)
        return
    for element in node.elts:
        value = _constant(element)
        if isinstance(element, ast.Constant) and value not in DOMAIN_OPERATORS:
            raise ArchError(path, f"domain {source!r}: {value!r} is neither a condition (field, operator, "
                                  "value) nor one of '&', '|', '!'")
        if isinstance(element, (ast.List, ast.Tuple)):
            if not _is_leaf(element):
                raise ArchError(path, f"domain {source!r}: {ast.unparse(element)} is not a condition "
                                      "(field, operator, value)")
            _check_leaf(model, element, path, source)


def _check_leaf(model: BaseModel, leaf: ast.List | ast.Tuple, path: list[Any], source: str) -> None:
    name, operator = _constant(leaf.elts[0]), _constant(leaf.elts[1])
    if not isinstance(name, str):
        return  # (1, '=', 1) and the like
    known = isinstance(operator, str) and operator.lower() in OPERATORS
    if isinstance(leaf.elts[1], ast.Constant) and not known:
        close = difflib.get_close_matches(str(operator), sorted(OPERATORS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ArchError(path, f"domain {source!r}: unknown operator {operator!r}{hint}")
    target = field_path(model, name, path, f"domain {source!r}")
    value = leaf.elts[2]
    sub_domain = isinstance(operator, str) and operator.lower() in ("any", "not any")
    if sub_domain and isinstance(target, Relational) and isinstance(value, (ast.List, ast.Tuple)):
        _check_node(model.env[target.comodel_name], value, path, source)


def field_path(model: BaseModel, dotted: str, path: list[Any], what: str) -> Any:
    """The last field of a dotted path (``partner_id.country_id.code``); ArchError naming the part of
    the path a model lacks."""
    current, field = model, None
    parts = dotted.split(".")
    for position, part in enumerate(parts):
        field = current._fields.get(part)
        if field is None:
            close = difflib.get_close_matches(part, list(current._fields), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ArchError(path, f"{what} names '{part}', but {current._name} has no field '{part}'{hint}")
        if position < len(parts) - 1:
            if not isinstance(field, Relational):
                raise ArchError(path, f"{what} goes through '{part}', which is a {field.type}, "
                                      "not a relational field")
            current = current.env[field.comodel_name]
    return field
