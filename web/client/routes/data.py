"""Small partial updates of the client (fetch calls answered with JSON or an HTML fragment):
autocomplete, quick creation, onchange, kanban moves, list rows of a group, inline edits."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import jsonify, request
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.actions import records_env
from web.client.conditions import record_scope
from web.client.dialogs import unsign
from web.client.form_values import FormSubmission
from web.client.nav import Nav
from web.client.pages import nav_for
from web.client.request_env import json_refusal, with_env
from web.client.views.arch import get_arch
from web.client.views.form_data import field_nodes, widget

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
        records = records_env(env, nav_for(env, _action_id(), model).action)
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
    from web.client.views.form_data import input_value

    result = input_value(field, value)
    return result if isinstance(result, (str, int, float, bool)) else str(result)
