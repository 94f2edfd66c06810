"""Default values: literals, model methods, and a few built-ins, overridable by the context."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from core import clock
from core.exceptions import ValidationError, invalid_field
from core.fields.base import MISSING
from core.i18n import _
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    pass

BUILTIN_DEFAULTS = {
    "now": lambda model: clock.utcnow(),
    "today": lambda model: clock.today(),
    "uid": lambda model: model.env.uid if model._registry.has_users else None,
    "user": lambda model: model.env.uid if model._registry.has_users else None,
    "company": lambda model: model.env.company.id if "res.company" in model.env else None,
    "lang": lambda model: model.env.lang,
}


class DefaultsMixin(ModelPart):
    """Part of BaseModel: default_get and defaults on create."""

    def default_get(self, fields_list: list[str] | None = None) -> dict[str, Any]:
        """Default values of ``fields_list`` (context ``default_<field>`` keys first)."""
        context = self.env.context
        names = fields_list if fields_list is not None else list(self._fields)
        result: dict[str, Any] = {}
        for name in names:
            field = self._fields.get(name)
            if field is None:
                raise invalid_field(name, self._name)
            if f"default_{name}" in context or field.default is not MISSING:
                result[name] = one_default(self, name)
        return result


def default_value(records: ModelPart, name: str) -> Any:
    field = records._fields[name]
    spec = field.default
    if isinstance(spec, dict) and set(spec) == {"call"}:
        target = spec["call"]
        if target in BUILTIN_DEFAULTS:
            return BUILTIN_DEFAULTS[target](records)
        if target.startswith("context."):
            return records.env.context.get(target[len("context."):], False)
        method = getattr(records, target, None)
        if method is None:
            raise ValidationError(
                f"Default of field {field} calls {target}, which {records._name} does not have"
            )
        return method()
    if isinstance(spec, (list, dict)):
        return type(spec)(spec)
    return spec


def default_is_shared(records: ModelPart, name: str) -> bool:
    """Whether the default of ``name`` is the same for every record of one create: literals,
    built-ins and context values are; a model method may give each record its own."""
    if f"default_{name}" in records.env.context:
        return True
    spec = records._fields[name].default
    if isinstance(spec, dict) and set(spec) == {"call"}:
        target = spec["call"]
        return target in BUILTIN_DEFAULTS or target.startswith("context.")
    return True


def one_default(records: ModelPart, name: str) -> Any:
    """The default of one field: the context's ``default_<field>`` first, then the declared one."""
    field = records._fields[name]
    key = f"default_{name}"
    if key in records.env.context:
        return records.env.context[key]
    value = default_value(records, name)
    if hasattr(value, "_ids"):
        value = value.id if field.type == "many2one" else [(6, 0, value.ids)]
    return value


def add_missing_defaults(records: ModelPart, vals: dict[str, Any],
                          shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """``vals`` completed with the defaults of the fields it lacks. ``shared`` (one dict per
    create batch) keeps the defaults that are the same for every record, computed once."""
    if not isinstance(vals, dict):
        raise ValidationError(_("Invalid values for %(model)s: expected a dictionary, got %(kind)s",
                                model=records._name, kind=type(vals).__name__))
    missing = [name for name in fields_with_default(records) if name not in vals]
    context = records.env.context
    extra = [key[8:] for key in context if key.startswith("default_") and key[8:] in records._fields
             and key[8:] not in vals and key[8:] not in missing]
    if not missing and not extra:
        return vals
    defaults: dict[str, Any] = {}
    for name in missing + extra:
        if shared is not None and name in shared:
            value = shared[name]
            defaults[name] = copy.deepcopy(value) if isinstance(value, (list, dict)) else value
            continue
        value = one_default(records, name)
        if shared is not None and default_is_shared(records, name):
            shared[name] = copy.deepcopy(value) if isinstance(value, (list, dict)) else value
        defaults[name] = value
    defaults.update(vals)
    return defaults


def fields_with_default(records: ModelPart) -> list[str]:
    cls = type(records)
    names = cls.__dict__.get("_default_names_cache")
    if names is None:
        names = [name for name, field in records._fields.items() if field.default is not MISSING]
        cls._default_names_cache = names
    return names
