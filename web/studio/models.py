"""A new model from the studio: the custom model (with its name field), a window action, a menu (in an app
or as a new app) and access for administrators and internal users, all made through the record API and
named under ``studio_customization`` so that ``erp export-customizations`` takes them along."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.addon.customizations_ui import CUSTOMIZATION_MODULE
from core.addon.xmlids import set_xmlids
from core.exceptions import ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from web.client.menus import clear_menu_cache
from web.studio.fields import FormErrors, slug

NEW_APP = "new"
# the record API's complaint about a value -> the input of the new model form holding it
MODEL_INPUTS = {"model": "name", "name": "label", "is_mail_thread": "chatter", "order": "name"}


@dataclass
class Created:
    action_id: int
    menu_id: int


def app_choices(env: Environment) -> list[tuple[int, str]]:
    """The apps (root menus) a new model's menu can go in."""
    roots = env["ir.ui.menu"].search([("parent_id", "=", False)])
    return [(menu.id, translate(menu.name)) for menu in roots]


def _values(form: Mapping[str, str]) -> dict[str, Any]:
    label = (form.get("label") or "").strip()
    name = (form.get("name") or "").strip() or slug(label)[:40]
    app = form.get("app") or NEW_APP
    errors: dict[str, str] = {}
    if not label:
        errors["label"] = _("Give the model a name, e.g. Visit.")
    if app != NEW_APP and not app.isdigit():
        errors["app"] = _("Choose the app the menu goes in.")
    app_name = (form.get("app_name") or "").strip() or label
    if errors:
        raise FormErrors(errors)
    return {
        "label": label,
        "model": name if name.startswith("x_") else f"x_{name}",
        "app": None if app == NEW_APP else int(app),
        "app_name": app_name,
        "chatter": form.get("chatter") in ("1", "on", "y", "true"),
    }


def create_model(env: Environment, form: Mapping[str, str]) -> Created:
    """Make the model, its action and menu; FormErrors (nothing made) for a value that cannot work."""
    values = _values(form)
    app = _existing_app(env, values["app"])
    try:
        model = env["ir.model"].create(
            {"name": values["label"], "model": values["model"], "is_mail_thread": values["chatter"]}
        )
    except ValidationError as error:
        raise FormErrors.from_validation(error, MODEL_INPUTS) from None
    technical = values["model"]
    table = technical.replace(".", "_")
    internal = env.ref("base.group_user")
    access = env["ir.model.access"].create(
        {
            "name": f"access_{table}_user",
            "model_id": model.id,
            "group_id": internal.id,
            "perm_read": True,
            "perm_write": True,
            "perm_create": True,
            "perm_unlink": True,
        }
    )
    action = env["ir.actions.act_window"].create(
        {"name": values["label"], "res_model": technical, "view_mode": "list,form"}
    )
    parent = app if app is not None else _new_app(env, values["app_name"], action.id, table)
    menu = env["ir.ui.menu"].create(
        {"name": values["label"], "parent_id": parent.id, "action_id": action.id, "sequence": 10}
    )
    set_xmlids(env, "ir.model.access", [(CUSTOMIZATION_MODULE, f"access_{table}_user", access.id, False)])
    set_xmlids(env, "ir.actions.act_window", [(CUSTOMIZATION_MODULE, f"{table}_action", action.id, False)])
    set_xmlids(env, "ir.ui.menu", [(CUSTOMIZATION_MODULE, f"{table}_menu", menu.id, False)])
    env.registry.signal_changes(env.cr)  # every worker shows the new menu at once
    clear_menu_cache()
    return Created(action.id, menu.id)


def _existing_app(env: Environment, app_id: int | None) -> Any:
    """The root menu chosen for the new menu (None for a new app); checked before anything is made."""
    if app_id is None:
        return None
    app = env["ir.ui.menu"].browse(app_id).exists()
    if not app or app.parent_id:
        raise FormErrors({"app": _("Choose the app the menu goes in.")})
    return app


def _new_app(env: Environment, name: str, action_id: int, table: str) -> Any:
    root = env["ir.ui.menu"].create({"name": name, "action_id": action_id, "sequence": 90})
    set_xmlids(env, "ir.ui.menu", [(CUSTOMIZATION_MODULE, f"{table}_menu_root", root.id, False)])
    return root
