"""Which view a user gets for a model and a view type, and how it is described to Odoo clients
(``get_views``, ``get_view``, ``fields_view_get``): the arch as Odoo XML, the fields it shows."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.addon.arch_nodes import walk_lists
from core.addon.arch_xml import ROOT_TAGS, arch_to_xml
from core.addon.view_arch import primary_of, resolved_arch
from core.addon.view_defaults import DEFAULTS
from core.exceptions import UserError, ValidationError
from core.fields.relational import Relational
from core.i18n import _

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.records.model_part import ModelPart

VIEW_TYPES = {"tree": "list", **{name: name for name in DEFAULTS}}


def view_type_of(requested: Any) -> str:
    if requested not in VIEW_TYPES:
        raise ValidationError(_("Invalid view type %(type)r: expected one of %(types)s", type=requested,
                                types=", ".join(sorted(VIEW_TYPES))))
    return VIEW_TYPES[requested]


def find_view(env: Environment, model: str, view_type: str,
              view_id: Any = None) -> tuple[Any, dict[str, Any]]:
    """(view record or None, resolved arch) of ``view_type`` for ``model``: view ``view_id`` when it is a
    view of that model and type, else the first the user may see by priority, else one generated."""
    Views = env(su=True)["ir.ui.view"]
    groups = None if env.su else env.registry.security.user_groups(env)
    candidates = Views.browse()
    if isinstance(view_id, int) and not isinstance(view_id, bool) and view_id:
        chosen = Views.browse(view_id).exists()
        chosen = primary_of(chosen) if chosen else chosen
        if chosen and chosen.model == model and chosen.type == view_type:
            candidates = chosen
    if not candidates:
        candidates = Views.search([("model", "=", model), ("type", "=", view_type), ("mode", "=", "primary")],
                                  order="priority, id")
    for view in candidates:
        if groups is None or not view.groups_id or set(view.groups_id.ids) & groups:
            return view, resolved_arch(env, view)
    arch = DEFAULTS[view_type](env[model])
    if arch is None:
        raise UserError(_("The model %(model)s has no date field to show in a calendar.", model=model))
    return None, arch


def describe_view(records: ModelPart, view_type: str, view_id: Any = None) -> dict[str, Any]:
    """Odoo's description of one view: ``arch`` (XML text), ``id``, ``model``, ``type``, ``name``."""
    view, arch = find_view(records.env, records._name, view_type, view_id)
    title = records._model_description()
    return {"arch": arch_to_xml(view_type, arch, title), "id": view.id if view is not None else False,
            "model": records._name, "type": ROOT_TAGS[view_type],
            "name": view.name if view is not None else f"{records._name}.{view_type}", "_arch": arch}


def sub_models(records: ModelPart, archs: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Comodels whose lines the archs list (x2many sub-lists), with the fields of their columns."""
    found: dict[str, set[str]] = {}
    for arch in archs:
        for items, _path in walk_lists(arch):
            for node in items:
                field = records._fields.get(node.get("field", "")) if isinstance(node, dict) else None
                if isinstance(field, Relational) and isinstance(node.get("columns"), list):
                    found.setdefault(field.comodel_name, set()).update(
                        column["field"] for column in node["columns"] if "field" in column)
    return found


def get_views(records: ModelPart, views: Any, options: Any = None) -> dict[str, Any]:
    """Odoo 17's ``get_views``: ``{"views": {type: {...}}, "models": {model: fields}}``."""
    if not isinstance(views, (list, tuple)) or not all(
        isinstance(item, (list, tuple)) and len(item) == 2 for item in views
    ):
        raise ValidationError(_("Invalid views %(views)r: expected a list of [view id or false, view type]",
                                views=views))
    options = options if isinstance(options, dict) else {}
    result: dict[str, Any] = {}
    for view_id, requested in views:
        described = describe_view(records, view_type_of(requested), view_id)
        if options.get("toolbar"):
            described["toolbar"] = {"action": [], "print": []}
        if requested == "search" and options.get("load_filters"):
            described["filters"] = saved_filters(records)
        result[requested] = described
    models: dict[str, Any] = {records._name: records.fields_get()}
    for comodel, names in sub_models(records, [v.pop("_arch") for v in result.values()]).items():
        if comodel not in models:
            models[comodel] = records.env[comodel].fields_get(sorted(names | {"id", "display_name"}))
    return {"views": result, "models": models}


def saved_filters(records: ModelPart) -> list[dict[str, Any]]:
    """The user's and the shared saved filters of the model, as Odoo's search view loads them."""
    Filters = records.env["ir.ui.filter"]
    return Filters.search_read(
        [("model_id", "=", records._name), ("user_id", "in", [records.env.uid, False])],
        ["name", "domain", "context", "sort", "is_default", "user_id", "action_id"],
    )
