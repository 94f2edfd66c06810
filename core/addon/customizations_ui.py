"""The views, window actions and menus a database's customizations made (external ids under
``studio_customization``), written out as a view file of the addon ``erp export-customizations`` writes.

Extensions keep naming the view they change by its external id (``inherit: base.view_partner_form``), so
the addon that defines it becomes a dependency; views, actions and menus made for custom models come along
as plain definitions.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.addon.xmlids import xmlids_of

if TYPE_CHECKING:
    from core.records.environment import Environment

CUSTOMIZATION_MODULE = "studio_customization"


def customized_records(env: Environment) -> dict[str, dict[int, str]]:
    """``{model: {id: name}}`` of the views, actions and menus with an external id of the customizations."""
    rows = env["ir.model.data"].sudo().search_read(
        [("module", "=", CUSTOMIZATION_MODULE), ("model", "in", ["ir.ui.view", "ir.actions.act_window",
                                                                 "ir.ui.menu"])],
        ["model", "res_id", "name"], order="id")
    found: dict[str, dict[int, str]] = {}
    for row in rows:
        found.setdefault(row["model"], {})[row["res_id"]] = row["name"]
    for model, names in found.items():
        existing = set(env[model].sudo().with_context(active_test=False).browse(list(names)).exists().ids)
        found[model] = {res_id: name for res_id, name in names.items() if res_id in existing}
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
    view = ref("ir.ui.view", action.view_id)
    if view:
        item["view"] = view
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
    groups = [ref("res.groups", group) for group in menu.groups_id]
    if any(groups):
        item["groups"] = [group for group in groups if group]
    return item
