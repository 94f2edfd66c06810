"""Dialogs (Odoo's wizards): the form of a window action opened with ``target: "new"``, and its
buttons, which save the dialog's record and call a method on it (web/client/dialogs.py says what
happens next). Answered as an HTML fragment to the page's script, or as a page of its own."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import render_template, request
from werkzeug.datastructures import CombinedMultiDict

from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client import bp
from web.client.dialogs import DialogSpec, answer, next_step, unsign, wants_json, window_action
from web.client.form_values import FormSubmission
from web.client.request_env import with_env
from web.client.routes.buttons import call_button, find_button
from web.client.views.arch import get_arch
from web.client.views.form import build_form

DOM_PREFIX = "d-"  # dialog inputs never share an id with the page under them


def modal(template: str, status: int = 200, **data: Any) -> Any:
    """A dialog template inside the modal frame (for a script) or a page of its own."""
    layout = "client/_modal_fragment.html" if wants_json() else "client/_modal_page.html"
    return render_template(template, layout=layout, dialog=True, **data), status


def _records(env: Environment, spec: DialogSpec) -> BaseModel:
    if spec.model not in env.registry.models:
        raise UserError(_("The dialog shows the model %(model)s, which is not installed.", model=spec.model))
    records = env[spec.model].with_context(**spec.context)
    records.check_access_rights("write" if spec.res_id else "create")
    return records


def _render(
    env: Environment,
    spec: DialogSpec,
    token: str,
    values: dict[str, Any] | None = None,
    errors: dict[str, Any] | None = None,
    status: int = 200,
) -> Any:
    records = _records(env, spec)
    arch = get_arch(env, spec.model, "form", spec.view_id)
    form = build_form(
        records.env, spec.model, spec.res_id, arch, values, errors, DOM_PREFIX, with_panels=False
    )
    buttons = [n for n in arch.get("header") or () if "button" in n and not n["mods"]["invisible"]]
    return modal(
        "client/dialog.html",
        status,
        form=form,
        spec=spec,
        token=token,
        buttons=buttons,
        transient=records._transient,
        title=spec.name or form["title"] or records._model_description(),
    )


@bp.route("/dialog")
@with_env(readonly=True)
def dialog(env: Environment) -> Any:
    token = request.args.get("a", "")
    return _render(env, unsign(token), token)


@bp.route("/dialog/save", methods=["POST"])
@with_env(recover=lambda env, error: _refused(env, error, None))
def dialog_save(env: Environment) -> Any:
    """Save the dialog's record (a plain form in a dialog) and close it."""
    return _submit(env, None)


@bp.route("/dialog/button/<name>", methods=["POST"])
@with_env(recover=lambda env, error, name: _refused(env, error, name))
def dialog_button(env: Environment, name: str) -> Any:
    """Save the dialog's record, then run one of its form's header buttons on it."""
    return _submit(env, name)


def _submission(env: Environment, spec: DialogSpec) -> tuple[BaseModel, dict[str, Any], FormSubmission]:
    records = _records(env, spec)
    arch = get_arch(env, spec.model, "form", spec.view_id)
    formdata = CombinedMultiDict([request.form, request.files])
    return records, arch, FormSubmission(records.env, spec.model, spec.res_id, arch, formdata)


def _submit(env: Environment, name: str | None) -> Any:
    spec = unsign(request.args.get("a", ""))
    records, arch, submission = _submission(env, spec)
    node = find_button(arch, name, ("header",)) if name else None
    if name and node is None:
        raise AccessError(_("The dialog has no button %(button)s.", button=name))
    vals = submission.values()
    if spec.res_id:
        record = records.browse(spec.res_id)
        if vals:
            record.write(vals)
    else:
        record = records.create(vals)
    if node is None:
        return answer({"type": "reload"}, spec.back)
    if node.get("type") == "action":
        result = window_action(env, node["button"], record, node.get("context") or {})
    else:
        result = call_button(record, node)
    return answer(next_step(env, result, spec.back, spec.nav(env)), spec.back)


def _refused(env: Environment, error: Exception, name: str | None) -> Any:
    """The dialog again, with the reason its values or its button were refused (422)."""
    token = request.args.get("a", "")
    spec = unsign(token)
    _records_, _arch, submission = _submission(env, spec)
    with contextlib.suppress(UserError):  # converted again, read only, to show the values as they were typed
        submission.values()
    message = getattr(error, "message", str(error))
    if isinstance(error, ValidationError):
        errors = dict(submission.errors)
        if error.field and error.field not in errors:
            errors[error.field] = message
        elif not error.field or message not in errors.values():
            errors["__all__"] = message
    else:
        errors = {"__all__": message}
    return _render(env, spec, token, submission.posted, errors, 422)
