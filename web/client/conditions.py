"""UI conditions of views (``invisible: "not active"``, readonly, required) evaluated on the server
with core.safe_eval, over the record's values as the form holds them."""

from __future__ import annotations

from typing import Any

from core.exceptions import ValidationError
from core.fields.base import Field
from core.records.environment import Environment
from core.safe_eval import base_scope, safe_eval


def record_scope(env: Environment, values: dict[str, Any]) -> dict[str, Any]:
    """Names a condition may use: the field values (a many2one as its id, an x2many as its ids)."""
    scope = base_scope()
    scope.update(uid=env.uid, context=dict(env.context))
    for name, value in values.items():
        if (
            isinstance(value, (tuple, list))
            and len(value) == 2
            and isinstance(value[0], int)
            and isinstance(value[1], str)
        ):
            value = value[0]
        scope[name] = value
    return scope


def evaluate(expression: Any, scope: dict[str, Any]) -> bool:
    if expression is None:
        return False
    if isinstance(expression, bool):
        return expression
    try:
        return bool(safe_eval(str(expression), scope, strict=False))
    except ValidationError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError):
        # a condition comparing values of the wrong type (a new record's empty fields) is simply false
        return False


def modifiers(node: dict[str, Any], field: Field | None, scope: dict[str, Any]) -> dict[str, bool]:
    """invisible/readonly/required of ``node`` for the values in ``scope``."""
    readonly = evaluate(node["readonly"], scope) if "readonly" in node else bool(field and field.readonly)
    required = evaluate(node["required"], scope) if "required" in node else bool(field and field.required)
    return {"invisible": evaluate(node.get("invisible"), scope), "readonly": readonly, "required": required}
