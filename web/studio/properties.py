"""A custom field's properties changed from the studio (label, help, required, options): a write of its
ir.model.fields row through the record API, which refuses what cannot change (its name, type or related
model) and an option still used by records."""

from __future__ import annotations

import json
from typing import Any

from flask import redirect, request

from core.exceptions import ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from web.client.request_env import flash
from web.studio import bp, editor
from web.studio.access import studio_route
from web.studio.fields import FormErrors, selection_options
from web.studio.removal import custom_field


def properties(env: Environment, model: str, name: str) -> dict[str, Any]:
    """What the properties form shows for the custom field ``name``."""
    row = custom_field(env, model, name)
    options = json.loads(row.selection) if row.ttype == "selection" and row.selection else []
    return {
        "name": name,
        "ttype": row.ttype,
        "label": translate(row.field_description or ""),
        "help": translate(row.help or ""),
        "required": row.required,
        "selection": "\n".join(f"{value}: {label}" for value, label in options),
    }


def _values(ttype: str, form: Any) -> dict[str, Any]:
    label = (form.get("label") or "").strip()
    if not label:
        raise FormErrors({"label": _("Give the field a label.")})
    values: dict[str, Any] = {
        "field_description": label,
        "help": (form.get("help") or "").strip() or False,
        "required": form.get("required") in ("1", "on", "y", "true"),
    }
    if ttype == "selection":
        values["selection"] = selection_options(form.get("selection"))
    return values


def _properties_refused(env: Environment, error: Exception, model: str, view_type: str) -> Any:
    from web.studio.routes import editor_again, editor_url

    if isinstance(error, FormErrors):
        return editor_again(env, model, view_type, "edit", error)
    flash(getattr(error, "message", str(error)), "error")
    return redirect(editor_url(model, view_type))


@bp.post("/<model>/<view_type>/properties")
@studio_route(recover=_properties_refused)
def save_properties(env: Environment, model: str, view_type: str) -> Any:
    """Change the properties of a custom field; a refused value is shown next to its input."""
    from web.studio.routes import editor_url

    name = request.form.get("name", "")
    editor.studio_model(env, model, view_type)
    row = custom_field(env, model, name)
    try:
        row.write(_values(row.ttype, request.form))
    except ValidationError as error:
        raise FormErrors.from_validation(error) from None
    label = request.form.get("label", "").strip()
    flash(_("The field %(label)s has been changed.", label=label), "success")
    return redirect(editor_url(model, view_type))
