"""The kanban view: cards grouped in columns by a field (a stage), with counts, sums and folding."""

from __future__ import annotations

import json
from typing import Any

from flask import jsonify, request

from core.exceptions import AccessError, ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from core.records.model import BaseModel
from core.safe_eval import expression_names
from web.client import bp
from web.client.actions import records_env
from web.client.conditions import evaluate, record_scope
from web.client.formatting import company_currency_row, display, stars, x2many_names
from web.client.nav import Nav, current_args
from web.client.pages import nav_for
from web.client.request_env import json_refusal, with_env
from web.client.views.activity_badge import BADGE_FIELDS, badge
from web.client.views.pager import count, int_arg, pager

CARD_LIMIT = 20


def card_fields(model: BaseModel, arch: dict[str, Any]) -> list[str]:
    names = [arch[key] for key in ("title", "subtitle", "color", "tags") if arch.get(key)]
    for column in arch.get("fields") or ():
        if column.get("widget") == "activity":
            names += [n for n in BADGE_FIELDS if n in model._fields]
        else:
            names.append(column["field"])
    if arch.get("sum"):
        names.append(arch["sum"])
        currency = getattr(model._fields[arch["sum"]], "currency_field", None)
        if currency in model._fields:
            names.append(currency)
    if arch.get("image"):
        names.append(arch["image"])
    for ribbon in arch.get("ribbons") or ():
        if isinstance(ribbon.get("invisible"), str):
            names += [n for n in expression_names(ribbon["invisible"]) if n in model._fields]
    return [n for n in dict.fromkeys(names) if model._field_accessible(model._fields[n])]


def card_ribbon(env: Environment, arch: dict[str, Any], row: dict[str, Any]) -> dict[str, str] | None:
    """The first ribbon of the view shown for the card's values (a won or lost lead), if any."""
    ribbons = arch.get("ribbons") or ()
    scope = record_scope(env, row) if ribbons else {}
    for ribbon in ribbons:
        if not evaluate(ribbon.get("invisible"), scope):
            return {"label": translate(ribbon["string"]), "color": ribbon.get("bg_color") or "success"}
    return None


def cards(
    env: Environment, model: BaseModel, arch: dict[str, Any], records: BaseModel
) -> list[dict[str, Any]]:
    """Each record as a card: title, subtitle, image, tags, a few fields and a colour."""
    names = card_fields(model, arch)
    rows = records.with_context(bin_size=True).read(names) if records else []
    tags_field = model._fields.get(arch.get("tags") or "")
    tag_names = (
        x2many_names(env, tags_field, rows) if tags_field is not None and tags_field.relational else {}
    )
    extra = [
        (
            model._fields[c["field"]],
            translate(c.get("string") or model._fields[c["field"]].string),
            c.get("widget"),
        )
        for c in arch.get("fields") or ()
        if c["field"] in names or c.get("widget") == "activity" and "activity_state" in names
    ]
    result = []
    for row in rows:
        title_field = model._fields[arch["title"]]
        card = {
            "id": row["id"],
            "title": display(title_field, row.get(arch["title"]), row) or row.get("display_name", ""),
            "fields": [],
            "tags": [],
            "color": 0,
            "image": False,
        }
        if arch.get("subtitle"):
            card["subtitle"] = display(model._fields[arch["subtitle"]], row.get(arch["subtitle"]), row)
        for field, label, widget_name in extra:
            if widget_name == "activity":
                card["activity"] = badge(row)
                continue
            if widget_name == "priority" and field.type == "selection":
                card["fields"].append(
                    {"label": label, "text": stars(field, row.get(field.name)), "type": "priority"}
                )
                continue
            text = display(
                field,
                row.get(field.name),
                row,
                x2many_names(env, field, [row]) if field.type in ("many2many", "one2many") else None,
            )
            if text:
                card["fields"].append({"label": label, "text": text, "type": field.type})
        if tags_field is not None:
            card["tags"] = [tag_names.get(i, "") for i in row.get(tags_field.name) or ()]
        if arch.get("color"):
            card["color"] = int(row.get(arch["color"]) or 0) % 12
        if arch.get("image") and row.get(arch["image"]):
            card["image"] = arch["image"]
        elif arch.get("image"):
            card["initial"] = (card["title"] or "?")[:1].upper()
        if arch.get("sum"):
            card["amount"] = display(model._fields[arch["sum"]], row.get(arch["sum"]), row)
        card["ribbon"] = card_ribbon(env, arch, row)
        result.append(card)
    return result


def column_totals(
    env: Environment, model: BaseModel, arch: dict[str, Any], domain: list[Any], group_by: str
) -> list[dict[str, Any]]:
    """Each column of the grouped board (empty stages included) with its count and sum, no cards."""
    field = model._fields[group_by.split(":")[0]]
    aggregates = [f"{arch['sum']}:sum"] if arch.get("sum") else []
    result = []
    for group in model.read_group(domain, aggregates, [group_by], lazy=True):
        value = group.get(group_by)
        if field.type == "many2one":
            key, label = (value[0], value[1]) if value else (False, "")
        elif field.type in ("date", "datetime"):
            # read_group names a period ("December 2026"); the column keeps that label
            key, label = value, str(value) if value else ""
        else:
            key, label = value, display(field, value) if value else ""
        total = ""
        if arch.get("sum"):
            sum_field = model._fields[arch["sum"]]
            total = display(sum_field, group.get(arch["sum"]) or 0, company_currency_row(env, sum_field))
        result.append({
            "key": "" if key is False else key,
            "label": label,
            "count": group.get(f"{field.name}_count", 0),
            "sum": total,
            "fold": bool(group.get("__fold")),
            "__domain": group["__domain"],
        })
    return result


def columns(
    env: Environment,
    model: BaseModel,
    arch: dict[str, Any],
    domain: list[Any],
    group_by: str,
    order: str | None,
) -> list[dict[str, Any]]:
    """Columns of the grouped board (empty stages included), each with its first cards."""
    limit = arch.get("limit") or CARD_LIMIT
    result = column_totals(env, model, arch, domain, group_by)
    for column in result:
        group_domain = column.pop("__domain")
        records = model.search(group_domain, limit=limit, order=order)
        column["cards"] = cards(env, model, arch, records)
        column["more"] = max(column["count"] - len(records), 0)
        # what the column's "Load more" asks for: its own records, the search included
        column["domain"] = json.dumps(group_domain, default=str)
    return result


def can_move(model: BaseModel, group_by: str) -> bool:
    """Cards may move between columns of a many2one/selection grouping the user may write."""
    field = model._fields.get(group_by)
    return bool(
        field
        and field.type in ("many2one", "selection")
        and not field.readonly
        and model.check_access_rights("write", raise_exception=False)
    )


# -- the kanban page -------------------------------------------------------------------------
def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    """The kanban page's data: columns of cards when grouped, else one page of cards."""
    group_by = state.group_by[0] if state.group_by else arch.get("group_by")
    order = arch.get("order")
    if group_by:
        return {
            "grouped": True,
            "group_by": group_by.split(":")[0],
            "columns": columns(env, model, arch, domain, group_by, order),
            "can_move": can_move(model, group_by),
            "quick_create": arch.get("quick_create", True)
            and model.check_access_rights("create", raise_exception=False),
            "arch": arch,
            "domain": json.dumps(domain, default=str),
        }
    limit = arch.get("limit") or 80
    offset = int_arg("offset", 0)
    records = model.search(domain, offset=offset, limit=limit, order=order)
    total, more = count(model, domain, records, offset, limit)
    return {
        "grouped": False,
        "cards": cards(env, model, arch, records),
        "arch": arch,
        "pager": pager(current_args(), offset, limit, total, more),
    }


# -- its routes ------------------------------------------------------------------------------
@bp.route("/data/<model>/<int:record_id>/move", methods=["POST"])
@with_env(recover=json_refusal)
def move(env: Environment, model: str, record_id: int) -> Any:
    """A kanban card dropped in another column: write the grouping field."""
    field_name, raw = request.form.get("field", ""), request.form.get("value", "")

    records = records_env(env, nav_for(env, request.args.get("action", type=int), model).action)
    if not can_move(records, field_name):
        raise AccessError(
            _("Cards of %(model)s cannot be moved by %(field)s.", model=model, field=field_name)
        )
    field = records._fields[field_name]
    value: Any = raw or False
    if field.type == "many2one" and raw:
        if not raw.isdigit():
            raise ValidationError(_("Invalid column %(value)r.", value=raw), field=field_name)
        value = int(raw)
    records.browse(record_id).write({field_name: value})
    return jsonify({"ok": True})


@bp.route("/data/<model>/quick_create", methods=["POST"])
@with_env(recover=json_refusal)
def quick_create(env: Environment, model: str) -> Any:
    """A record created from its name at the top of a kanban column."""
    name = request.form.get("name", "").strip()
    field_name, raw = request.form.get("field", ""), request.form.get("value", "")

    records = records_env(env, nav_for(env, request.args.get("action", type=int), model).action)
    if not name:
        raise ValidationError(_("Type a name first."), field="name")
    context: dict[str, Any] = {}
    if field_name in records._fields and raw:
        context[f"default_{field_name}"] = int(raw) if raw.isdigit() else raw
    record_id, display = records.with_context(**context).name_create(name)
    return jsonify({"id": record_id, "name": display})
