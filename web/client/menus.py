"""The menus a user may see: apps (root menus) and their sections, from ir.ui.menu.

A menu shows when the user is in one of its groups (or it has none) and, when it opens an
action, the user may read that action's model; a menu without action shows when it has a
visible child. Three queries, whatever the number of menus."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from flask import url_for

from core.i18n import translate
from core.records.environment import Environment
from web.client.session_env import in_groups, user_groups


@dataclass
class Menu:
    id: int
    name: str
    action_id: int | None
    icon: str | None
    parent_id: int | None
    model: str | None = None
    url: str | None = None  # the screen its action opens (an addon's dashboard, map, report)
    children: list[Menu] = field(default_factory=list)

    def href(self) -> str:
        """Where the menu leads, in this app: its action's screen or views, else its first child's."""
        if self.url:
            joiner = "&" if "?" in self.url else "?"
            return f"{self.url}{joiner}menu={self.id}"
        if self.action_id is None and self.children:
            return self.children[0].href()
        action_id = self.first_action()
        if action_id is None:
            return url_for("client.home")
        return url_for("client.action", action_id=action_id, menu=self.id)

    def first_action(self) -> int | None:
        """The action the menu opens, or the first one found among its children."""
        if self.action_id:
            return self.action_id
        for child in self.children:
            found = child.first_action()
            if found:
                return found
        return None

    def contains(self, menu_id: int | None) -> bool:
        return menu_id == self.id or any(child.contains(menu_id) for child in self.children)

    def with_action(self, action_id: int | None, model: str | None = None) -> Menu | None:
        """The menu opening ``action_id`` (or, given ``model``, an action of that model)."""
        if (action_id and self.action_id == action_id) or (model and self.model == model):
            return self
        for child in self.children:
            found = child.with_action(action_id, model)
            if found:
                return found
        return None


_CACHE: dict[tuple[Any, ...], tuple[float, list[Menu]]] = {}
CACHE_SECONDS = 30.0


def clear_menu_cache() -> None:
    """Forget the menus computed for users (after menus or actions were changed in this process)."""
    _CACHE.clear()


def visible_menus(env: Environment) -> list[Menu]:
    """The apps the user may see, each with its visible sub-menus, ordered by sequence.

    Kept a few seconds per user and language: every page shows them, and they seldom change
    (a change of access rights or of the registry, signalled between processes, is seen at once)."""
    registry = env.registry
    key = (registry.db_name, id(registry), registry.cache_version, env.uid, env.lang)
    cached = _CACHE.get(key)
    now = time.monotonic()
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    menus = _visible_menus(env)
    if len(_CACHE) > 1000:
        _CACHE.clear()
    _CACHE[key] = (now, menus)
    return menus


def _visible_menus(env: Environment) -> list[Menu]:
    sudo = env(su=True)
    rows = sudo["ir.ui.menu"].search_read(
        [], ["name", "parent_id", "action_id", "groups_id", "web_icon"], load=None
    )
    action_ids = sorted({row["action_id"] for row in rows if row["action_id"]})
    actions = {
        row["id"]: row
        for row in sudo["ir.actions.act_window"]
        .browse(action_ids)
        .read(["res_model", "groups_id", "url"], load=None)
    }
    groups = user_groups(env)
    security = env.registry.security

    def allowed(row: dict[str, Any]) -> bool:
        if not in_groups(groups, row["groups_id"]):
            return False
        action = actions.get(row["action_id"]) if row["action_id"] else None
        if row["action_id"] and action is None:
            return False
        if action is not None:
            model = action["res_model"]
            if model not in env.registry.models or not in_groups(groups, action["groups_id"]):
                return False
            return security.has_model_access(env, model, "read")
        return True

    menus = {
        row["id"]: Menu(
            row["id"],
            translate(row["name"]),
            row["action_id"] or None,
            row["web_icon"] or None,
            row["parent_id"] or None,
            (actions.get(row["action_id"]) or {}).get("res_model"),
            (actions.get(row["action_id"]) or {}).get("url") or None,
        )
        for row in rows
        if allowed(row)
    }
    roots: list[Menu] = []
    for row in rows:  # rows come in menu order (sequence, id): children keep it
        menu = menus.get(row["id"])
        if menu is None:
            continue
        if menu.parent_id is None:
            roots.append(menu)
        elif menu.parent_id in menus:
            menus[menu.parent_id].children.append(menu)
    return [menu for menu in roots if _prune(menu)]


def _prune(menu: Menu) -> bool:
    """Drop sections that lead nowhere; whether ``menu`` itself still leads somewhere."""
    menu.children = [child for child in menu.children if _prune(child)]
    return bool(menu.action_id or menu.children)


def find_app(
    apps: list[Menu], menu_id: int | None, action_id: int | None, model: str | None = None
) -> Menu | None:
    """The app of the page: the one holding ``menu_id``, else the one opening ``action_id``, else
    one opening the ``model``."""
    for app in apps:
        if menu_id and app.contains(menu_id):
            return app
    for app in apps:
        if app.with_action(action_id):
            return app
    if not model:
        return None
    return next((app for app in apps if app.model == model), None) or next(
        (app for app in apps if app.with_action(None, model)), None
    )
