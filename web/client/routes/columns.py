"""Paging inside a kanban column or a list group: the next cards or rows of one column/group, the
cards just created, and the columns' counts and sums after a card moved. The search travels as the
domain of the column (the record rules apply as always: it runs as the user)."""

from __future__ import annotations

import json
from typing import Any

from flask import jsonify, render_template, request

from core.exceptions import UserError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.actions import records_env
from web.client.pages import nav_for
from web.client.request_env import json_refusal, with_env
from web.client.views.arch import get_arch
from web.client.views.kanban import CARD_LIMIT, can_move, cards, column_totals


def posted_domain(raw: str | None) -> list[Any]:
    """A domain the page sent back (JSON); UserError naming it when it is not one."""
    try:
        domain = json.loads(raw or "[]")
    except ValueError:
        raise UserError(_("Invalid domain %(domain)r: expected a JSON list.", domain=raw)) from None
    if not isinstance(domain, list):
        raise UserError(_("Invalid domain %(domain)r: expected a JSON list.", domain=raw))
    return domain


def posted_ids(name: str) -> list[int]:
    return [int(part) for part in request.form.get(name, "").split(",") if part.strip().isdigit()]


def _kanban(env: Environment, model: str) -> tuple[Any, Any, dict[str, Any]]:
    nav = nav_for(env, request.args.get("action", type=int), model)
    records = records_env(env, nav.action)
    first = (nav.action.multi_modes or ["list"])[0]
    arch = get_arch(env, model, "kanban", nav.action.view_id if first == "kanban" else None)
    return nav, records, arch


@bp.route("/data/<model>/kanban_cards", methods=["POST"])
@with_env(readonly=True, recover=json_refusal)
def kanban_cards(env: Environment, model: str) -> Any:
    """The next cards of a column (those not on the page yet), or the cards ``ids`` (just created):
    {"html": the cards, "remaining": how many more the column holds}."""
    nav, records, arch = _kanban(env, model)
    domain = posted_domain(request.form.get("domain"))
    shown, only = posted_ids("exclude"), posted_ids("ids")
    wanted = domain + ([("id", "not in", shown)] if shown else []) + ([("id", "in", only)] if only else [])
    found = records.search(wanted, limit=arch.get("limit") or CARD_LIMIT, order=arch.get("order"))
    rest = [("id", "not in", shown + found.ids)] if shown or found else []
    remaining = records.search_count(domain + rest)
    html = render_template(
        "client/kanban_cards.html",
        cards=cards(env, records, arch, found),
        nav=nav,
        view={"can_move": can_move(records, request.form.get("field", ""))},
    )
    return jsonify({"html": html, "remaining": remaining, "ids": found.ids})


@bp.route("/data/<model>/kanban_totals", methods=["POST"])
@with_env(readonly=True, recover=json_refusal)
def kanban_totals(env: Environment, model: str) -> Any:
    """Count and sum of every column of the board's search, keyed by column value."""
    _nav, records, arch = _kanban(env, model)
    group_by = request.form.get("field", "")
    if group_by.split(":")[0] not in records._fields:
        raise UserError(_("%(model)s has no field %(field)s to group by.", model=model, field=group_by))
    columns = column_totals(env, records, arch, posted_domain(request.form.get("domain")), group_by)
    return jsonify({str(c["key"]): {"count": c["count"], "sum": c["sum"]} for c in columns})
