"""View files: views (with extensions by container id), window actions and menus, as records."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.addon.domain_checks import check_domain
from core.addon.view_arch import ArchError, apply_changes, check_arch, primary_of, resolved_arch
from core.addon.view_checks import action_buttons
from core.exceptions import ErpError, MetadataError
from core.i18n import LANGUAGES, translate
from core.loader.validate import validate_document
from core.loader.yaml_source import locate
from core.safe_eval import parse_expression

if TYPE_CHECKING:
    from core.addon.data import DataLoader


def translations(text: str) -> str | dict[str, str]:
    """``text`` with its translations from the catalogs (stored in every language, so that RPC clients
    reading with ``context={'lang': ...}`` get them, as Odoo's do); the text alone when none has one."""
    found = {lang: translate(text, lang) for lang in LANGUAGES}
    return found if any(value != text for value in found.values()) else text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_view_document(loader: DataLoader, document: dict[str, Any], path: Path) -> None:
    validate_document(document, "view")
    for index, view in enumerate(document.get("views") or ()):
        try:
            load_view(loader, view)
        except MetadataError:
            raise
        except Exception as error:
            file, line = locate(document, ["views", index])
            raise MetadataError(file, line, f"cannot load view {view.get('id')}: {error}") from error
    for index, action in enumerate(document.get("actions") or ()):
        try:
            load_action(loader, action)
        except MetadataError:
            raise
        except Exception as error:
            file, line = locate(document, ["actions", index])
            raise MetadataError(file, line, f"cannot load action {action.get('id')}: {error}") from error
    for index, menu in enumerate(document.get("menus") or ()):
        try:
            load_menu(loader, menu)
        except MetadataError:
            raise
        except Exception as error:
            file, line = locate(document, ["menus", index])
            raise MetadataError(file, line, f"cannot load menu {menu.get('id')}: {error}") from error


def load_view(loader: DataLoader, view: dict[str, Any]) -> None:
    values: dict[str, Any] = {"name": view.get("name") or view["id"], "active": view.get("active", True)}
    if view.get("inherit"):
        parent_id = loader.ref(view["inherit"])
        parent = loader.env["ir.ui.view"].browse(parent_id)
        changes = _plain(view.get("changes") or [])
        _check_extension(loader, view, parent, changes)
        _check_action_buttons(loader, view, changes, ["changes"])
        values.update(inherit_id=parent_id, mode="extension", model=parent.model, type=parent.type,
                      arch={"changes": changes}, priority=view.get("priority", 16))
    else:
        model = view["model"]
        if model not in loader.env.registry.models:
            raise MetadataError(getattr(view, "file", None), getattr(view, "line", None),
                                f"view {view['id']} is for unknown model '{model}'")
        arch = _plain(view.get("arch") or {})
        try:
            check_arch(loader.env[model], view["type"], arch)
        except ArchError as error:
            file, line = locate(view, ["arch", *error.path])
            raise MetadataError(file, line, f"view {view['id']}: {error.reason}") from None
        _check_action_buttons(loader, view, arch, ["arch"])
        values.update(model=model, type=view["type"], arch=arch, mode="primary",
                      priority=view.get("priority", 16))
    if view.get("groups"):
        values["groups_id"] = [(6, 0, [loader.ref(g) for g in view["groups"]])]
    values["arch_fs"] = f"{getattr(view, 'file', '')}:{getattr(view, 'line', '')}"
    loader.load_record("ir.ui.view", view["id"], values, bool(view.get("noupdate")))


def _check_extension(loader: DataLoader, view: dict[str, Any], parent: Any, changes: list[Any]) -> None:
    """The changes must find their targets in the parent as it stands, and leave a valid arch."""
    primary = primary_of(parent)
    where = f"view {view['id']} extends {view['inherit']}"
    try:
        arch = apply_changes(resolved_arch(loader.env, primary), changes)
    except ArchError as error:
        file, line = locate(view, ["changes", *error.path])
        raise MetadataError(file, line, f"{where}: {error.reason}") from None
    try:
        check_arch(loader.env[primary.model], primary.type, arch)
    except ArchError as error:
        file, line = locate(view, ["changes"])
        raise MetadataError(file, line, f"{where}: {error.reason}") from None


def _check_action_buttons(loader: DataLoader, view: dict[str, Any], value: Any, prefix: list[Any]) -> None:
    """A ``type: action`` button must name a window action that exists once the files are loaded."""
    buttons = action_buttons(value)
    if buttons:
        loader.deferred_checks.append(lambda: _resolve_action_buttons(loader, view, buttons, prefix))


def _resolve_action_buttons(loader: DataLoader, view: dict[str, Any], buttons: list[tuple[list[Any], str]],
                            prefix: list[Any]) -> None:
    for path, xmlid in buttons:
        try:
            action_id = loader.ref(xmlid)
        except ErpError as error:
            file, line = locate(view, [*prefix, *path])
            raise MetadataError(file, line, f"view {view['id']}: button '{xmlid}': {error}") from None
        found = loader.env["ir.actions.act_window"].browse(action_id).exists()
        if not found:
            file, line = locate(view, [*prefix, *path])
            raise MetadataError(file, line,
                                f"view {view['id']}: button '{xmlid}' does not name a window action")


def _check_action_expressions(loader: DataLoader, action: dict[str, Any]) -> None:
    """The domain names fields of the action's model; domain and context parse."""
    model = loader.env[action["model"]]
    for key in ("domain", "context"):
        value = action.get(key)
        try:
            if key == "domain" and value not in (None, False, ""):
                check_domain(model, _plain(value), [key])
            elif isinstance(value, str):
                parse_expression(value)
        except ArchError as error:
            file, line = locate(action, [key])
            raise MetadataError(file, line, f"action {action['id']}: {error.reason}") from None
        except ErpError as error:
            file, line = locate(action, [key])
            raise MetadataError(file, line, f"action {action['id']}: {key}: {error}") from None


def load_action(loader: DataLoader, action: dict[str, Any]) -> None:
    domain = action.get("domain")
    context = action.get("context")
    values: dict[str, Any] = {
        "name": translations(action["name"]), "res_model": action["model"],
        "view_mode": action.get("view_mode") or "list,form",
        "domain": repr(_plain(domain)) if isinstance(domain, list) else (domain or False),
        "context": repr(_plain(context)) if isinstance(context, dict) else (context or "{}"),
        "limit": action.get("limit", 80), "target": action.get("target", "current"),
        "help": action.get("help") or False, "url": action.get("url") or False,
    }
    if action["model"] not in loader.env.registry.models:
        raise MetadataError(getattr(action, "file", None), getattr(action, "line", None),
                            f"action {action['id']} opens unknown model '{action['model']}'")
    _check_action_expressions(loader, action)
    if action.get("view"):
        values["view_id"] = loader.ref(action["view"])
    if action.get("search_view"):
        values["search_view_id"] = loader.ref(action["search_view"])
    if action.get("groups"):
        values["groups_id"] = [(6, 0, [loader.ref(g) for g in action["groups"]])]
    loader.load_record("ir.actions.act_window", action["id"], values, False)


def load_menu(loader: DataLoader, menu: dict[str, Any]) -> None:
    values: dict[str, Any] = {"name": translations(menu["name"]), "sequence": menu.get("sequence", 10),
                              "web_icon": menu.get("icon") or False, "active": menu.get("active", True)}
    values["parent_id"] = loader.ref(menu["parent"]) if menu.get("parent") else False
    values["action_id"] = loader.ref(menu["action"]) if menu.get("action") else False
    if menu.get("groups"):
        values["groups_id"] = [(6, 0, [loader.ref(g) for g in menu["groups"]])]
    loader.load_record("ir.ui.menu", menu["id"], values, False)
