"""One record in its form: show, create, save, delete, change the status, post in the chatter,
download a file (its buttons are in buttons.py)."""

from __future__ import annotations

import mimetypes
from typing import Any

from flask import Response, flash, redirect, request
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import AccessError, MissingError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.actions import load_action, model_action
from web.client.form_values import FormSubmission
from web.client.nav import Nav
from web.client.pages import menu_param, page
from web.client.render.chatter import has_chatter, post_note
from web.client.render.form import build_form
from web.client.routes.views import records_env
from web.client.session_env import run_as_user
from web.client.views import get_arch


def _nav(env: Environment, action_id: int | None, model: str | None) -> Nav:
    act = load_action(env, action_id) if action_id else model_action(env, model or "")
    return Nav(act, menu_param())


def _record_id(raw: str) -> int | None:
    if raw == "new":
        return None
    if not raw.isdigit():
        raise UserError(_("Invalid record id %(id)r.", id=raw))
    return int(raw)


@bp.route("/action/<int:action_id>/<record_id>", methods=["GET", "POST"])
def action_record(action_id: int, record_id: str) -> Any:
    return _record_page(action_id, None, _record_id(record_id))


@bp.route("/model/<model>/<record_id>", methods=["GET", "POST"])
def model_record(model: str, record_id: str) -> Any:
    return _record_page(None, model, _record_id(record_id))


def _form_page(
    env: Environment,
    nav: Nav,
    record_id: int | None,
    values: dict[str, Any] | None = None,
    errors: dict[str, Any] | None = None,
) -> str:
    model = records_env(env, nav.action)
    if record_id:
        model.browse(record_id).check_access_rule("read")
        if not model.browse(record_id).exists():
            raise MissingError(_("Record does not exist or has been deleted."))
    arch = get_arch(env, nav.model, "form")
    form = build_form(model.env, nav.model, record_id, arch, values, errors)
    # a form-only action (the settings) is named by its action, not as a new record
    form_only = nav.action.view_modes == ["form"] and not record_id
    title = form["title"] or (nav.action.name if form_only else _("New"))
    return page(env, "client/form.html", nav, title=title, form=form, form_only=form_only,
                dialog=request.args.get("dialog") == "1")


def _record_page(action_id: int | None, model: str | None, record_id: int | None) -> Any:
    if request.method == "GET":
        return run_as_user(lambda env: _form_page(env, _nav(env, action_id, model), record_id), readonly=True)
    return save_form(action_id, model, record_id)


def save_form(action_id: int | None, model: str | None, record_id: int | None, then: Any = None) -> Any:
    """Create or write the record of the posted form, then ``then(env, nav, record)`` (a response), or
    show the record; the form again with its errors when the values are refused."""
    formdata = CombinedMultiDict([request.form, request.files])
    state: dict[str, Any] = {}

    def save(env: Environment) -> str:
        nav = _nav(env, action_id, model)
        state["nav"] = nav
        records = records_env(env, nav.action)
        submission = FormSubmission(
            records.env, nav.model, record_id, get_arch(env, nav.model, "form"), formdata
        )
        state["submission"] = submission
        vals = submission.values()
        if record_id:
            records.browse(record_id).write(vals)
            saved = record_id
        else:
            saved = records.create(vals).id
        if then is not None:
            return then(env, nav, records.browse(saved))
        if request.args.get("dialog") == "1":
            name = records.browse(saved).display_name
            return page(env, "client/dialog_done.html", nav, record_id=saved, record_name=name)
        return redirect(nav.record_url(saved))

    try:
        return run_as_user(save)
    except ValidationError as error:
        submission = state.get("submission")
        errors = dict(submission.errors) if submission else {}
        if error.field and error.field not in errors:
            errors[error.field] = error.message
        if not errors or error.field is None and error.message not in errors.values():
            errors["__all__"] = error.message
        values = submission.posted if submission else None

        def again(env: Environment) -> str:
            return _form_page(env, _nav(env, action_id, model), record_id, values, errors)

        return run_as_user(again, readonly=True), 422
    except UserError as error:
        posted = state["submission"].posted if state.get("submission") else None
        problem = {"__all__": error.message}
        return run_as_user(lambda env: _form_page(env, _nav(env, action_id, model), record_id, posted,
                                                  problem), readonly=True), 422


@bp.route("/data/<model>/<int:record_id>/delete", methods=["POST"])
def delete(model: str, record_id: int) -> Any:
    action_id = request.args.get("action", type=int)

    def remove(env: Environment) -> Any:
        nav = _nav(env, action_id, model)
        records_env(env, nav.action).browse(record_id).unlink()
        flash(_("The record has been deleted."), "success")
        return redirect(nav.view_url())

    return _flash_errors(remove, action_id, model, record_id)


@bp.route("/data/<model>/<int:record_id>/status", methods=["POST"])
def set_status(model: str, record_id: int) -> Any:
    """A click on the status bar: write the new stage or state."""
    action_id = request.args.get("action", type=int)

    def write(env: Environment) -> Any:
        nav = _nav(env, action_id, model)
        arch = get_arch(env, model, "form")
        spec = arch.get("statusbar") or {}
        if not spec.get("clickable"):
            raise AccessError(_("The status of %(model)s records cannot be changed here.", model=model))
        field = env[model]._fields[spec["field"]]
        raw = request.form.get("value", "")
        value: Any = int(raw) if field.type == "many2one" and raw.isdigit() else raw
        records_env(env, nav.action).browse(record_id).write({field.name: value or False})
        return redirect(nav.record_url(record_id))

    return _flash_errors(write, action_id, model, record_id)


@bp.route("/data/<model>/<int:record_id>/message", methods=["POST"])
def message(model: str, record_id: int) -> Any:
    action_id = request.args.get("action", type=int)
    body = request.form.get("body", "").strip()

    def post(env: Environment) -> Any:
        nav = _nav(env, action_id, model)
        records = records_env(env, nav.action)
        if not has_chatter(env, records):
            raise UserError(_("Records of %(model)s have no chatter.", model=model))
        if not body:
            raise ValidationError(_("Write something before posting."), field="body")
        records.browse(record_id).check_access_rule("read")
        post_note(env, model, record_id, body, note=request.form.get("kind") != "message")
        return redirect(nav.record_url(record_id) + "#chatter")

    return _flash_errors(post, action_id, model, record_id)


def _flash_errors(work: Any, action_id: int | None, model: str, record_id: int) -> Any:
    """Run ``work``; a user error comes back as a message on the record's form."""
    try:
        return run_as_user(work)
    except (UserError, AccessError) as error:
        flash(error.message, "error")
        return run_as_user(
            lambda env: redirect(_nav(env, action_id, model).record_url(record_id)), readonly=True
        )


@bp.route("/data/<model>/<int:record_id>/file/<field>")
def binary(model: str, record_id: int, field: str) -> Any:
    """The content of a binary or image field, as a download (images inline)."""

    def read(env: Environment) -> Response:
        records = env[model]
        spec = records._fields.get(field)
        if spec is None or spec.type not in ("binary", "image"):
            raise UserError(_("%(field)s is not a file field of %(model)s.", field=field, model=model))
        record = records.browse(record_id)
        content = record[field] if record.exists() else None
        name_field = spec.attrs.get("filename")
        filename = (record[name_field] if name_field else None) or f"{model}-{record_id}-{field}"
        if not content:
            return Response(status=404)
        raw = content if isinstance(content, bytes) else bytes(content)
        mimetype = (
            "image/png"
            if spec.type == "image"
            else (mimetypes.guess_type(filename)[0] or "application/octet-stream")
        )
        if spec.type == "image" and raw[:3] == b"\xff\xd8\xff":
            mimetype = "image/jpeg"
        disposition = "inline" if spec.type == "image" else f'attachment; filename="{filename}"'
        return Response(
            raw,
            mimetype=mimetype,
            headers={"Content-Disposition": disposition, "Cache-Control": "private, max-age=60"},
        )

    return run_as_user(read, readonly=True)
