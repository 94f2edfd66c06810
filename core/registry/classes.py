"""Model classes: the core record API, with the hook classes of every addon stacked on top."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from core.exceptions import MetadataError
from core.fields.base import Field, make_field
from core.fields.scalar import Id
from core.model_hooks import hooks_of_module
from core.records.model import BaseModel
from core.records.override_points import check_hook_overrides

if TYPE_CHECKING:
    from core.addon.manifest import Manifest
    from core.loader.defs import ModelDef

# importing these modules registers the field types
import core.fields.image
import core.fields.relational
import core.fields.scalar
import core.fields.selection  # noqa: F401


def import_hooks(manifests: list[Manifest]) -> dict[str, list[type]]:
    """Hook classes per model name, in addon order (earlier addons first)."""
    result: dict[str, list[type]] = {}
    for manifest in manifests:
        for module_name in manifest.hook_modules:
            try:
                module = importlib.import_module(module_name)
            except ImportError as error:
                raise MetadataError(str(manifest.path / "models"), None,
                                    f"cannot import {module_name}: {error}") from error
            for model_name, cls in hooks_of_module(module.__name__):
                result.setdefault(model_name, []).append(cls)
    return result


def magic_fields(model_def: ModelDef, has_users: bool) -> dict[str, dict[str, Any]]:
    user = ({"type": "many2one", "comodel_name": "res.users", "ondelete": "set null", "index": False}
            if has_users else {"type": "integer"})
    return {
        "id": {"type": "integer", "string": "ID", "readonly": True},
        "display_name": {"type": "char", "string": "Display Name", "compute": "_compute_display_name"},
        "create_uid": {**user, "string": "Created by", "readonly": True},
        "create_date": {"type": "datetime", "string": "Created on", "readonly": True},
        "write_uid": {**user, "string": "Last Updated by", "readonly": True},
        "write_date": {"type": "datetime", "string": "Last Updated on", "readonly": True},
    }


def build_fields(model_def: ModelDef, has_users: bool) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    magic = magic_fields(model_def, has_users)
    fields["id"] = Id(model_def.name, "id", magic["id"])
    for name, fdef in model_def.fields.items():
        attrs = dict(fdef.attrs)
        fields[name] = make_field(model_def.name, name, attrs, fdef)
    if not model_def.abstract:
        for name in ("display_name", "create_uid", "create_date", "write_uid", "write_date"):
            if name not in fields:
                fields[name] = make_field(model_def.name, name, magic[name])
    elif "display_name" not in fields:
        fields["display_name"] = make_field(model_def.name, "display_name", magic["display_name"])
    return fields


def build_class(model_def: ModelDef, fields: dict[str, Field], hooks: dict[str, list[type]],
                mixin_order: list[str]) -> type[BaseModel]:
    """A fresh class: hooks of this model (latest addon first), then its mixins' hooks, then BaseModel."""
    stack: list[type] = list(reversed(hooks.get(model_def.name, [])))
    for mixin in mixin_order:
        for cls in reversed(hooks.get(mixin, [])):
            if cls not in stack:
                stack.append(cls)
    check_hook_overrides(model_def.name, stack)
    for cls in stack:
        for name in fields:
            if name in cls.__dict__ and not callable(cls.__dict__[name]):
                raise MetadataError(
                    None,
                    None,
                    f"{cls.__module__}.{cls.__name__} defines '{name}', which is a field of {model_def.name}",
                )
    attrs: dict[str, Any] = {
        "__slots__": (),
        "__module__": "core.models",
        "_name": model_def.name,
        "_description": model_def.attrs.get("description") or model_def.name,
        "_order": model_def.attrs.get("order") or "id",
        "_rec_name": model_def.attrs.get("rec_name"),
        "_parent_name": model_def.attrs.get("parent_name")
        or ("parent_id" if "parent_id" in fields else None),
        "_abstract": model_def.abstract,
        "_transient": bool(model_def.attrs.get("transient")),
        "_def": model_def,
        "_fields": fields,
        "_hook_stack": tuple(stack),
        "_chatter": bool(model_def.attrs.get("chatter")),
        "_activities": bool(model_def.attrs.get("activities")),
    }
    for name, field in fields.items():
        attrs[name] = field
    class_name = "".join(part.capitalize() for part in model_def.name.split("."))
    cls = type(class_name, (*stack, BaseModel), attrs)
    for field in fields.values():
        field.model_class = cls
    return cls


def check_methods(cls: type[BaseModel]) -> None:
    """Every compute, inverse, search and default method named in YAML exists."""
    for field in cls._fields.values():
        for attr in ("compute", "inverse", "search_method", "selection_method"):
            method = getattr(field, attr, None)
            if method and not callable(getattr(cls, method, None)):
                key = {"search_method": "search", "selection_method": "selection"}.get(attr, attr)
                file, line = field.definition.where(key) if field.definition else (None, None)
                raise MetadataError(
                    file,
                    line,
                    f"field '{field.name}' of '{cls._name}': method '{method}' not found "
                    f'(define it in a @model("{cls._name}") class of the addon)',
                )
        default = field.default
        if isinstance(default, dict) and set(default) == {"call"}:
            target = default["call"]
            if target.startswith("_") and not callable(getattr(cls, target, None)):
                file, line = field.definition.where("default") if field.definition else (None, None)
                raise MetadataError(
                    file, line, f"field '{field.name}' of '{cls._name}': default method '{target}' not found"
                )
    for constraint in cls._def.constraints:
        method = constraint.get("python")
        if method and not callable(getattr(cls, method, None)):
            src = constraint.get("_source")
            raise MetadataError(
                src.file if src else None,
                src.line if src else None,
                f"constraint '{constraint['name']}' of '{cls._name}': method '{method}' not found",
            )
