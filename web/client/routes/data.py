"""Small partial updates of the client (fetch calls answered with JSON or an HTML fragment):
autocomplete, quick creation, onchange, kanban moves, list rows of a group, inline edits."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from flask import jsonify, render_template, request
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.conditions import record_scope
from web.client.dialogs import unsign
from web.client.form_values import FormSubmission
from web.client.nav import Nav
from web.client.render import list as list_view
from web.client.render.form_data import field_nodes, widget
from web.client.request_env import json_refusal, with_env
from web.client.routes.records import _nav
from web.client.routes.views import records_env
from web.client.views import get_arch

AUTOCOMPLETE_LIMIT = 8


def _action_id() -> int | None:
    return request.args.get("action", type=int)


def _relational(env: Environment, model: str, field_name: str) -> Any:
    field = env[model]._fields.get(field_name)
    if field is None or not field.relational:
        raise UserError(_("%(field)s is not a relational field of %(model)s.", field=field_name, model=model))
    return field


@bp.route("/data/<model>/autocomplete")
@with_env(readonly=True)
def autocomplete(env: Environment, model: str) -> Any:
    """Records of a relational field's comodel whose name matches ``q``."""
    field_name, text = request.args.get("field", ""), request.args.get("q", "")

    field = _relational(env, model, field_name)
    comodel = env[field.comodel_name]
    found = comodel.name_search(text, list(field.domain), limit=AUTOCOMPLETE_LIMIT)
    can_create = comodel.check_access_rights("create", raise_exception=False)
    return jsonify(
        {
            "results": [{"id": i, "name": n} for i, n in found],
            "can_create": can_create,
            "create_url": Nav(_comodel_action(env, field.comodel_name)).record_url("new", dialog=1),
        }
    )


def _comodel_action(env: Environment, model: str) -> Any:
    from web.client.actions import model_action

    return model_action(env, model)


@bp.route("/data/<model>/name_create", methods=["POST"])
@with_env(recover=json_refusal)
def name_create(env: Environment, model: str) -> Any:
    """Create a comodel record from the text typed in a many2one or tags input."""
    field_name, text = request.form.get("field", ""), request.form.get("name", "").strip()

    field = _relational(env, model, field_name)
    if not text:
        raise ValidationError(_("Type a name first."), field=field_name)
    record_id, name = env[field.comodel_name].name_create(text)
    return jsonify({"id": record_id, "name": name})


@bp.route("/data/<model>/onchange", methods=["POST"])
@with_env(readonly=True)
def onchange(env: Environment, model: str) -> Any:
    """After a field changed in a form: the values the model's onchange methods give, and every
    field's invisible/readonly/required for the new values."""
    changed = request.args.get("field", "")
    record_id = request.args.get("id", type=int)
    formdata = CombinedMultiDict([request.form, request.files])

    token = request.args.get("a")
    spec = unsign(token) if token else None  # a dialog: its model in its action's context and view

    if spec is not None and spec.model == model:
        records = env[model].with_context(**spec.context)
        arch = get_arch(env, model, "form", spec.view_id)
    else:
        records = records_env(env, _nav(env, _action_id(), model).action)
        arch = get_arch(env, model, "form")
    submission = FormSubmission(records.env, model, record_id, arch, formdata)
    with contextlib.suppress(ValidationError):  # incomplete forms still get conditions and values
        submission.values()
    values = {**submission.stored, **submission.posted}
    answer: dict[str, Any] = {"values": {}, "modifiers": {}}
    if changed in records._fields and changed in submission.posted:
        plain = {
            k: (v[0] if isinstance(v, tuple) else v)
            for k, v in values.items()
            if records._fields[k].type not in ("one2many", "many2many", "binary", "image")
        }
        if record_id:
            plain["id"] = record_id
        result = records.onchange(plain, [changed], [n["field"] for n in field_nodes(arch)])
        for name, value in result.get("value", {}).items():
            if name != changed and name in records._fields:
                values[name] = value
                answer["values"][name] = _client_value(records, name, value)
        if result.get("warning"):
            answer["warning"] = result["warning"]
    scope = record_scope(env, values)
    for node in field_nodes(arch):
        info = widget(env, records, node, values, scope, {})
        answer["modifiers"][node["field"]] = {k: info[k] for k in ("invisible", "readonly", "required")}
    return jsonify(answer)


def _client_value(records: Any, name: str, value: Any) -> Any:
    field = records._fields[name]
    if field.type == "many2one":
        return {"id": value[0], "name": value[1]} if value else {"id": "", "name": ""}
    if field.type in ("one2many", "many2many", "binary", "image"):
        return None
    from web.client.render.form_data import input_value

    result = input_value(field, value)
    return result if isinstance(result, (str, int, float, bool)) else str(result)


@bp.route("/data/<model>/<int:record_id>/move", methods=["POST"])
@with_env(recover=json_refusal)
def move(env: Environment, model: str, record_id: int) -> Any:
    """A kanban card dropped in another column: write the grouping field."""
    field_name, raw = request.form.get("field", ""), request.form.get("value", "")

    records = records_env(env, _nav(env, _action_id(), model).action)
    from web.client.render.kanban import can_move

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

    records = records_env(env, _nav(env, _action_id(), model).action)
    if not name:
        raise ValidationError(_("Type a name first."), field="name")
    context: dict[str, Any] = {}
    if field_name in records._fields and raw:
        context[f"default_{field_name}"] = int(raw) if raw.isdigit() else raw
    record_id, display = records.with_context(**context).name_create(name)
    return jsonify({"id": record_id, "name": display})


@bp.route("/data/<model>/rows")
@with_env(readonly=True)
def list_rows(env: Environment, model: str) -> Any:
    """The rows of one group of a grouped list (an HTML fragment)."""
    try:
        domain = json.loads(request.args.get("domain", "[]"))
    except ValueError:
        raise UserError(_("Invalid group domain.")) from None

    nav = _nav(env, _action_id(), model)
    records = records_env(env, nav.action)
    arch = get_arch(env, model, "list")
    columns = list_view.list_columns(records, arch)
    order = list_view.safe_order(records, request.args.get("order"), arch.get("order"))
    found = records.search_fetch(
        domain, list_view.read_fields(records, arch, columns), limit=200, order=order
    )
    return render_template(
        "client/list_rows.html",
        rows=list_view.rows_data(env, records, arch, columns, found),
        nav=nav,
        view={"columns": columns, "can_write": False},
    )


def _row_refused(env: Environment, error: Exception, model: str, record_id: int) -> Any:
    if request.method != "POST":
        raise error  # showing the row's inputs: the client's error pages answer
    return json_refusal(env, error)


@bp.route("/data/<model>/<int:record_id>/row", methods=["GET", "POST"])
@with_env(readonly=lambda: request.method != "POST", recover=_row_refused)
def inline_row(env: Environment, model: str, record_id: int) -> Any:
    """Inline editing of an editable list's row: the inputs (GET), or save and the row again (POST)."""
    nav = _nav(env, _action_id(), model)
    records = records_env(env, nav.action)
    arch = get_arch(env, model, "list")
    if not arch.get("editable"):
        raise AccessError(_("This list cannot be edited inline."))
    columns = list_view.list_columns(records, arch)
    if request.method == "POST":
        form_arch = {"sheet": [c["node"] for c in columns]}
        submission = FormSubmission(
            records.env, model, record_id, form_arch, CombinedMultiDict([request.form, request.files])
        )
        records.browse(record_id).write(submission.values())
        data = list_view.rows_data(env, records, arch, columns, records.browse(record_id))
        return render_template(
            "client/list_rows.html",
            rows=data,
            nav=nav,
            view={"columns": columns, "can_write": True, "editable": arch.get("editable")},
        )
    edit = list_view.edit_row(env, records, arch, columns, record_id)
    return render_template("client/list_edit_row.html", row=edit, nav=nav, view={"columns": columns})
