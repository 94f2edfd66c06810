"""``/service_desk/dashboard/<model>``: the dashboard of a ticket model (helpdesk tickets, citizen
requests) in the web client, reached from its app's menu: the open backlog by team and stage, the SLA
compliance rate, the backlog by age, the resolution time per month and the model's breakdowns."""

from __future__ import annotations

from typing import Any

from flask import request

from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.actions import model_action
from web.client.drill import drill_param
from web.client.nav import Nav
from web.client.pages import menu_param, page
from web.client.request_env import with_env

bp = addon_blueprint("service_desk", __name__, "/service_desk", assets=True)


def _ticket_model(env: Environment, name: str) -> Any:
    """The records of ``name`` if it is an installed ticket model (MissingError otherwise)."""
    if name not in env.registry.models or not hasattr(env[name], "get_desk_dashboard"):
        raise MissingError(_("There is no ticket model %(model)s in this database.", model=name))
    return env[name]


def backlog_table(rows: list[dict[str, Any]], drill: Any = None) -> dict[str, Any]:
    """The backlog as a team x stage table: stage columns in their order, a total per team and stage;
    with ``drill(label, cells)``, each count links to the list of its open records."""
    stages: list[tuple[Any, str]] = []
    teams: dict[Any, dict[str, Any]] = {}
    for row in rows:
        if (row["stage_id"], row["stage"]) not in stages:
            stages.append((row["stage_id"], row["stage"]))
        team = teams.setdefault(row["team_id"], {"id": row["team_id"], "name": row["team"], "cells": {}})
        team["cells"][row["stage_id"]] = row["count"]
        if drill is not None:
            team.setdefault("links", {})[row["stage_id"]] = drill(
                f"{row['team']} / {row['stage']}",
                [("team_id", row["team_id"]), ("stage_id", row["stage_id"]), ("close_date", False)],
            )
    for team in teams.values():
        team["total"] = sum(team["cells"].values())
    totals = {stage: sum(t["cells"].get(stage, 0) for t in teams.values()) for stage, _name in stages}
    return {"stages": stages, "teams": list(teams.values()), "totals": totals, "total": sum(totals.values())}


@bp.route("/dashboard/<model_name>")
@with_env(readonly=True)
def dashboard(env: Environment, model_name: str) -> Any:
    """The dashboard; ``?team=<id>`` keeps one team's records."""
    records = _ticket_model(env, model_name)
    team_id = request.args.get("team", type=int)
    domain: list[Any] = [("team_id", "=", team_id)] if team_id else []
    figures = records.get_desk_dashboard(domain)
    nav = Nav(model_action(env, model_name), menu_param())

    def drill(label: str, cells: list[tuple[str, Any]]) -> str:
        """The list of the records of one figure (the client's drill-down facet)."""
        kept = [("team_id", team_id)] if team_id else []
        return nav.view_url("list", dd=drill_param(label, cells + kept))

    breakdowns = []
    for field, title in records._dashboard_breakdowns():
        rows = records.get_resolution_stats(field, domain)
        for row in rows:
            row["url"] = drill(row["label"], [(field, row["key"])])
        breakdowns.append({"field": field, "title": title, "rows": rows})
    teams = env["service_desk.team"].search_read([], ["name"])
    most = max([b["count"] for b in figures["ages"]] + [1])
    slowest = max([m["avg_days"] for m in figures["trend"]] + [1.0])
    title = _("%(model)s Dashboard", model=records._model_description())
    return page(
        env,
        "service_desk/dashboard.html",
        nav,
        title,
        figures=figures,
        backlog=backlog_table(figures["backlog"], drill),
        breakdowns=breakdowns,
        teams=teams,
        team_id=team_id,
        model_name=model_name,
        most=most,
        slowest=slowest,
        menu_id=menu_param(),
    )
