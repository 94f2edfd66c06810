"""Attach Python logic to models declared in YAML.

An addon's ``models/*.py`` declares plain classes decorated with ``@model("crm.lead")``; the
registry stacks the classes of every installed addon, in dependency order, over the core's
record API, so ``super()`` reaches the previous addon and finally the core.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# module path ("addons.crm.models.crm_lead") -> [(model name, class)], filled at import time of
# hook modules; the registry reads it for the addons it loads, in their order.
_HOOKS: dict[str, list[tuple[str, type]]] = defaultdict(list)


def model(name: str) -> Callable[[type[T]], type[T]]:
    """Declare ``cls`` as logic of the model ``name``."""

    def register(cls: type[T]) -> type[T]:
        entries = _HOOKS[cls.__module__]
        if (name, cls) not in entries:
            entries.append((name, cls))
        cls._hook_model = name  # type: ignore[attr-defined]
        return cls

    return register


def public(method: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a method callable over RPC (CRUD of the core is public already)."""
    method._public = True  # type: ignore[attr-defined]
    return method


# callbacks the record API calls for every model: after create and write, before unlink
_RECORD_LISTENERS: list[Callable[[Any, str, Any], None]] = []


def on_record_event(listener: Callable[[Any, str, Any], None]) -> Callable[[Any, str, Any], None]:
    """Call ``listener(records, event, vals)`` on "create"/"write" (after) and "unlink" (before) of any
    model, inside the transaction; a listener returns quickly when it has nothing to do (webhooks,
    automations)."""
    if listener not in _RECORD_LISTENERS:
        _RECORD_LISTENERS.append(listener)
    return listener


def record_event(records: Any, event: str, vals: Any = None) -> None:
    for listener in _RECORD_LISTENERS:
        listener(records, event, vals)


def hooks_of_module(module_name: str) -> list[tuple[str, type]]:
    """The hook classes declared by an imported module, in declaration order."""
    return list(_HOOKS.get(module_name, ()))
