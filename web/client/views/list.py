"""The list view: columns, sorting, pagination, totals, groups, row decorations, inline editing."""

from __future__ import annotations

import json
from typing import Any

from flask import render_template, request, url_for
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client import bp
from web.client.actions import records_env
from web.client.conditions import evaluate, record_scope
from web.client.form_values import FormSubmission
from web.client.formatting import company_currency_row, display, is_numeric, x2many_names
from web.client.nav import Nav, current_args, url_with
from web.client.pages import nav_for
from web.client.request_env import json_refusal, with_env
from web.client.views.activity_badge import BADGE_FIELDS, badge
from web.client.views.arch import get_arch
from web.client.views.form_data import widget
from web.client.views.pager import count, int_arg, pager

DECORATIONS = ("muted", "success", "warning", "danger", "info", "bold")


def list_columns(model: BaseModel, arch: dict[str, Any]) -> list[dict[str, Any]]:
    columns = []
    for node in arch.get("columns") or ():
        field = model._fields[node["field"]]
        if (
            node.get("invisible") is True
            or node.get("column_invisible") is True
            or node.get("optional") == "hide"
            or not model._field_accessible(field)
        ):
            continue
        sums = node.get("sum", field.type == "monetary")  # other numbers add up only where a view says so
        columns.append(
            {
                "name": field.name,
                "node": node,
                "field": field,
                "label": translate(node.get("string") or field.string),
                "numeric": is_numeric(field),
                "sortable": field.sortable,
                "sum": bool(sums) and is_numeric(field) and field.column,
                "type": field.type,
            }
        )
    return columns


def read_fields(model: BaseModel, arch: dict[str, Any], columns: list[dict[str, Any]]) -> list[str]:
    """Columns, currencies of monetary columns, and fields the decorations use."""
    names = [c["name"] for c in columns if c["node"].get("widget") != "activity"]
    for column in columns:
        if column["node"].get("widget") == "activity":
            names.extend(n for n in BADGE_FIELDS if n in model._fields)
        currency = getattr(column["field"], "currency_field", None)
        if currency in model._fields:
            names.append(currency)
    for expression in (arch.get("decorations") or {}).values():
        names.extend(n for n in model._fields if n in str(expression))
    return list(dict.fromkeys(names))


def safe_order(model: BaseModel, order: str | None, default: str | None) -> str | None:
    """``order`` if it names sortable columns (a click on a header), else the default."""
    if order:
        parts = order.split()
        if (
            parts
            and parts[0] in model._fields
            and model._fields[parts[0]].sortable
            and (len(parts) == 1 or (len(parts) == 2 and parts[1].lower() in ("asc", "desc")))
        ):
            return order
    return default


def rows_data(
    env: Environment,
    model: BaseModel,
    arch: dict[str, Any],
    columns: list[dict[str, Any]],
    records: BaseModel,
) -> list[dict[str, Any]]:
    """Each record as a row of displayed cells (one read, one name query per x2many column)."""
    rows = records.read(read_fields(model, arch, columns)) if records else []
    names = {
        c["name"]: x2many_names(env, c["field"], rows)
        for c in columns
        if c["type"] in ("many2many", "one2many") and c["node"].get("widget") != "activity"
    }
    decorations = arch.get("decorations") or {}
    result = []
    for row in rows:
        scope = record_scope(env, row) if decorations else {}
        classes = [
            f"row-{name}"
            for name, expression in decorations.items()
            if name in DECORATIONS and evaluate(expression, scope)
        ]
        cells = [
            _activity_cell(row)
            if c["node"].get("widget") == "activity"
            else {
                "text": display(c["field"], row.get(c["name"]), row, names.get(c["name"])),
                "raw": row.get(c["name"]),
                "numeric": c["numeric"],
                "type": c["type"],
                "tags": [names[c["name"]].get(i, "") for i in row.get(c["name"]) or ()]
                if c["name"] in names
                else None,
            }
            for c in columns
        ]
        result.append({"id": row["id"], "cells": cells, "classes": " ".join(classes)})
    return result


def _activity_cell(row: dict[str, Any]) -> dict[str, Any]:
    found = badge(row)
    return {"text": found["title"] if found else "", "badge": found, "numeric": False, "type": "activity"}


def edit_row(
    env: Environment,
    model: BaseModel,
    arch: dict[str, Any],
    columns: list[dict[str, Any]],
    record_id: int | None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A row of inputs for inline editing (widgets of the column fields)."""
    names = read_fields(model, arch, columns)
    from web.client.views.form_data import default_values, read_values

    row = read_values(model.browse(record_id), names) if record_id else default_values(model, names)
    row.update(values or {})
    scope = record_scope(env, row)
    cells = [widget(env, model, c["node"], row, scope, errors or {}) for c in columns]
    return {"id": record_id, "cells": cells, "editing": True}


def totals(model: BaseModel, domain: list[Any], columns: list[dict[str, Any]]) -> list[str] | None:
    """Sums of the summed columns over every matching record (one aggregate query), as text."""
    summed = [c for c in columns if c["sum"]]
    if not summed:
        return None
    groups = model.read_group(domain, [f"{c['name']}:sum" for c in summed], [])
    sums = groups[0] if groups else {}
    return [
        display(c["field"], sums.get(c["name"]) or 0, company_currency_row(model.env, c["field"]))
        if c["sum"]
        else ""
        for c in columns
    ]


def group_rows(
    model: BaseModel, domain: list[Any], columns: list[dict[str, Any]], spec: str
) -> list[dict[str, Any]]:
    """The first level of a grouped list: label, count, sums and the domain to open each group."""
    summed = [c for c in columns if c["sum"]]
    name = spec.split(":")[0]
    field = model._fields[name]
    groups = model.read_group(domain, [f"{c['name']}:sum" for c in summed], [spec], lazy=True)
    result = []
    for group in groups:
        value = group.get(spec)
        if field.type == "many2one" and value:
            label = value[1]
        elif value in (False, None):
            label = ""
        else:
            label = display(field, value) if field.type not in ("date", "datetime") else str(value)
        count = group.get(f"{name}_count", group.get("__count", 0))
        sums = [
            display(c["field"], group.get(c["name"]) or 0, company_currency_row(model.env, c["field"]))
            if c["sum"]
            else ""
            for c in columns
        ]
        result.append(
            {
                "label": label,
                "count": count,
                "sums": sums,
                "domain": json.dumps(group["__domain"], default=str),
            }
        )
    return result


# -- the list page ---------------------------------------------------------------------------
SENTINEL_ID = 987654321


def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    """The list page's data: columns with their sort URLs, then groups or one page of rows."""
    columns = list_columns(model, arch)
    order = safe_order(model, request.args.get("order"), arch.get("order"))
    limit = int_arg("limit", arch.get("limit") or nav.action.limit or 80, None)
    limit = min(max(limit, 1), 1000)
    offset = int_arg("offset", 0)
    pairs = current_args()
    data: dict[str, Any] = {
        "columns": columns,
        "order": order or "",
        "editable": arch.get("editable"),
        "can_write": model.check_access_rights("write", raise_exception=False),
        "can_delete": model.check_access_rights("unlink", raise_exception=False) and arch.get("delete", True),
        "has_active": "active" in model._fields,
        "menu": list_menu(model, domain),
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
        data["groups"] = group_rows(model, domain, columns, state.group_by[0])
        for group in data["groups"]:
            group["url"] = nav.data_url("list_rows", order=order, domain=group["domain"], limit=limit)
        return data
    names = read_fields(model, arch, columns)
    records = model.search_fetch(domain, names, offset=offset, limit=limit, order=order)
    data["rows"] = rows_data(env, model, arch, columns, records)
    row_urls(nav, data["rows"])
    total, more = count(model, domain, records, offset, limit)
    data["totals"] = totals(model, domain, columns) if total else None
    data["pager"] = pager(pairs, offset, limit, total, more)
    return data


def list_menu(model: BaseModel, domain: list[Any]) -> dict[str, str | None]:
    """The list's menu: import (for who may create) and export of the records the list shows."""
    can_import = model.check_access_rights("create", raise_exception=False)
    return {
        "import": url_for("dataio.upload_form", model=model._name, back=request.full_path.rstrip("?"))
        if can_import else None,
        "export": url_for("dataio.export_form", model=model._name,
                          domain=json.dumps(domain, default=str) if domain else None),
    }


def row_urls(nav: Nav, rows: list[dict[str, Any]]) -> None:
    """The form URL of each row, from one url_for (a list shows up to hundreds of rows)."""
    pattern = nav.record_url(SENTINEL_ID)
    for row in rows:
        row["url"] = pattern.replace(str(SENTINEL_ID), str(row["id"]))


# -- its routes ------------------------------------------------------------------------------
@bp.route("/data/<model>/rows")
@with_env(readonly=True)
def list_rows(env: Environment, model: str) -> Any:
    """The rows of one group of a grouped list (an HTML fragment)."""
    try:
        domain = json.loads(request.args.get("domain", "[]"))
    except ValueError:
        raise UserError(_("Invalid group domain.")) from None

    nav = nav_for(env, request.args.get("action", type=int), model)
    records = records_env(env, nav.action)
    arch = get_arch(env, model, "list")
    columns = list_columns(records, arch)
    order = safe_order(records, request.args.get("order"), arch.get("order"))
    limit = min(max(int_arg("limit", arch.get("limit") or nav.action.limit or 80, None), 1), 1000)
    offset = int_arg("offset", 0)
    found = records.search_fetch(
        domain, read_fields(records, arch, columns), offset=offset, limit=limit, order=order
    )
    shown = offset + len(found)
    remaining = records.search_count(domain) - shown if len(found) == limit else 0
    more_url = nav.data_url("list_rows", order=order, domain=request.args.get("domain", "[]"),
                            offset=shown, limit=limit)
    return render_template(
        "client/list_rows.html",
        rows=rows_data(env, records, arch, columns, found),
        nav=nav,
        view={"columns": columns, "can_write": False},
        group_more={"remaining": remaining, "url": more_url} if remaining > 0 else None,
    )


def _named_error(records: Any, errors: dict[str, Any]) -> ValidationError | None:
    """A row has no room for messages beside each input: its first error, naming its field."""
    for name, message in errors.items():
        if name in records._fields:
            label = translate(records._fields[name].string)
            text = str(message)
            return ValidationError(text if text.startswith(label) else f"{label}: {text}", field=name)
    return None


def _row_refused(env: Environment, error: Exception, model: str, record_id: int) -> Any:
    if request.method != "POST":
        raise error  # showing the row's inputs: the client's error pages answer
    return json_refusal(env, error)


@bp.route("/data/<model>/<int:record_id>/row", methods=["GET", "POST"])
@with_env(readonly=lambda: request.method != "POST", recover=_row_refused)
def inline_row(env: Environment, model: str, record_id: int) -> Any:
    """Inline editing of an editable list's row: the inputs (GET), or save and the row again (POST)."""
    nav = nav_for(env, request.args.get("action", type=int), model)
    records = records_env(env, nav.action)
    arch = get_arch(env, model, "list")
    if not arch.get("editable"):
        raise AccessError(_("This list cannot be edited inline."))
    columns = list_columns(records, arch)
    if request.method == "POST":
        form_arch = {"sheet": [c["node"] for c in columns]}
        submission = FormSubmission(
            records.env, model, record_id, form_arch, CombinedMultiDict([request.form, request.files])
        )
        try:
            vals = submission.values()
        except ValidationError as error:
            raise _named_error(records, submission.errors) or error from None
        records.browse(record_id).write(vals)
        data = rows_data(env, records, arch, columns, records.browse(record_id))
        return render_template(
            "client/list_rows.html",
            rows=data,
            nav=nav,
            view={"columns": columns, "can_write": True, "editable": arch.get("editable")},
        )
    edit = edit_row(env, records, arch, columns, record_id)
    return render_template("client/list_edit_row.html", row=edit, nav=nav, view={"columns": columns})
