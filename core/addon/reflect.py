"""Rows of ir.model and ir.model.fields that describe the registry's models (state 'base'),
kept in step with the definitions on every install and upgrade, with Odoo's external ids."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from core.addon.xmlids import set_xmlids
from core.i18n import LANGUAGES, translate

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.environment import Environment


def model_xmlid(model_name: str) -> str:
    return f"model_{model_name.replace('.', '_')}"


def field_xmlid(model_name: str, field_name: str) -> str:
    return f"field_{model_name.replace('.', '_')}__{field_name}"


def field_values(field: Field) -> dict[str, Any]:
    # options a method gives are not known at install time: the row keeps none, as in Odoo
    selection = None if getattr(field, "selection_method", None) else getattr(field, "selection", None)
    return {
        "field_description": field.string,
        "help": field.help or False,
        "ttype": field.type,
        "relation": getattr(field, "comodel_name", False) or False,
        "relation_field": getattr(field, "inverse_name", False) or False,
        "relation_table": getattr(field, "relation", False) or False,
        "column1": getattr(field, "column1", False) or False,
        "column2": getattr(field, "column2", False) or False,
        "selection": json.dumps([list(item) for item in selection]) if selection else False,
        "size": getattr(field, "size", None) or 0,
        "required": field.required,
        "readonly": field.readonly,
        "index": field.index,
        "store": field.store,
        "copied": field.copy,
        "translate": field.translate,
        "tracking": int(field.tracking) if field.tracking else 0,
        "on_delete": getattr(field, "ondelete", "set null") if field.type == "many2one" else "set null",
        "related": field.related or False,
        "depends": ",".join(field.depends) or False,
        "compute": field.compute or False,
        "currency_field": getattr(field, "currency_field", False) or False,
        "groups": field.groups or False,
        "modules": (", ".join(dict.fromkeys(src.addon for src in field.definition.sources))
                    if field.definition else ""),
    }


def reflect_models(env: Environment, only: set[str] | None = None) -> None:
    """Create, update or delete the 'base' rows so they match the registry (for the models of ``only``
    when given: a custom change touches a few models, an install all of them)."""
    env = env(su=True)
    registry = env.registry
    if "ir.model" not in registry.models:
        return
    Model = env["ir.model"].with_context(active_test=False)
    Fields = env["ir.model.fields"].with_context(active_test=False)
    scope = [("model", "in", sorted(only))] if only is not None else []
    columns = ["model", "name", "state", "modules", "transient", "is_mail_thread", "order"]
    existing = {row["model"]: row for row in Model.search_read(scope, columns)}
    to_create: list[dict[str, Any]] = []
    xmlids_by_module: dict[str, list[tuple[Any, ...]]] = {}
    for name, cls in registry.models.items():
        if cls._abstract or (only is not None and name not in only):
            continue
        values = {"name": cls._description or name, "model": name, "transient": cls._transient,
                  "modules": ", ".join(cls._def.addons),
                  "is_mail_thread": bool(cls._def.attrs.get("chatter")),
                  "order": cls._order or "id"}
        row = existing.get(name)
        if row is None:
            # the description in every language the catalogs know ("Iniciativa/Oportunidad" in Spanish)
            description = str(values["name"])
            values["name"] = {lang: translate(description, lang) for lang in LANGUAGES}
            to_create.append({**values, "state": "manual" if cls._def.manual else "base"})
        elif row["state"] == "base" and any(row.get(k) != v for k, v in values.items() if k != "name"):
            Model.browse(row["id"]).write({k: v for k, v in values.items() if k != "name"})
    created = Model.create(to_create) if to_create else Model.browse()
    ids_by_model = {row["model"]: row["id"] for row in existing.values()}
    ids_by_model.update({record.model: record.id for record in created})
    for name, cls in registry.models.items():
        if cls._abstract or cls._def.manual or name not in ids_by_model:
            continue
        xmlids_by_module.setdefault(cls._def.addon, []).append((cls._def.addon, model_xmlid(name),
                                                                ids_by_model[name], True))
    for entries in xmlids_by_module.values():
        set_xmlids(env, "ir.model", entries)
    gone = [row["id"] for name, row in existing.items()
            if name not in registry.models and row["state"] == "base"]
    if gone:
        Model.browse(gone).unlink()
    _reflect_fields(env, Fields, ids_by_model, scope)


def _reflect_fields(env: Environment, Fields: Any, ids_by_model: dict[str, int], scope: list[Any]) -> None:
    registry = env.registry
    rows = Fields.search_read([("state", "=", "base")] + scope, ["model", "name"] + list(field_values_keys()))
    existing = {(row["model"], row["name"]): row for row in rows}
    manual = {(row["model"], row["name"])
              for row in Fields.search_read([("state", "=", "manual")] + scope, ["model", "name"])}
    to_create: list[dict[str, Any]] = []
    xmlids: dict[str, list[tuple[str, str, int, bool]]] = {}
    wanted: set[tuple[str, str]] = set()
    for model_name, cls in registry.models.items():
        if cls._abstract or model_name not in ids_by_model:
            continue
        for name, field in cls._fields.items():
            key = (model_name, name)
            if key in manual:
                continue
            wanted.add(key)
            values = field_values(field)
            row = existing.get(key)
            if row is None:
                to_create.append({**values, "name": name, "model": model_name,
                                  "model_id": ids_by_model[model_name], "state": "base"})
            else:
                changed = {k: v for k, v in values.items() if _differs(row.get(k), v)}
                if changed:
                    Fields.browse(row["id"]).write(changed)
    created = Fields.create(to_create) if to_create else Fields.browse()
    by_key = {key: row["id"] for key, row in existing.items()}
    for record, values in zip(created, to_create):
        by_key[(values["model"], values["name"])] = record.id
    for model_name, name in wanted:
        if registry.models[model_name]._def.manual:
            continue  # custom models have no addon to name their fields' external ids after
        field = registry.models[model_name]._fields[name]
        module = field.definition.source.addon if field.definition else registry.models[model_name]._def.addon
        xmlids.setdefault(module, []).append((module, field_xmlid(model_name, name),
                                              by_key[(model_name, name)], True))
    for entries in xmlids.values():
        set_xmlids(env, "ir.model.fields", entries)
    gone = [row["id"] for key, row in existing.items() if key not in wanted]
    if gone:
        Fields.browse(gone).unlink()


def field_values_keys() -> tuple[str, ...]:
    return ("field_description", "help", "ttype", "relation", "relation_field", "relation_table", "column1",
            "column2", "selection", "size", "required", "readonly", "index", "store", "copied", "translate",
            "tracking", "on_delete", "related", "depends", "compute", "currency_field", "groups", "modules")


def _differs(current: Any, new: Any) -> bool:
    if current in (False, None, "", 0) and new in (False, None, "", 0):
        return False
    return current != new
