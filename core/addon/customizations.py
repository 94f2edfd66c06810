"""The customizations of a database, written out as an addon another database can install.

The addon holds one model file per model (``model:`` for a custom model, ``inherit:`` for the custom
fields of an addon's model), the access rights and record rules no addon defines, the views, window actions
and menus made over the API or in the studio (customizations_ui.py), and a manifest depending on the addons
whose models, views, menus and groups it extends or refers to. The suite has no server actions to export.
"""
from __future__ import annotations

import ast
import contextlib
import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from core.addon.customizations_ui import customized_records, view_document
from core.addon.manifest import ADDON_NAME
from core.addon.reflect import model_xmlid
from core.addon.xmlids import xmlids_of
from core.exceptions import AddonError
from core.i18n import _
from core.registry.custom import parse_selection

if TYPE_CHECKING:
    from core.records.environment import Environment

ACCESS_HEADER = ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create",
                 "perm_unlink"]


def export_customizations(env: Environment, folder: Path, title: str | None = None) -> list[Path]:
    """Write the addon into ``folder`` (named after the addon); the files written."""
    name = folder.name
    if not ADDON_NAME.match(name):
        raise AddonError(_("The output folder's name %(name)r is the addon's technical name: use lowercase "
                           "letters, digits and underscores, starting with a letter.", name=name))
    env = env(su=True, context={**env.context, "active_test": False, "lang": "en_US"})
    models = env["ir.model"].search([("state", "=", "manual")], order="id")
    fields = env["ir.model.fields"].search([("state", "=", "manual")], order="id")
    ui_records = customized_records(env)
    if not models and not fields and not any(ui_records.values()):
        raise AddonError(_("Database %(db)s has no customizations to export: no custom models, fields, "
                           "views, actions, menus, record rules or access rights.",
                           db=env.registry.db_name))
    files: dict[str, str] = {}
    depends: set[str] = set()
    by_model: dict[str, list[Any]] = {}
    for field in fields:
        by_model.setdefault(field.model, []).append(field)
    custom = {model.model: model for model in models}
    for model_name in list(custom) + [m for m in by_model if m not in custom]:
        fields_of_model = by_model.get(model_name, [])
        document, needs = _model_document(env, custom.get(model_name), model_name, fields_of_model)
        depends |= needs
        files[f"models/{model_name.replace('.', '_')}.yaml"] = _dump(document)
    data: list[str] = []
    access, needs = _access_csv(env, ui_records.pop("ir.model.access", {}))
    if access:
        depends |= needs
        files["security/ir.model.access.csv"] = access
        data.append("security/ir.model.access.csv")
    rules, needs = _rules_yaml(env, ui_records.pop("ir.rule", {}))
    if rules:
        depends |= needs
        files["security/rules.yaml"] = rules
        data.append("security/rules.yaml")
    ui, needs = view_document(env, ui_records)
    if ui:
        depends |= needs
        files["views/customizations.yaml"] = _dump(ui)
        data.append("views/customizations.yaml")
    manifest = {"name": title or f"Customizations of {env.registry.db_name}", "version": "1.0",
                "summary": "Customizations exported from the database: models, fields, views, actions, "
                           "menus, record rules and access rights.",
                "category": "Customizations",
                "license": "LGPL-3", "depends": _minimal(env, depends - {name}), "data": data}
    files["manifest.yaml"] = _dump(manifest)
    return _write(folder, files)


def _model_document(env: Environment, model: Any, model_name: str,
                    fields: list[Any]) -> tuple[dict[str, Any], set[str]]:
    registry = env.registry
    needs: set[str] = set()
    if model is not None:
        document: dict[str, Any] = {"model": model_name, "description": model.name or model_name}
        if any(field.name == "x_name" for field in fields):
            document["rec_name"] = "x_name"
        if model.order and model.order != "id":
            document["order"] = model.order
        if model.is_mail_thread:
            document["chatter"] = True
            needs.add("mail")
        needs.add("base")
    else:
        document = {"inherit": model_name}
        needs.add(registry.models[model_name]._def.addon)
    document["fields"] = {}
    for field in fields:
        attrs, comodel = _field_attrs(field)
        document["fields"][field.name] = attrs
        if comodel and comodel in registry.models and not registry.models[comodel]._def.manual:
            needs.add(registry.models[comodel]._def.addon)
    return document, needs


def _field_attrs(field: Any) -> tuple[dict[str, Any], str | None]:
    attrs: dict[str, Any] = {"type": field.ttype, "string": field.field_description or field.name}
    if field.help:
        attrs["help"] = field.help
    for key in ("required", "readonly", "index", "translate"):
        if field[key]:
            attrs[key] = True
    if not field.copied:
        attrs["copy"] = False
    if field.tracking:
        attrs["tracking"] = True
    if field.ttype == "char" and field.size:
        attrs["size"] = field.size
    comodel = field.relation or None
    if field.ttype in ("many2one", "one2many", "many2many"):
        attrs["comodel_name"] = field.relation
    if field.ttype == "many2one":
        attrs["ondelete"] = field.on_delete or "set null"
    elif field.ttype == "one2many":
        attrs["inverse_name"] = field.relation_field
    elif field.ttype == "many2many":
        attrs.update(relation=field.relation_table, column1=field.column1, column2=field.column2)
    if field.ttype == "selection":
        attrs["selection"] = parse_selection(field.selection)
    if field.ttype == "monetary" and field.currency_field:
        attrs["currency_field"] = field.currency_field
    if field.related:
        attrs.update(related=field.related, store=False)
        attrs.pop("required", None)
    if field.domain and field.domain not in ("[]", ""):
        with contextlib.suppress(ValueError, SyntaxError):
            attrs["domain"] = [list(leaf) if isinstance(leaf, tuple) else leaf
                               for leaf in ast.literal_eval(field.domain)]
    return attrs, comodel


def _model_ref(env: Environment, model_name: str, needs: set[str]) -> str:
    """The external id of a model's ir.model row as the exported addon names it."""
    cls = env.registry.models.get(model_name)
    if cls is None or cls._def.manual:
        return model_xmlid(model_name)  # a custom model: the exported addon declares it
    needs.add(cls._def.addon)
    return f"{cls._def.addon}.{model_xmlid(model_name)}"


def _access_csv(env: Environment, names: dict[int, str]) -> tuple[str, set[str]]:
    lines = env["ir.model.access"].browse(sorted(names)).exists()
    needs: set[str] = set()
    if not lines:
        return "", needs
    groups = xmlids_of(env, "res.groups", lines.mapped("group_id").ids)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(ACCESS_HEADER)
    for line in lines:
        group = groups.get(line.group_id.id, "") if line.group_id else ""
        if line.group_id and not group:
            continue  # a group without an external id cannot be named in another database
        if group:
            needs.add(group.split(".")[0])
        writer.writerow([names[line.id], line.name, _model_ref(env, line.model_id.model, needs), group,
                         *(int(bool(line[f"perm_{op}"])) for op in ("read", "write", "create", "unlink"))])
    return output.getvalue(), needs


def _rules_yaml(env: Environment, names: dict[int, str]) -> tuple[str, set[str]]:
    rules = env["ir.rule"].browse(sorted(names)).exists()
    needs: set[str] = set()
    records = []
    for rule in rules:
        groups = list(xmlids_of(env, "res.groups", rule.groups.ids).values())
        needs |= {g.split(".")[0] for g in groups}
        values: dict[str, Any] = {"name": rule.name or rule.model_id.model,
                                  "model_id": {"ref": _model_ref(env, rule.model_id.model, needs)},
                                  "domain_force": rule.domain_force or "[]"}
        if groups:
            values["groups"] = {"refs": groups}
        values.update({f"perm_{op}": bool(rule[f"perm_{op}"])
                       for op in ("read", "write", "create", "unlink")})
        if not rule.active:
            values["active"] = False
        records.append({"model": "ir.rule", "id": names[rule.id], "values": values})
    return (_dump(records) if records else ""), needs


def _minimal(env: Environment, depends: set[str]) -> list[str]:
    """The addons needed, without those another needed addon already depends on."""
    manifests = env.registry.manifests
    implied: set[str] = set()
    for name in depends:
        pending = list(manifests[name].depends) if name in manifests else []
        while pending:
            other = pending.pop()
            if other not in implied:
                implied.add(other)
                pending.extend(manifests[other].depends if other in manifests else [])
    return sorted(depends - implied) or ["base"]


def _dump(document: Any) -> str:
    return yaml.safe_dump(json.loads(json.dumps(document)), sort_keys=False, allow_unicode=True, width=110)


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
