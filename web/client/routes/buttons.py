"""Buttons of a form: ``type: object`` buttons call a @public method of the record, ``type: action``
buttons open a window action (a dialog when its target is "new"). A button the view hides for the
record's values is refused on the server too; the answer is the browser's next step."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, request

from core.exceptions import AccessError, UserError
from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from core.safe_eval import expression_names
from web.client import bp
from web.client.actions import records_env
from web.client.conditions import evaluate, record_scope
from web.client.dialogs import answer, next_step, wants_json, window_action
from web.client.pages import nav_for
from web.client.request_env import flash, with_env
from web.client.routes.records import form_refused, save_form
from web.client.views.arch import get_arch
from web.client.views.form_data import SECTIONS, walk


def find_button(
    arch: dict[str, Any], name: str, sections: tuple[str, ...] = SECTIONS
) -> dict[str, Any] | None:
    """The button node ``name`` of a form arch, if the view has one."""
    for section in sections:
        for node in walk(arch.get(section) or []):
            if node.get("button") == name:
                return node
    return None


def check_visible(env: Environment, records: BaseModel, node: dict[str, Any]) -> None:
    """UserError when the view hides the button for one of the records (a crafted POST)."""
    condition = node.get("invisible")
    if not condition:
        return
    names = (
        [n for n in expression_names(condition) if n in records._fields] if isinstance(condition, str) else []
    )
    rows = records.read(names) if names else [{"id": i} for i in records.ids]
    if any(evaluate(condition, record_scope(env, row)) for row in rows):
        raise UserError(
            _(
                "The button %(button)s is not available for this record.",
                button=node.get("string") or node["button"],
            )
        )


def call_button(records: BaseModel, node: dict[str, Any] | None, name: str | None = None) -> Any:
    """Call the @public method a ``type: object`` button names, with the button's context."""
    name = name or (node or {}).get("button", "")
    method = getattr(type(records), name, None)
    if name.startswith("_") or method is None or not getattr(method, "_public", False):
        raise AccessError(
            _(
                "The method %(method)s of %(model)s cannot be called from a button.",
                method=name,
                model=records._name,
            )
        )
    context = (node or {}).get("context")
    if context:
        records = records.with_context(**context)
    return getattr(records, name)()


def _button_refused(env: Environment, error: Exception, model: str, record_id: int, name: str) -> Any:
    """A refused button: a message for the page's script, or a flash on the record's form."""
    message = getattr(error, "message", str(error))
    if wants_json():
        return jsonify({"error": message}), 403 if isinstance(error, AccessError) else 400
    flash(message, "error")
    try:
        return redirect(nav_for(env, request.args.get("action", type=int), model).record_url(record_id))
    except (UserError, AccessError):  # the action itself is what was refused
        return redirect(request.referrer or "/web")


@bp.route("/data/<model>/<int:record_id>/button/<name>", methods=["POST"])
@with_env(recover=_button_refused)
def button(env: Environment, model: str, record_id: int, name: str) -> Any:
    """A header button of a record's form."""
    nav = nav_for(env, request.args.get("action", type=int), model)
    records = records_env(env, nav.action).browse(record_id)
    back = nav.record_url(record_id)
    node = find_button(get_arch(env, model, "form"), name)
    if node is not None:
        check_visible(env, records, node)
    if node is not None and node.get("type") == "action":
        records.check_access_rule("read")
        result = window_action(env, name, records, node.get("context") or {})
        step = next_step(env, result, back, nav)
        step["changed"] = False  # opening an action changes nothing: a dialog cancelled needs no reload
    else:
        records.check_access_rule("write")
        step = next_step(env, call_button(records, node, name), back, nav)
    return answer(step, back)


@bp.route("/data/<model>/new/button/<name>", methods=["POST"])
@with_env(refusals=(UserError,), recover=lambda env, error, model, name: form_refused(
    env, error, request.args.get("action", type=int), model, None))


def new_record_button(env: Environment, model: str, name: str) -> Any:
    """A header button of a new record's form (a wizard or the settings opened in the page): save the
    record from the form, then run the button on it, as Odoo does."""

    def press(env: Environment, nav: Any, record: BaseModel) -> Any:
        node = find_button(get_arch(env, model, "form"), name, ("header",))
        if node is None or node.get("type") == "action":
            raise AccessError(_("The form of %(model)s has no button %(button)s to run on a new record.",
                                model=model, button=name))
        check_visible(env, record, node)
        step = next_step(env, call_button(record, node, name), nav.record_url(record.id), nav)
        if step["type"] == "reload" and nav.action.view_modes == ["form"]:
            flash(_("Your changes have been applied."), "success")
            return redirect(nav.view_url())  # a page that always opens on a new record: open it afresh
        return answer(step, nav.record_url(record.id))

    return save_form(env, request.args.get("action", type=int), model, None, then=press)
