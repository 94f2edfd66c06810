"""Default values: literals, model methods, and a few built-ins, overridable by the context."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core import clock
from core.exceptions import ValidationError
from core.fields.base import MISSING

if TYPE_CHECKING:
    from core.records.model import BaseModel

BUILTIN_DEFAULTS = {
    "now": lambda model: clock.utcnow(),
    "today": lambda model: clock.today(),
    "uid": lambda model: model.env.uid if model._registry.has_users else None,
    "user": lambda model: model.env.uid if model._registry.has_users else None,
    "company": lambda model: model.env.company.id if "res.company" in model.env else None,
    "lang": lambda model: model.env.lang,
}


class DefaultsMixin:
    """Part of BaseModel: default_get and defaults on create."""

    def _default_value(self: BaseModel, name: str) -> Any:
        field = self._fields[name]
        spec = field.default
        if isinstance(spec, dict) and set(spec) == {"call"}:
            target = spec["call"]
            if target in BUILTIN_DEFAULTS:
                return BUILTIN_DEFAULTS[target](self)
            if target.startswith("context."):
                return self.env.context.get(target[len("context."):], False)
            method = getattr(self, target, None)
            if method is None:
                raise ValidationError(f"Default of field {field} calls {target}, which {self._name} does not have")
            return method()
        if isinstance(spec, (list, dict)):
            return type(spec)(spec)
        return spec

    def default_get(self: BaseModel, fields_list: list[str] | None = None) -> dict[str, Any]:
        """Default values of ``fields_list`` (context ``default_<field>`` keys first)."""
        context = self.env.context
        names = fields_list if fields_list is not None else list(self._fields)
        result: dict[str, Any] = {}
        for name in names:
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(f"Invalid field {name!r} on model {self._name!r}", field=name)
            key = f"default_{name}"
            if key in context:
                result[name] = context[key]
            elif field.default is not MISSING:
                value = self._default_value(name)
                if hasattr(value, "_ids"):
                    value = value.id if field.type == "many2one" else [(6, 0, value.ids)]
                result[name] = value
        return result

    def _add_missing_defaults(self: BaseModel, vals: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(vals, dict):
            raise ValidationError(f"Invalid values for {self._name}: expected a dictionary, got {type(vals).__name__}")
        missing = [name for name in self._fields_with_default() if name not in vals]
        context = self.env.context
        extra = [key[8:] for key in context if key.startswith("default_") and key[8:] in self._fields
                 and key[8:] not in vals and key[8:] not in missing]
        if not missing and not extra:
            return vals
        defaults = self.default_get(missing + extra)
        defaults.update(vals)
        return defaults

    def _fields_with_default(self: BaseModel) -> list[str]:
        cls = type(self)
        names = cls.__dict__.get("_default_names_cache")
        if names is None:
            names = [name for name, field in self._fields.items() if field.default is not MISSING]
            cls._default_names_cache = names
        return names
