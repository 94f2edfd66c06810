"""Rendering a page of the client: the app bar (apps and the current app's menus), the user menu,
and the page's own template."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from core.i18n import translate
from core.records.environment import Environment
from web.client.actions import load_action, model_action
from web.client.menus import find_app, visible_menus
from web.client.nav import Nav


def menu_param() -> int | None:
    raw = request.args.get("menu", "")
    return int(raw) if raw.isdigit() else None


def nav_for(env: Environment, action_id: int | None, model: str | None) -> Nav:
    """Where a request on a record stands: its window action (else the model's default one), its app."""
    act = load_action(env, action_id) if action_id else model_action(env, model or "")
    return Nav(act, menu_param())


def page(env: Environment, template: str, nav: Nav | None = None, title: str = "", **data: Any) -> str:
    return render_template(template, **page_context(env, nav, title), **data)


def page_context(
    env: Environment, nav: Nav | None = None, title: str = "", menu_id: int | None = None
) -> dict[str, Any]:
    """What the layout of every page needs: the apps, the current app (by ``nav``, else ``menu_id`` or the
    request's ``menu``), the user and the title."""
    apps = visible_menus(env)
    menu_id = nav.menu_id if nav else (menu_id or menu_param())
    app = find_app(apps, menu_id, nav.action.id if nav else None, nav.model if nav else None)
    user = env(su=True)["res.users"].browse(env.uid)
    return {
        "apps": apps,
        "app": app,
        "nav": nav,
        "title": title or (nav.action.name if nav else ""),
        "user_name": user.name or user.login,
        "user_lang": env.lang,
        "languages": env["res.lang"].get_installed() if "res.lang" in env else None,
        "company_name": user.company_id.name or "",
        "translate": translate,
    }
