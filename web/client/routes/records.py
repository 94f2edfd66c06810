"""One record in its form: show, create, save, delete, change the status, download a file (its
buttons are in buttons.py; addons' panels beside it, the chatter, post to their own routes)."""

from __future__ import annotations

import contextlib
import mimetypes
from typing import Any

from flask import Response, jsonify, redirect, request
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import AccessError, ConcurrencyError, MissingError, UserError, ValidationError
from core.i18n import _
from core.records.concurrency import check_last_update
from core.records.environment import Environment
from web.client import bp
from web.client.actions import records_env
from web.client.form_values import FormSubmission
from web.client.nav import Nav
from web.client.pages import nav_for, page
from web.client.request_env import flash, with_env
from web.client.views.arch import get_arch
from web.client.views.form import build_form, version_stamp

# the form's own script saves before leaving the page: it asks for a JSON answer with this header
SAVE_ONLY_HEADER = "X-Save-Only"


def _record_id(raw: str) -> int | None:
    if raw == "new":
        return None
    if not raw.isdigit():
        raise UserError(_("Invalid record id %(id)r.", id=raw))
    return int(raw)


def _is_get() -> bool:
    return request.method == "GET"


@bp.route("/action/<int:action_id>/<record_id>", methods=["GET", "POST"])
@with_env(readonly=_is_get, refusals=(UserError,), recover=lambda env, error, action_id, record_id:
          form_refused(env, error, action_id, None, _record_id(record_id)))


def action_record(env: Environment, action_id: int, record_id: str) -> Any:
    return _record_page(env, action_id, None, _record_id(record_id))


@bp.route("/model/<model>/<record_id>", methods=["GET", "POST"])
@with_env(readonly=_is_get, refusals=(UserError,), recover=lambda env, error, model, record_id:
          form_refused(env, error, None, model, _record_id(record_id)))


def model_record(env: Environment, model: str, record_id: str) -> Any:
    return _record_page(env, None, model, _record_id(record_id))


def _form_page(
    env: Environment,
    nav: Nav,
    record_id: int | None,
    values: dict[str, Any] | None = None,
    errors: dict[str, Any] | None = None,
    last_update: str | None = None,
) -> str:
    model = records_env(env, nav.action)
    if record_id:
        model.browse(record_id).check_access_rule("read")
        if not model.browse(record_id).exists():
            raise MissingError(_("Record does not exist or has been deleted."))
    arch = get_arch(env, nav.model, "form")
    form = build_form(model.env, nav.model, record_id, arch, values, errors, last_update=last_update)
    # a form-only action (the settings) is named by its action, not as a new record
    form_only = nav.action.view_modes == ["form"] and not record_id
    title = form["title"] or (nav.action.name if form_only else _("New"))
    return page(env, "client/form.html", nav, title=title, form=form, form_only=form_only,
                dialog=request.args.get("dialog") == "1")


def _record_page(env: Environment, action_id: int | None, model: str | None, record_id: int | None) -> Any:
    if request.method == "GET":
        return _form_page(env, nav_for(env, action_id, model), record_id)
    return save_form(env, action_id, model, record_id)


def _submission(env: Environment, nav: Nav, record_id: int | None) -> FormSubmission:
    formdata = CombinedMultiDict([request.form, request.files])
    records = records_env(env, nav.action)
    return FormSubmission(records.env, nav.model, record_id, get_arch(env, nav.model, "form"), formdata)


def save_form(
    env: Environment, action_id: int | None, model: str | None, record_id: int | None, then: Any = None
) -> Any:
    """Create or write the record of the posted form, then ``then(env, nav, record)`` (a response), or
    show the record. A refusal is answered by ``form_refused``, after the rollback."""
    nav = nav_for(env, action_id, model)
    records = records_env(env, nav.action)
    vals = _submission(env, nav, record_id).values()
    if record_id:
        # the version the form was opened at: a write by someone else since then is refused
        # (checked here rather than through the context, which the model's own follow-up writes inherit)
        record = records.browse(record_id)
        stamp = request.form.get("__last_update")
        if stamp:
            check_last_update(record, stamp)
        record.write(vals)
        saved = record_id
    else:
        saved = records.create(vals).id
    if request.headers.get(SAVE_ONLY_HEADER):
        record = records.browse(saved)
        return jsonify({"id": saved, "url": nav.record_url(saved), "last_update": version_stamp(record)})
    if then is not None:
        return then(env, nav, records.browse(saved))
    if request.args.get("dialog") == "1":
        name = records.browse(saved).display_name
        return page(env, "client/dialog_done.html", nav, record_id=saved, record_name=name)
    return redirect(nav.record_url(saved))


def form_refused(
    env: Environment, error: Exception, action_id: int | None, model: str | None, record_id: int | None
) -> Any:
    """The posted form again, with the reason its values were refused (422)."""
    if request.method == "GET":
        raise error
    nav = nav_for(env, action_id, model)
    # the posted values are converted again (read only) to show them as the user typed them
    submission = _submission(env, nav, record_id)
    with contextlib.suppress(UserError):
        submission.values()
    message = getattr(error, "message", str(error))
    if isinstance(error, ValidationError):
        errors = dict(submission.errors)
        if error.field and error.field not in errors:
            errors[error.field] = message
        if not errors or error.field is None and message not in errors.values():
            errors["__all__"] = message
    else:
        errors = {"__all__": message}
    stamp = request.form.get("__last_update") or None
    if isinstance(error, ConcurrencyError):
        # the typed values stay on screen; saving again now knowingly replaces the other person's change
        errors["__all__"] = " ".join((message, _(
            "Your values are kept below: save again to replace that change with yours, "
            "or discard to see the record as it is now.")))
        stamp = None
    if request.headers.get(SAVE_ONLY_HEADER):
        fields = {name: text for name, text in errors.items() if isinstance(text, str)}
        stale = isinstance(error, ConcurrencyError)
        return jsonify({"error": errors.get("__all__", message), "errors": fields, "stale": stale}), 422
    return _form_page(env, nav, record_id, submission.posted, errors, last_update=stamp), 422


def _back_to_record(env: Environment, error: Exception, model: str, record_id: int) -> Any:
    """A refusal comes back as a message on the record's form."""
    flash(getattr(error, "message", str(error)), "error")
    return redirect(nav_for(env, request.args.get("action", type=int), model).record_url(record_id))


@bp.route("/data/<model>/<int:record_id>/delete", methods=["POST"])
@with_env(recover=_back_to_record)
def delete(env: Environment, model: str, record_id: int) -> Any:
    nav = nav_for(env, request.args.get("action", type=int), model)
    records_env(env, nav.action).browse(record_id).unlink()
    flash(_("The record has been deleted."), "success")
    return redirect(nav.view_url())


@bp.route("/data/<model>/<int:record_id>/status", methods=["POST"])
@with_env(recover=_back_to_record)
def set_status(env: Environment, model: str, record_id: int) -> Any:
    """A click on the status bar: write the new stage or state."""
    nav = nav_for(env, request.args.get("action", type=int), model)
    arch = get_arch(env, model, "form")
    spec = arch.get("statusbar") or {}
    if not spec.get("clickable"):
        raise AccessError(_("The status of %(model)s records cannot be changed here.", model=model))
    field = env[model]._fields[spec["field"]]
    raw = request.form.get("value", "")
    value: Any = int(raw) if field.type == "many2one" and raw.isdigit() else raw
    records_env(env, nav.action).browse(record_id).write({field.name: value or False})
    return redirect(nav.record_url(record_id))


@bp.route("/data/<model>/<int:record_id>/file/<field>")
@with_env(readonly=True)
def binary(env: Environment, model: str, record_id: int, field: str) -> Any:
    """The content of a binary or image field, as a download (images inline)."""
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
