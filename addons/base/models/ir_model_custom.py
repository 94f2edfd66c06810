"""Checks of custom (``state = 'manual'``) ir.model and ir.model.fields values, before anything is written.

Scripts written for Odoo send Odoo's column names (``model_id``, ``ttype``, ``relation``,
``selection`` as a Python literal...); what they send is checked here and normalised, and a
value that cannot work gets an error that names the field and says what would.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from core import _
from core.exceptions import ValidationError
from core.registry.custom import parse_selection

if TYPE_CHECKING:
    from core.records.model import BaseModel

FIELD_NAME = re.compile(r"^x_[a-z0-9_]+$")
MODEL_NAME = re.compile(r"^x_[a-z0-9_]+(\.[a-z0-9_]+)*$")
TABLE_NAME = re.compile(r"^x_[a-z0-9_]+$")
CUSTOM_TYPES = ("char", "text", "html", "integer", "float", "monetary", "boolean", "date", "datetime",
                "selection", "many2one", "one2many", "many2many", "binary", "image", "json")
RELATIONAL = ("many2one", "one2many", "many2many")
ON_DELETE = ("cascade", "set null", "restrict")
# what a custom field's definition may not change once it exists (delete it and create another)
FIXED_KEYS = ("name", "model", "model_id", "ttype", "relation", "relation_field", "relation_table", "column1",
              "column2", "state", "translate")


def known_model(env: Any, name: str) -> bool:
    """A model of the registry, or a custom model created earlier in this transaction."""
    if name in env.registry.models:
        return not env.registry.models[name]._abstract
    return bool(env["ir.model"].sudo().search_count([("model", "=", name), ("state", "=", "manual")]))


def resolve_model(env: Any, vals: dict[str, Any]) -> None:
    """Fill ``model`` from ``model_id`` or the other way round; they must agree."""
    Model = env["ir.model"].sudo()
    model_id, name = vals.get("model_id"), vals.get("model")
    if model_id:
        record = Model.browse(int(model_id)).exists()
        if not record:
            raise ValidationError(_("Model id %(id)s does not exist.", id=model_id), field="model_id")
        if name and name != record.model:
            raise ValidationError(_("model %(name)r and model_id %(id)s (%(other)s) do not agree.", name=name,
                                    id=model_id, other=record.model), field="model")
        vals["model"] = record.model
    elif name:
        record = Model.search([("model", "=", name)], limit=1)
        if not record:
            raise ValidationError(_("Model %(name)r does not exist.", name=name), field="model")
        vals["model_id"] = record.id
    else:
        raise ValidationError(_("A custom field needs its model: give model_id (or model)."),
                              field="model_id")


def check_new_field(fields: BaseModel, vals: dict[str, Any], batch: list[dict[str, Any]]) -> dict[str, Any]:
    """Normalised values of a new custom field; ValidationError naming the offending value."""
    env = fields.env
    vals = dict(vals)
    if vals.setdefault("state", "manual") != "manual":
        raise ValidationError(_("Only custom fields (state 'manual') can be created; the others come from "
                                "addons."), field="state")
    resolve_model(env, vals)
    model, name = vals["model"], vals.get("name")
    if not isinstance(name, str) or not FIELD_NAME.match(name) or len(name) > 63:
        raise ValidationError(_("Invalid field name %(name)r: custom fields start with 'x_' followed by "
                                "lowercase letters, digits or underscores (63 characters at most).",
                                name=name), field="name")
    cls = env.registry.models.get(model)
    if cls is not None and name in cls._fields or fields.sudo().search_count([("model", "=", model),
                                                                              ("name", "=", name)]):
        raise ValidationError(_("Model %(model)s already has a field %(name)s.", model=model, name=name),
                              field="name")
    ttype = vals.get("ttype")
    if ttype not in CUSTOM_TYPES:
        raise ValidationError(_("Invalid field type %(type)r for %(name)s: expected one of %(types)s.",
                                type=ttype, name=name, types=", ".join(CUSTOM_TYPES)), field="ttype")
    if not vals.get("field_description"):
        vals["field_description"] = name[2:].replace("_", " ").strip().capitalize() or name
    if vals.get("compute"):
        raise ValidationError(_("Custom field %(name)s: computed custom fields are not supported; use a "
                                "related field (related) instead.", name=name), field="compute")
    if vals.get("translate") and ttype not in ("char", "text", "html"):
        raise ValidationError(_("Custom field %(name)s: only text fields can be translatable.", name=name),
                              field="translate")
    if ttype in RELATIONAL:
        _check_relational(env, vals, batch)
    else:
        for key in ("relation", "relation_field", "relation_table", "column1", "column2"):
            vals.pop(key, None)
    if ttype == "selection":
        vals["selection"] = normalized_selection(vals.get("selection"), name)
    elif vals.get("selection"):
        vals.pop("selection")
    if ttype == "monetary":
        _check_currency(env, vals)
    if vals.get("size") is not None and (not isinstance(vals["size"], int) or vals["size"] < 0):
        raise ValidationError(_("Custom field %(name)s: size must be a positive integer.", name=name),
                              field="size")
    if vals.get("related"):
        vals.setdefault("store", False)
        vals["readonly"] = True
    return vals


def normalized_selection(value: Any, name: str) -> str:
    """The options of a selection field as JSON text: ``[["value", "Label"], ...]``."""
    try:
        options = parse_selection(value)
    except (TypeError, ValueError):
        options = []
    values = [option[0] for option in options]
    if not options or any(not v for v in values) or len(set(values)) != len(values):
        raise ValidationError(_("Custom selection field %(name)s needs its options, each with a distinct "
                                "value: [(\"value\", \"Label\"), ...] or one value:Label per line.",
                                name=name), field="selection")
    return json.dumps(options, ensure_ascii=False)


def _check_relational(env: Any, vals: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    name, ttype, relation = vals["name"], vals["ttype"], vals.get("relation")
    if not relation or not isinstance(relation, str) or not known_model(env, relation):
        raise ValidationError(_("Custom field %(name)s: the related model %(relation)r does not exist.",
                                name=name, relation=relation), field="relation")
    if ttype == "many2one":
        on_delete = vals.setdefault("on_delete", "set null")
        if on_delete not in ON_DELETE:
            raise ValidationError(_("Custom field %(name)s: on_delete must be one of %(values)s.", name=name,
                                    values=", ".join(ON_DELETE)), field="on_delete")
    elif ttype == "one2many":
        _check_inverse(env, vals, batch)
    else:
        _fill_relation_table(env, vals, batch)


def _check_inverse(env: Any, vals: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    name, relation, inverse = vals["name"], vals["relation"], vals.get("relation_field")
    target = env.registry.models.get(relation)
    field = target._fields.get(inverse) if target is not None and inverse else None
    if field is not None:
        ok = field.type == "many2one" and field.comodel_name == vals["model"]
    else:
        pending = [v for v in batch if v.get("model") == relation and v.get("name") == inverse]
        rows = env["ir.model.fields"].sudo().search_read(
            [("model", "=", relation), ("name", "=", inverse or False)], ["ttype", "relation"])
        candidates = pending + rows
        ok = any(c.get("ttype") == "many2one" and c.get("relation") == vals["model"] for c in candidates)
    if not ok:
        raise ValidationError(_("Custom one2many field %(name)s: relation_field must name a many2one field "
                                "of %(relation)s that points to %(model)s.", name=name, relation=relation,
                                model=vals["model"]), field="relation_field")


def _fill_relation_table(env: Any, vals: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    """Odoo's default names for a custom many2many's table and columns; a table used by another
    relation is refused, so two fields never share rows by accident."""
    table = vals["model"].replace(".", "_")
    cotable = vals["relation"].replace(".", "_")
    if not vals.get("relation_table"):
        vals["relation_table"] = "x_{}_{}_rel".format(*sorted((table, cotable)))
    relation = vals["relation_table"]
    if not TABLE_NAME.match(relation) or len(relation) > 63:
        raise ValidationError(_("Custom field %(name)s: relation_table %(table)r must start with 'x_' and "
                                "use lowercase letters, digits and underscores.", name=vals["name"],
                                table=relation), field="relation_table")
    vals.setdefault("column1", f"{table}_id")
    vals.setdefault("column2", f"{cotable}_id" if cotable != table else f"{cotable}_related_id")
    used = relation in env.registry.metadata.tables or any(
        other is not vals and other.get("relation_table") == relation for other in batch)
    if used:
        raise ValidationError(_("Custom field %(name)s: the relation table %(table)s is already used by "
                                "another field; give a different relation_table.", name=vals["name"],
                                table=relation), field="relation_table")


def _check_currency(env: Any, vals: dict[str, Any]) -> None:
    cls = env.registry.models.get(vals["model"])
    names = set(cls._fields) if cls is not None else set()
    currency = vals.get("currency_field") or ("currency_id" if "currency_id" in names else None)
    if not currency or currency not in names or cls._fields[currency].type != "many2one" or \
            cls._fields[currency].comodel_name != "res.currency":
        raise ValidationError(_("Custom monetary field %(name)s needs currency_field: a many2one to "
                                "res.currency of %(model)s.", name=vals["name"], model=vals["model"]),
                              field="currency_field")
    vals["currency_field"] = currency
