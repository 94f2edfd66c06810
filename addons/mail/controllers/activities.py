"""Activities from the chatter: schedule one (a dialog proposing the type's summary and due date),
edit it, mark it done with feedback (logged in the chatter by the mail addon's action_feedback),
or cancel it. Rights are the record API's: an activity follows its document."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import jsonify, redirect, request, url_for
from werkzeug.datastructures import CombinedMultiDict

from addons.mail.controllers.activity_data import default_type, has_activities, type_options
from addons.mail.controllers.client import bp
from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client.conditions import record_scope
from web.client.dialogs import answer, wants_json
from web.client.form_values import FormSubmission
from web.client.request_env import flash, with_env
from web.client.routes.dialogs import modal
from web.client.views.form_data import widget

# the schedule form: what Odoo's activity dialog asks
FORM_FIELDS = ("activity_type_id", "date_deadline", "summary", "user_id", "note")
ARCH = {"sheet": [{"field": name} for name in FORM_FIELDS]}
DOM_PREFIX = "act-"


def safe_back(raw: str | None) -> str:
    """Where to return after the dialog: a path of this site only."""
    raw = raw or ""
    return raw if raw.startswith("/") and not raw.startswith("//") else url_for("client.home")


def _document(env: Environment, model: str, res_id: int) -> Any:
    if model not in env.registry.models or not has_activities(env, env[model]):
        raise UserError(_("Records of %(model)s have no activities.", model=model))
    record = env[model].browse(res_id)
    record.check_access_rule("read")
    if not record.exists():
        raise UserError(_("Record does not exist or has been deleted."))
    return record


def _initial(env: Environment, options: list[dict[str, Any]]) -> dict[str, Any]:
    """Values of a new activity: the proposed type with its summary and due date, for the user."""
    chosen = default_type(env, options)
    user = env.user
    return {
        "activity_type_id": (chosen["id"], chosen["name"]) if chosen else False,
        "date_deadline": chosen["deadline"] if chosen else False,
        "summary": chosen["summary"] if chosen else "",
        "user_id": (user.id, user.name),
        "note": "",
    }


def _dialog(
    env: Environment,
    document: Any,
    activity_id: int | None,
    back: str,
    values: dict[str, Any] | None = None,
    errors: dict[str, Any] | None = None,
    status: int = 200,
) -> Any:
    Activity = env["mail.activity"]
    options = type_options(env, document._name)
    if activity_id:
        stored = Activity.browse(activity_id).read(list(FORM_FIELDS))[0]
    else:
        stored = _initial(env, options)
    stored.update(values or {})
    scope = record_scope(env, stored)
    fields = {}
    for node in ARCH["sheet"]:
        info = widget(env, Activity, node, stored, scope, errors or {})
        info["id"] = DOM_PREFIX + info["id"]
        fields[node["field"]] = info
    current_type = stored.get("activity_type_id")
    save = (
        url_for("mail_client.activity_write", activity_id=activity_id, back=back)
        if activity_id
        else url_for("mail_client.activity_create", model=document._name, res_id=document.id, back=back)
    )
    return modal(
        "mail/activity_dialog.html",
        status,
        title=_("Edit activity") if activity_id else _("Schedule activity"),
        document=document.display_name,
        fields=fields,
        options=options,
        current_type=current_type[0] if isinstance(current_type, (list, tuple)) else current_type,
        save_url=save,
        editing=bool(activity_id),
        back=back,
        general_error=(errors or {}).get("__all__"),
    )


@bp.route("/activity/new")
@with_env(readonly=True)
def activity_new(env: Environment) -> Any:
    model, res_id = request.args.get("model", ""), request.args.get("res_id", type=int) or 0
    back = safe_back(request.args.get("back"))
    return _dialog(env, _document(env, model, res_id), None, back)


@bp.route("/activity/<int:activity_id>/edit")
@with_env(readonly=True)
def activity_edit(env: Environment, activity_id: int) -> Any:
    back = safe_back(request.args.get("back"))
    activity = _activity(env, activity_id)
    return _dialog(env, _document(env, activity.res_model, activity.res_id), activity_id, back)


def _activity(env: Environment, activity_id: int) -> Any:
    activity = env["mail.activity"].browse(activity_id)
    activity.check_access_rule("read")
    if not activity.exists():
        raise UserError(_("This activity is done or was cancelled in the meantime."))
    return activity


def _target(env: Environment, model: str | None, res_id: int | None, activity_id: int | None) -> Any:
    """The document the activity is (to be) attached to."""
    if activity_id:
        activity = _activity(env, activity_id)
        return _document(env, activity.res_model, activity.res_id)
    return _document(env, model or "", res_id or 0)


def _submission(env: Environment, activity_id: int | None) -> FormSubmission:
    formdata = CombinedMultiDict([request.form, request.files])
    return FormSubmission(env, "mail.activity", activity_id, ARCH, formdata)


def _save(env: Environment, model: str | None, res_id: int | None, activity_id: int | None) -> Any:
    back = safe_back(request.args.get("back"))
    document = _target(env, model, res_id, activity_id)
    vals = _submission(env, activity_id).values()
    if activity_id:
        env["mail.activity"].browse(activity_id).write(vals)
    else:
        env["mail.activity"].create({**vals, "res_model": document._name, "res_id": document.id})
    return answer({"type": "reload"}, back + "#chatter")


def _save_refused(
    env: Environment, error: Exception, model: str | None, res_id: int | None, activity_id: int | None
) -> Any:
    """The dialog again with the reason (its document must still be there: else the error page)."""
    document = _target(env, model, res_id, activity_id)
    submission = _submission(env, activity_id)  # converted again, read only, to show what was typed
    with contextlib.suppress(UserError):
        submission.values()
    errors = dict(submission.errors)
    message = getattr(error, "message", str(error))
    if not isinstance(error, ValidationError) or not error.field or error.field in errors:
        errors.setdefault("__all__", message)
    else:
        errors[error.field] = message
    back = safe_back(request.args.get("back"))
    return _dialog(env, document, activity_id, back, submission.posted, errors, 422)


@bp.route("/activity/save", methods=["POST"])
@with_env(recover=lambda env, error: _save_refused(
    env, error, request.args.get("model", ""), request.args.get("res_id", type=int) or 0, None))
def activity_create(env: Environment) -> Any:
    model, res_id = request.args.get("model", ""), request.args.get("res_id", type=int) or 0
    return _save(env, model, res_id, None)


@bp.route("/activity/<int:activity_id>/save", methods=["POST"])
@with_env(recover=lambda env, error, activity_id: _save_refused(env, error, None, None, activity_id))
def activity_write(env: Environment, activity_id: int) -> Any:
    return _save(env, None, None, activity_id)


def _refusal_message(env: Environment, error: Exception, *args: Any, **kwargs: Any) -> Any:
    """A refusal comes back as a message (JSON for the script, a flash on the page)."""
    message = getattr(error, "message", str(error))
    if wants_json():
        return jsonify({"error": message}), 403 if isinstance(error, AccessError) else 400
    flash(message, "error")
    return redirect(safe_back(request.args.get("back")))


@bp.route("/activity/<int:activity_id>/done", methods=["POST"])
@with_env(recover=_refusal_message)
def activity_done(env: Environment, activity_id: int) -> Any:
    """Mark the activity done; the feedback is logged with it in the document's chatter."""
    back = safe_back(request.args.get("back"))
    feedback = request.form.get("feedback", "").strip()
    activity = _activity(env, activity_id)
    model, res_id = activity.res_model, activity.res_id
    activity.action_feedback(feedback=feedback or False)
    if request.form.get("next") == "1":
        url = url_for("mail_client.activity_new", model=model, res_id=res_id, back=back)
        return answer({"type": "dialog", "url": url}, back)
    return answer({"type": "reload"}, back + "#chatter")


@bp.route("/activity/<int:activity_id>/cancel", methods=["POST"])
@with_env(recover=_refusal_message)
def activity_cancel(env: Environment, activity_id: int) -> Any:
    back = safe_back(request.args.get("back"))
    _activity(env, activity_id).unlink()
    return answer({"type": "reload"}, back + "#chatter")
