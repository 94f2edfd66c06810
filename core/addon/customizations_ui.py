"""The views, window actions, menus, record rules and access rights a database's customizations made,
written out as files of the addon ``erp export-customizations`` writes.

A record is a customization when no installed addon names it: the studio names its records under
``studio_customization`` (their names are kept), records made over the API or in the back office have no
external id at all (they get one from their kind and id). Extensions keep naming the view they change by
its external id (``inherit: base.view_partner_form``), so the addon that defines it becomes a dependency.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.addon.xmlids import XMLID_MODEL, xmlids_of

if TYPE_CHECKING:
    from core.records.environment import Environment

CUSTOMIZATION_MODULE = "studio_customization"
# model -> the prefix of the external ids given to its customizations that have none
CUSTOMIZABLE = {"ir.ui.view": "view", "ir.actions.act_window": "action", "ir.ui.menu": "menu",
                "ir.rule": "rule", "ir.model.access": "access"}


def customized_records(env: Environment) -> dict[str, dict[int, str]]:
    """``{model: {id: name}}`` of the views, actions, menus, rules and access rights no installed addon
    defines, each with the name of its external id in the exported addon."""
    env = env(su=True, context={**env.context, "active_test": False})
    installed = set(env.registry.addons)
    table = env.registry.models[XMLID_MODEL]._table
    found: dict[str, dict[int, str]] = {}
    for model, prefix in CUSTOMIZABLE.items():
        if model not in env.registry.models:
            continue
        from_addon: set[int] = set()
        studio: dict[int, str] = {}
        rows = env.cr.execute(sa.select(table.c.res_id, table.c.module, table.c.name)
                              .where(table.c.model == model).order_by(table.c.id))
        for res_id, module, name in rows:
            if module == CUSTOMIZATION_MODULE:
                studio.setdefault(res_id, name)
            elif module in installed:
                from_addon.add(res_id)
        ids = env[model].search([], order="id").ids
        names = {res_id: studio.get(res_id) or f"{prefix}_{res_id}"
                 for res_id in ids if res_id not in from_addon}
        if names:
            found[model] = names
    return found


def view_document(env: Environment, records: dict[str, dict[int, str]]) -> tuple[dict[str, Any], set[str]]:
    """The view file (``views``, ``actions``, ``menus``) of the customized records; the addons it needs."""
    env = env(su=True, context={**env.context, "active_test": False, "lang": "en_US"})
    needs: set[str] = set()

    def ref(model: str, record: Any) -> str | None:
        """A record's id in the exported file: local for customizations, ``addon.name`` otherwise."""
        if not record:
            return None
        local = records.get(model, {}).get(record.id)
        if local:
            return local
        xmlid = xmlids_of(env, model, [record.id]).get(record.id)
        if xmlid:
            needs.add(xmlid.split(".")[0])
        return xmlid

    document: dict[str, Any] = {}
    views = [_view(view, name, ref) for view, name in _records(env, "ir.ui.view", records)]
    actions = [_action(action, name, ref) for action, name in _records(env, "ir.actions.act_window", records)]
    menus = [_menu(menu, name, ref) for menu, name in _records(env, "ir.ui.menu", records)]
    for key, items in (("views", views), ("actions", actions), ("menus", menus)):
        items = [item for item in items if item is not None]
        if items:
            document[key] = items
    return document, needs


def _records(env: Environment, model: str, records: dict[str, dict[int, str]]) -> list[tuple[Any, str]]:
    names = records.get(model, {})
    found = env[model].browse(sorted(names)).exists()
    if model == "ir.ui.view":  # primary views before the extensions that name them
        found = found.sorted(lambda view: (view.mode != "primary", view.id))
    elif model == "ir.ui.menu":  # parents before children
        found = found.sorted(lambda menu: (len((menu.complete_name or "").split("/")), menu.id))
    return [(record, names[record.id]) for record in found]


def _view(view: Any, name: str, ref: Any) -> dict[str, Any] | None:
    item: dict[str, Any] = {"id": name, "name": view.name}
    if view.mode == "extension":
        parent = ref("ir.ui.view", view.inherit_id)
        changes = (view.arch or {}).get("changes") or []
        if not parent or not changes:
            return None  # an extension of a view without external id cannot be named elsewhere
        item.update(inherit=parent, changes=changes)
    else:
        item.update(model=view.model, type=view.type, arch=view.arch or {})
    if not view.active:
        item["active"] = False
    if view.priority != 16:
        item["priority"] = view.priority
    groups = [ref("res.groups", group) for group in view.groups_id]
    if any(groups):
        item["groups"] = [group for group in groups if group]
    return item


def _action(action: Any, name: str, ref: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"id": name, "name": action.name, "model": action.res_model,
                            "view_mode": action.view_mode or "list,form"}
    if action.domain and action.domain not in ("[]", ""):
        item["domain"] = action.domain
    if action.context and action.context not in ("{}", ""):
        item["context"] = action.context
    if action.help:
        item["help"] = action.help
    if action.limit and action.limit != 80:
        item["limit"] = action.limit
    if action.target and action.target != "current":
        item["target"] = action.target
    for key, view in (("view", action.view_id), ("search_view", action.search_view_id)):
        xmlid = ref("ir.ui.view", view)
        if xmlid:
            item[key] = xmlid
    groups = [ref("res.groups", group) for group in action.groups_id]
    if any(groups):
        item["groups"] = [group for group in groups if group]
    return item


def _menu(menu: Any, name: str, ref: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"id": name, "name": menu.name, "sequence": menu.sequence}
    parent = ref("ir.ui.menu", menu.parent_id)
    if parent:
        item["parent"] = parent
    action = ref("ir.actions.act_window", menu.action_id)
    if action:
        item["action"] = action
    if menu.web_icon:
        item["icon"] = menu.web_icon
    if not menu.active:
        item["active"] = False
    groups = [ref("res.groups", group) for group in menu.groups_id]
    if any(groups):
        item["groups"] = [group for group in groups if group]
    return item
