"""Activities from the chatter: schedule one (a dialog proposing the type's summary and due date),
edit it, mark it done with feedback (logged in the chatter by the mail addon's action_feedback),
or cancel it. Rights are the record API's: an activity follows its document."""

from __future__ import annotations

from typing import Any

from flask import flash, jsonify, redirect, request, url_for
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.conditions import record_scope
from web.client.dialogs import answer, wants_json
from web.client.form_values import FormSubmission
from web.client.render.activities import default_type, has_activities, type_options
from web.client.render.form_data import widget
from web.client.routes.dialogs import modal
from web.client.session_env import run_as_user

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
        url_for("client.activity_write", activity_id=activity_id, back=back)
        if activity_id
        else url_for("client.activity_create", model=document._name, res_id=document.id, back=back)
    )
    return modal(
        "client/activity_dialog.html",
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
def activity_new() -> Any:
    model, res_id = request.args.get("model", ""), request.args.get("res_id", type=int) or 0
    back = safe_back(request.args.get("back"))
    return run_as_user(lambda env: _dialog(env, _document(env, model, res_id), None, back), readonly=True)


@bp.route("/activity/<int:activity_id>/edit")
def activity_edit(activity_id: int) -> Any:
    back = safe_back(request.args.get("back"))

    def show(env: Environment) -> Any:
        activity = _activity(env, activity_id)
        return _dialog(env, _document(env, activity.res_model, activity.res_id), activity_id, back)

    return run_as_user(show, readonly=True)


def _activity(env: Environment, activity_id: int) -> Any:
    activity = env["mail.activity"].browse(activity_id)
    activity.check_access_rule("read")
    if not activity.exists():
        raise UserError(_("This activity is done or was cancelled in the meantime."))
    return activity


@bp.route("/activity/save", methods=["POST"])
def activity_create() -> Any:
    model, res_id = request.args.get("model", ""), request.args.get("res_id", type=int) or 0
    return _save(model, res_id, None)


@bp.route("/activity/<int:activity_id>/save", methods=["POST"])
def activity_write(activity_id: int) -> Any:
    return _save(None, None, activity_id)


def _save(model: str | None, res_id: int | None, activity_id: int | None) -> Any:
    back = safe_back(request.args.get("back"))
    formdata = CombinedMultiDict([request.form, request.files])
    state: dict[str, Any] = {}

    def save(env: Environment) -> Any:
        if activity_id:
            activity = _activity(env, activity_id)
            document = state["document"] = _document(env, activity.res_model, activity.res_id)
        else:
            document = state["document"] = _document(env, model or "", res_id or 0)
        submission = state["submission"] = FormSubmission(env, "mail.activity", activity_id, ARCH, formdata)
        vals = submission.values()
        if activity_id:
            env["mail.activity"].browse(activity_id).write(vals)
        else:
            env["mail.activity"].create({**vals, "res_model": document._name, "res_id": document.id})
        return answer({"type": "reload"}, back + "#chatter")

    try:
        return run_as_user(save)
    except (UserError, AccessError) as error:
        if "document" not in state:
            raise
        submission = state.get("submission")
        errors = dict(submission.errors) if submission else {}
        if not isinstance(error, ValidationError) or not error.field or error.field in errors:
            errors.setdefault("__all__", error.message)
        else:
            errors[error.field] = error.message
        values = submission.posted if submission else None

        def again(env: Environment) -> Any:
            document = env[state["document"]._name].browse(state["document"].id)
            return _dialog(env, document, activity_id, back, values, errors, 422)

        return run_as_user(again, readonly=True)


@bp.route("/activity/<int:activity_id>/done", methods=["POST"])
def activity_done(activity_id: int) -> Any:
    """Mark the activity done; the feedback is logged with it in the document's chatter."""
    back = safe_back(request.args.get("back"))
    feedback = request.form.get("feedback", "").strip()
    schedule_next = request.form.get("next") == "1"

    def done(env: Environment) -> Any:
        activity = _activity(env, activity_id)
        model, res_id = activity.res_model, activity.res_id
        activity.action_feedback(feedback=feedback or False)
        if schedule_next:
            url = url_for("client.activity_new", model=model, res_id=res_id, back=back)
            return answer({"type": "dialog", "url": url}, back)
        return answer({"type": "reload"}, back + "#chatter")

    return _or_message(done, back)


@bp.route("/activity/<int:activity_id>/cancel", methods=["POST"])
def activity_cancel(activity_id: int) -> Any:
    back = safe_back(request.args.get("back"))

    def cancel(env: Environment) -> Any:
        _activity(env, activity_id).unlink()
        return answer({"type": "reload"}, back + "#chatter")

    return _or_message(cancel, back)


def _or_message(work: Any, back: str) -> Any:
    """Run ``work``; a refusal comes back as a message (JSON for the script, a flash on the page)."""
    try:
        return run_as_user(work)
    except (UserError, AccessError) as error:
        if wants_json():
            return jsonify({"error": error.message}), 403 if isinstance(error, AccessError) else 400
        flash(error.message, "error")
        return redirect(back)
