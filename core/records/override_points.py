"""The private methods of BaseModel an addon's hook class may override, and the check that refuses
the others.

BaseModel's public API (``create``, ``write``, ``search``, ``read``, ``action_*`` ...) is Odoo's and
hook classes wrap it freely, as do the methods a model's YAML names (``_compute_*``, ``_inverse_*``,
``_search_*``, ``_default_*``, ``_check_*`` constraints, ``_onchange_*``) when the core does not
define them. The core's own private methods are machinery: a hook class that happened to reuse one
of their names would replace it silently, so the registry refuses it, naming the file and the method.
To change what the machinery does, override one of the points below; each is a method of BaseModel
whose docstring says when it is called and what it returns.
"""
from __future__ import annotations

import inspect
import sys
from functools import cache
from typing import Any

from core.exceptions import PrivateOverrideError
from core.i18n import _

# name -> what overriding it changes (the BaseModel method's docstring says how)
OVERRIDE_POINTS: dict[str, str] = {
    "_extra_rule_condition": "an SQL condition added to the record rules of an operation",
    "_extra_search_domain": "a domain added to every search of the model",
    "_narrow_search": "the last say on the SQL condition of every search (visibility decided in Python)",
    "_format_country_code": "the country whose formats phone and VAT numbers are checked in",
    "_name_search": "the ids a name search finds (Odoo's override point)",
    "_compute_display_name": "the display name of records (Odoo's override point)",
}


@cache
def core_private_names() -> frozenset[str]:
    """Private method names of the core record API (BaseModel and every class it is built from)."""
    from core.records.model import BaseModel

    names: set[str] = set()
    for klass in BaseModel.__mro__:
        if klass is object:
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") and not name.startswith("__") and _is_method(value):
                names.add(name)
    return frozenset(names - set(OVERRIDE_POINTS))


def _is_method(value: Any) -> bool:
    return callable(value) or isinstance(value, (staticmethod, classmethod, property))


def _where(cls: type, value: Any) -> tuple[str | None, int | None]:
    function = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
    code = getattr(inspect.unwrap(function), "__code__", None) if callable(function) else None
    module = sys.modules.get(cls.__module__)
    file = code.co_filename if code is not None else getattr(module, "__file__", None)
    return file, (code.co_firstlineno if code is not None else None)


def check_hook_overrides(model_name: str, hook_classes: list[type]) -> None:
    """Raise PrivateOverrideError when one of ``hook_classes`` (stacked over BaseModel for
    ``model_name``) defines a private core method that is not an override point."""
    private = core_private_names()
    for cls in hook_classes:
        for name, value in vars(cls).items():
            if name in private and _is_method(value):
                file, line = _where(cls, value)
                raise PrivateOverrideError(file, line, _(
                    "%(hook)s (logic of %(model)s) defines %(method)s, a private method of the core record "
                    "API: rename it, or override one of the documented points instead (%(points)s).",
                    hook=f"{cls.__module__}.{cls.__name__}", model=model_name, method=name,
                    points=", ".join(OVERRIDE_POINTS)))
