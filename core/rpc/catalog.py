"""What a database offers remote clients: its models and the methods they may call, with parameters.

Feeds JSON-2's per-database description and the REST API's OpenAPI document.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.i18n import translate
from core.records.archive import ARCHIVE_METHODS
from core.rpc.dispatch import CORE_PUBLIC, model_level

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.records.model import BaseModel


def public_methods(model: type[BaseModel]) -> dict[str, Callable[..., Any]]:
    """Name -> function of every method remote clients may call on ``model``, sorted by name."""
    found: dict[str, Callable[..., Any]] = {}
    for name in dir(model):
        if name.startswith("_") or name in model._fields:
            continue
        if name in ARCHIVE_METHODS and "active" not in model._fields:
            continue
        function = getattr(model, name, None)
        if callable(function) and (name in CORE_PUBLIC or getattr(function, "_public", False)):
            found[name] = function
    return dict(sorted(found.items()))


def describe_method(name: str, function: Callable[..., Any]) -> dict[str, Any]:
    """One method as Odoo 19's /doc-bearer describes it: api, parameters (in order), signature, doc."""
    parameters: dict[str, dict[str, Any]] = {}
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        signature = None
    shown = []
    for parameter in list(signature.parameters.values())[1:] if signature else []:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        entry: dict[str, Any] = {}
        if parameter.default is not parameter.empty:
            entry["default"] = parameter.default if _jsonable(parameter.default) else repr(parameter.default)
        parameters[parameter.name] = entry
        shown.append(
            parameter.name
            if parameter.default is parameter.empty
            else f"{parameter.name}={parameter.default!r}"
        )
    doc = inspect.getdoc(function) or ""
    return {
        "api": ["model"] if model_level(function, name) else [],
        "parameters": parameters,
        "signature": f"({', '.join(shown)})",
        "doc": doc,
    }


def readable_models(env: Environment) -> list[str]:
    """Names of the concrete models the user of ``env`` may read."""
    names = []
    for name, cls in sorted(env.registry.models.items()):
        if cls._abstract:
            continue
        if env[name].check_access_rights("read", raise_exception=False):
            names.append(name)
    return names


def describe_model(env: Environment, name: str) -> dict[str, Any]:
    model = env[name]
    return {
        "model": name,
        "name": translate(model._description or name),
        "fields": model.fields_get(
            attributes=["string", "type", "required", "readonly", "relation", "selection", "help"]
        ),
        "methods": {n: describe_method(n, f) for n, f in public_methods(type(model)).items()},
    }


def _jsonable(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str, list, dict))
