"""Pages of the client: the home screen of apps, and an action or model in one of its view types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import redirect, request

from core.domain.parse import AND_
from core.records.environment import Environment
from web.client import bp
from web.client.actions import Action, load_action, model_action
from web.client.nav import Nav, current_args, url_with
from web.client.pages import menu_param, page
from web.client.render import calendar, kanban
from web.client.render import list as list_view
from web.client.render.graph import build_graph
from web.client.render.pivot import build_pivot
from web.client.render.searchbar import search_bar
from web.client.request_env import with_env
from web.client.search import parse_state, saved_filter, search_domain
from web.client.views import get_arch

PAGE_LIMITS = (20, 40, 80, 200)
COUNT_LIMIT = 10000
SENTINEL_ID = 987654321


@bp.route("")
@with_env(readonly=True)
def home(env: Environment) -> Any:
    return page(env, "client/home.html")


@bp.route("/action/<int:action_id>")
@with_env(readonly=True)
def action(env: Environment, action_id: int) -> Any:
    if request.args.get("qt"):
        return _with_text_search()
    return show(env, Nav(load_action(env, action_id), menu_param()))


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


def records_env(env: Environment, act: Action) -> Any:
    """The model in the action's context (defaults for new records), minus search-only keys."""
    context = {
        k: v for k, v in act.context.items() if not k.startswith("search_default_") and k != "group_by"
    }
    return env[act.model].with_context(**context)


def show(env: Environment, nav: Nav) -> Any:
    act = nav.action
    if act.view_modes == ["form"]:
        # a form-only action (the settings, a wizard opened in the page) shows a new record, as in Odoo
        return redirect(nav.record_url("new"))
    modes = act.multi_modes or ["list"]
    view_type = request.args.get("view") if request.args.get("view") in modes else modes[0]
    model = records_env(env, act)
    search_arch = get_arch(env, act.model, "search", act.search_view_id)
    state = parse_state(request.args, search_arch, act, model)
    if state.saved:
        saved = saved_filter(env, act.model, state.saved)
        for spec in (saved or {}).get("context", {}).get("group_by") or []:
            if spec not in state.group_by:
                state.group_by.append(spec)
    domain = (
        AND_([act.domain, search_domain(env, model, search_arch, state)])
        if act.domain
        else search_domain(env, model, search_arch, state)
    )
    view_id = act.view_id if view_type == modes[0] else None
    arch = get_arch(env, act.model, view_type, view_id)
    builders = {"list": _list, "kanban": _kanban, "calendar": _calendar, "pivot": _pivot, "graph": _graph}
    data = builders[view_type](env, model, nav, arch, domain, state)
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


def _int_arg(name: str, default: int, allowed: tuple[int, ...] | None = None) -> int:
    raw = request.args.get(name, "")
    value = int(raw) if raw.isdigit() else default
    if allowed and value not in allowed:
        return default
    return max(value, 0)


def _list(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    columns = list_view.list_columns(model, arch)
    order = list_view.safe_order(model, request.args.get("order"), arch.get("order"))
    limit = _int_arg("limit", arch.get("limit") or nav.action.limit or 80, None)
    limit = min(max(limit, 1), 1000)
    offset = _int_arg("offset", 0)
    pairs = current_args()
    data: dict[str, Any] = {
        "columns": columns,
        "order": order or "",
        "editable": arch.get("editable"),
        "can_write": model.check_access_rights("write", raise_exception=False),
        "can_delete": model.check_access_rights("unlink", raise_exception=False) and arch.get("delete", True),
        "has_active": "active" in model._fields,
    }
    for column in columns:
        current = (order or "").split()
        ascending = not (
            current and current[0] == column["name"] and (len(current) == 1 or current[1] == "asc")
        )
        column["sort_url"] = url_with(
            pairs, order=f"{column['name']} {'asc' if ascending else 'desc'}", offset=None
        )
        column["sorted"] = (
            (current[1] if len(current) > 1 else "asc") if current and current[0] == column["name"] else ""
        )
    if state.group_by:
        data["groups"] = list_view.group_rows(model, domain, columns, state.group_by[0])
        for group in data["groups"]:
            group["url"] = nav.data_url("list_rows", order=order, domain=group["domain"])
        return data
    records = model.search_fetch(
        domain, list_view.read_fields(model, arch, columns), offset=offset, limit=limit, order=order
    )
    data["rows"] = list_view.rows_data(env, model, arch, columns, records)
    _row_urls(nav, data["rows"])
    count, more = _count(model, domain, records, offset, limit)
    data["totals"] = list_view.totals(model, domain, columns) if count else None
    data["pager"] = _pager(pairs, offset, limit, count, more)
    return data


def _row_urls(nav: Nav, rows: list[dict[str, Any]]) -> None:
    """The form URL of each row, from one url_for (a list shows up to hundreds of rows)."""
    pattern = nav.record_url(SENTINEL_ID)
    for row in rows:
        row["url"] = pattern.replace(str(SENTINEL_ID), str(row["id"]))


def _count(model: Any, domain: list[Any], records: Any, offset: int, limit: int) -> tuple[int, bool]:
    """How many records match, counting no further than the next pages need (COUNT_LIMIT at least):
    (count, whether more exist), as Odoo's pager shows "1-80 / 10000+"."""
    if len(records) < limit:
        return offset + len(records), False
    enough = max(COUNT_LIMIT, offset + limit)
    count = model.search_count(domain, limit=enough + 1)
    return min(count, enough), count > enough


def _pager(
    pairs: list[tuple[str, str]], offset: int, limit: int, count: int, more: bool = False
) -> dict[str, Any]:
    first = min(offset + 1, count) if count else 0
    last = min(offset + limit, count)
    return {
        "more": more,
        "first": first,
        "last": last,
        "count": count,
        "limit": limit,
        "limits": PAGE_LIMITS,
        "prev": url_with(pairs, offset=max(offset - limit, 0) or None) if offset else None,
        "next": url_with(pairs, offset=offset + limit) if offset + limit < count or more else None,
    }


def _kanban(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    group_by = state.group_by[0] if state.group_by else arch.get("group_by")
    order = arch.get("order")
    if group_by:
        return {
            "grouped": True,
            "group_by": group_by.split(":")[0],
            "columns": kanban.columns(env, model, arch, domain, group_by, order),
            "can_move": kanban.can_move(model, group_by),
            "quick_create": arch.get("quick_create", True)
            and model.check_access_rights("create", raise_exception=False),
            "arch": arch,
        }
    limit = arch.get("limit") or 80
    offset = _int_arg("offset", 0)
    records = model.search(domain, offset=offset, limit=limit, order=order)
    count, more = _count(model, domain, records, offset, limit)
    return {
        "grouped": False,
        "cards": kanban.cards(env, model, arch, records),
        "arch": arch,
        "pager": _pager(current_args(), offset, limit, count, more),
    }


def _calendar(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    mode = (
        request.args.get("mode")
        if request.args.get("mode") in ("month", "week")
        else arch.get("mode", "month")
    )
    try:
        anchor = dt.date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        anchor = dt.date.today()
    data = calendar.build_calendar(env, model, arch, domain, anchor, mode)
    pairs = [p for p in current_args() if p[0] not in ("date", "mode")]
    data.update(
        prev_url=url_with(pairs, date=data["prev"], mode=mode),
        next_url=url_with(pairs, date=data["next"], mode=mode),
        today_url=url_with(pairs, date=data["today"], mode=mode),
        month_url=url_with(pairs, date=data["anchor"], mode="month"),
        week_url=url_with(pairs, date=data["anchor"], mode="week"),
    )
    return data


def _pivot(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    data = build_pivot(env, model, arch, domain, request.args)
    data["flip_url"] = url_with(current_args(), rows=data["cols_spec"] or None, cols=data["rows_spec"])
    return data


def _graph(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    data = build_graph(env, model, arch, domain, request.args)
    pairs = current_args()
    data["type_urls"] = [(kind, url_with(pairs, type=kind)) for kind in ("bar", "line", "pie")]
    return data
