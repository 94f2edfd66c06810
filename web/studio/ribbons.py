"""The studio's ribbons of a form or a kanban card (Odoo's web_ribbon, such as the Won and Lost ribbons of
a lead): add one, change its text, its color or the condition that hides it, or take it out. They are
kept in the studio's extension of the view like its other changes (one ``replace: ribbons`` change)."""

from __future__ import annotations

from typing import Any

from flask import redirect, request

from core.addon.arch_nodes import ArchError
from core.addon.view_checks import check_condition
from core.exceptions import ValidationError
from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.request_env import flash
from web.studio import arch_edit, bp, editor
from web.studio.access import studio_route
from web.studio.fields import FormErrors
from web.studio.routes import _refused_in, _view_param, editor_url
from web.studio.store import check_stamp, load, save


def ribbon_node(model: BaseModel, form: Any) -> dict[str, Any]:
    """The ribbon of the posted form; FormErrors naming the wrong input (text, color, condition)."""
    text = (form.get("string") or "").strip()
    color = form.get("bg_color") or "success"
    condition = (form.get("invisible") or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["string"] = _("Give the ribbon a text, e.g. Won.")
    if color not in arch_edit.RIBBON_COLORS:
        errors["bg_color"] = _("Choose one of the ribbon's colors.")
    if condition:
        try:
            check_condition(model, condition, ["ribbons"])
        except ArchError as error:
            errors["invisible"] = _("The condition cannot be used: %(reason)s", reason=error.reason)
    if errors:
        raise FormErrors(errors)
    node = {"widget": "web_ribbon", "string": text, "bg_color": color}
    if condition:
        node["invisible"] = condition
    return node


def _index(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _ribbon_refused(env: Environment, error: Exception, model: str, view_type: str) -> Any:
    return _refused_in("ribbon", answer_script=False)(env, error, model, view_type)


@bp.post("/<model>/<view_type>/ribbon")
@studio_route(recover=_ribbon_refused)
def save_ribbon(env: Environment, model: str, view_type: str) -> Any:
    """Add a ribbon (no ``index``), change one, or take it out (``remove``)."""
    form = request.form
    records = editor.studio_model(env, model, view_type)
    if view_type not in arch_edit.RIBBON_VIEWS:
        raise ValidationError(_("Only forms and kanban cards have ribbons."))
    view = load(env, model, view_type, _view_param())
    check_stamp(view, form.get("stamp"))
    index = _index(form.get("index"))
    removing = form.get("remove") == "1"
    node = None if removing else ribbon_node(records, form)
    try:
        save(env, view, arch_edit.set_ribbon(view.arch, index, node), None)
    except ValidationError as error:
        raise FormErrors({"__all__": error.message}) from None
    if removing:
        flash(_("The ribbon has been removed."), "success")
    else:
        flash(_("The ribbon %(label)s has been saved.", label=node["string"] if node else ""), "success")
    return redirect(editor_url(model, view_type))
