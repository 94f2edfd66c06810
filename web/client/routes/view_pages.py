"""Pages of the client: the home screen of apps, and an action or model in one of its view types."""

from __future__ import annotations

from typing import Any

from flask import current_app, redirect, request
from werkzeug.exceptions import NotFound

from core.domain.parse import AND_
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client import bp, settings_page
from web.client.action_domain import unsign_domain
from web.client.actions import Action, load_action, model_action, records_env
from web.client.nav import Nav, current_args, url_with
from web.client.pages import menu_param, page
from web.client.request_env import with_env
from web.client.search import SearchState, parse_state, saved_filter, search_domain
from web.client.search_bar import search_bar
from web.client.views import calendar, graph, kanban, pivot
from web.client.views import list as list_view
from web.client.views.arch import get_arch

# the view types an action can list records in: each module owns its type (web/client/views/)
VIEW_TYPES = {"list": list_view, "kanban": kanban, "calendar": calendar, "pivot": pivot, "graph": graph}


@bp.route("")
@with_env(readonly=True)
def home(env: Environment) -> Any:
    # portal users (customers, citizens) have no app here: an addon serving their own pages names
    # them in the ERP_PORTAL_HOME setting
    portal_home = current_app.config.get("ERP_PORTAL_HOME")
    if portal_home:
        user = env(su=True)["res.users"].browse(env.uid)
        if user.has_group("base.group_portal") and not user.has_group("base.group_user"):
            return redirect(portal_home)
    return page(env, "client/home.html")


@bp.route("/action/<int:action_id>")
@with_env(readonly=True)
def action(env: Environment, action_id: int) -> Any:
    if request.args.get("qt"):
        return _with_text_search()
    act = load_action(env, action_id)
    if act.url:  # a screen of an addon: it keeps the menu, so the app bar stays on its app
        if not act.url.startswith("/") or act.url.startswith("//"):
            raise NotFound()  # only this site's own screens: an action is no open redirect
        menu = menu_param()
        joiner = "&" if "?" in act.url else "?"
        return redirect(act.url + (f"{joiner}menu={menu}" if menu else ""))
    return show(env, Nav(act, menu_param()))


@bp.route("/model/<model>")
@with_env(readonly=True)
def model(env: Environment, model: str) -> Any:
    if request.args.get("qt"):
        return _with_text_search()
    return show(env, Nav(model_action(env, model), menu_param()))


def _with_text_search() -> Any:
    """The search box posts a field and a text: turn them into a facet of the URL."""
    term = f"{request.args.get('qf', '')}:{request.args.get('qt', '').strip()}"
    pairs = [p for p in current_args() if p[0] != "offset"]
    return redirect(url_with(pairs + [("q", term)], s="1"))


def search_context(env: Environment, act: Action) -> tuple[BaseModel, dict[str, Any], SearchState, list[Any]]:
    """The action's records, its search view, the search of the URL and the domain it makes."""
    model = records_env(env, act)
    search_arch = get_arch(env, act.model, "search", act.search_view_id)
    state = parse_state(request.args, search_arch, act, model)
    if state.saved:
        saved = saved_filter(env, act.model, state.saved)
        context = (saved or {}).get("context", {})
        state.analysis = context
        for spec in context.get("group_by") or []:
            if spec not in state.group_by:
                state.group_by.append(spec)
    search = search_domain(env, model, search_arch, state)
    # a button's window action may narrow the list (signed in the URL, so the page cannot widen it)
    narrowed = [part for part in (act.domain, unsign_domain(request.args.get("d"))) if part]
    domain = AND_([*narrowed, search]) if narrowed else search
    return model, search_arch, state, domain


def show(env: Environment, nav: Nav) -> Any:
    act = nav.action
    if act.view_modes == ["form"]:
        if settings_page.is_settings(env, nav):
            return settings_page.render(env, nav)
        # a form-only action (the settings, a wizard opened in the page) shows a new record, as in Odoo
        return redirect(nav.record_url("new"))
    modes = act.multi_modes or ["list"]
    view_type = request.args.get("view") if request.args.get("view") in modes else modes[0]
    model, search_arch, state, domain = search_context(env, act)
    view_id = act.view_id if view_type == modes[0] else None
    arch = get_arch(env, act.model, view_type, view_id)
    data = VIEW_TYPES[view_type].build(env, model, nav, arch, domain, state)
    if "redirect" in data:
        return redirect(data["redirect"])
    bar = search_bar(env, model, nav, search_arch, state)
    return page(
        env,
        f"client/{view_type}.html",
        nav,
        view=data,
        view_type=view_type,
        search=bar,
        modes=modes,
        can_create=model.check_access_rights("create", raise_exception=False) and arch.get("create", True),
    )
