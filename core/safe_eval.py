"""Evaluate the small expressions metadata may hold: rule domains, view conditions, defaults.

Only literals, names given by the caller, attribute reads of non-private names, subscripts,
comparisons, boolean and arithmetic operators, conditional expressions and calls of callables
the caller put in scope are allowed. Anything else is refused before evaluation.
"""
from __future__ import annotations

import ast
import datetime as dt
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from core.exceptions import ValidationError
from core.i18n import _

_BINOPS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
}
_CMPOPS = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}
_UNOPS: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.Not: operator.not_, ast.USub: operator.neg, ast.UAdd: operator.pos}
# attributes that would reach the database or change data from inside an expression
_FORBIDDEN_ATTRIBUTES = frozenset({
    "env", "cr", "registry", "pool", "sudo", "with_user", "with_context", "with_env", "write", "create",
    "unlink", "browse", "search", "search_read", "read", "copy", "execute", "invalidate_cache", "mapped",
    "filtered", "sorted", "format", "format_map", "mro",
})


class _Undefined:
    """A name the scope lacks: falsy, so conditions on fields not shown evaluate quietly."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "Undefined"


@lru_cache(maxsize=2048)
def parse_expression(source: str) -> ast.Expression:
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise ValidationError(_("Invalid expression %(source)r: %(reason)s", source=source,
                                reason=error.msg)) from None
    for node in ast.walk(tree):
        allowed = (
            ast.Expression,
            ast.Constant,
            ast.Name,
            ast.Load,
            ast.Attribute,
            ast.Subscript,
            ast.Slice,
            ast.List,
            ast.Tuple,
            ast.Dict,
            ast.Set,
            ast.BoolOp,
            ast.And,
            ast.Or,
            ast.UnaryOp,
            ast.BinOp,
            ast.Compare,
            ast.IfExp,
            ast.Call,
            ast.keyword,
            *_BINOPS,
            *_CMPOPS,
            *_UNOPS,
        )
        if not isinstance(node, allowed):
            raise ValidationError(_("Invalid expression %(source)r: %(node)s is not allowed", source=source,
                                    node=type(node).__name__))
        if isinstance(node, ast.Attribute) and (
            node.attr.startswith("_") or node.attr in _FORBIDDEN_ATTRIBUTES
        ):
            raise ValidationError(_("Invalid expression %(source)r: attribute '%(attribute)s' is not allowed",
                                    source=source, attribute=node.attr))
    return tree


def safe_eval(source: str, scope: Mapping[str, Any], strict: bool = True) -> Any:
    """Value of ``source`` with ``scope`` as its names; unknown names raise unless not strict."""
    tree = parse_expression(source)
    return _Evaluator(scope, source, strict).visit(tree.body)


def expression_names(source: str) -> set[str]:
    """The free names an expression reads (the fields a view condition depends on)."""
    tree = parse_expression(source)
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


class _Evaluator:
    def __init__(self, scope: Mapping[str, Any], source: str, strict: bool) -> None:
        self.scope, self.source, self.strict = scope, source, strict

    def visit(self, node: ast.AST) -> Any:
        method = getattr(self, f"visit_{type(node).__name__}")
        return method(node)

    def visit_Constant(self, node: ast.Constant) -> Any:
        return node.value

    def visit_Name(self, node: ast.Name) -> Any:
        if node.id in self.scope:
            return self.scope[node.id]
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        if self.strict:
            raise ValidationError(_("Invalid expression %(source)r: unknown name '%(name)s'",
                                    source=self.source, name=node.id))
        return _Undefined()

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        value = self.visit(node.value)
        if isinstance(value, _Undefined):
            return value
        return getattr(value, node.attr)

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        return self.visit(node.value)[self.visit(node.slice)]

    def visit_Slice(self, node: ast.Slice) -> slice:
        return slice(*(self.visit(part) if part else None for part in (node.lower, node.upper, node.step)))

    def visit_List(self, node: ast.List) -> list[Any]:
        return [self.visit(item) for item in node.elts]

    def visit_Tuple(self, node: ast.Tuple) -> tuple[Any, ...]:
        return tuple(self.visit(item) for item in node.elts)

    def visit_Set(self, node: ast.Set) -> set[Any]:
        return {self.visit(item) for item in node.elts}

    def visit_Dict(self, node: ast.Dict) -> dict[Any, Any]:
        return {self.visit(k): self.visit(v) for k, v in zip(node.keys, node.values) if k is not None}

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        if isinstance(node.op, ast.And):
            result: Any = True
            for value in node.values:
                result = self.visit(value)
                if not result:
                    return result
            return result
        result = False
        for value in node.values:
            result = self.visit(value)
            if result:
                return result
        return result

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        return _UNOPS[type(node.op)](self.visit(node.operand))

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        return _BINOPS[type(node.op)](self.visit(node.left), self.visit(node.right))

    def visit_Compare(self, node: ast.Compare) -> bool:
        left = self.visit(node.left)
        for op, comparator in zip(node.ops, node.comparators):
            right = self.visit(comparator)
            try:
                if not _CMPOPS[type(op)](left, right):
                    return False
            except TypeError:
                return False
            left = right
        return True

    def visit_IfExp(self, node: ast.IfExp) -> Any:
        return self.visit(node.body) if self.visit(node.test) else self.visit(node.orelse)

    def visit_Call(self, node: ast.Call) -> Any:
        function = self.visit(node.func)
        if not callable(function) or not getattr(function, "__safe_for_eval__", True):
            raise ValidationError(_("Invalid expression %(source)r: call of a non-callable",
                                    source=self.source))
        args = [self.visit(arg) for arg in node.args]
        kwargs = {kw.arg: self.visit(kw.value) for kw in node.keywords if kw.arg}
        return function(*args, **kwargs)


def base_scope() -> dict[str, Any]:
    """Names every expression may use: dates and a few pure builtins."""
    today = dt.date.today()
    return {
        "datetime": _SafeDatetime, "context_today": lambda: today, "relativedelta": _relativedelta(),
        "len": len, "bool": bool, "str": str, "int": int, "float": float, "min": min, "max": max,
        "abs": abs, "round": round, "set": set, "list": list, "tuple": tuple,
    }


class _SafeDatetime:
    """The parts of the datetime module expressions may use."""

    date = dt.date
    datetime = dt.datetime
    timedelta = dt.timedelta
    time = dt.time


def _relativedelta() -> Any:
    from dateutil.relativedelta import relativedelta

    return relativedelta
