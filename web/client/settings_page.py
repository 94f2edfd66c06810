"""The settings page, as Odoo's: the form of a settings model whose arch says ``js_class: base_settings``
is shown as one page with a section per app (each top-level group of the sheet) and a left navigation
by app; "Save" creates the settings record from the page and applies it (``execute``)."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import redirect, request, url_for

from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client import bp
from web.client.actions import load_action
from web.client.form_values import FormSubmission
from web.client.nav import Nav
from web.client.pages import menu_param, page
from web.client.request_env import flash, with_env
from web.client.session_env import in_groups, user_groups
from web.client.views.arch import get_arch
from web.client.views.form import build_form
from web.client.views.form_data import walk

SETTINGS_CLASS = "base_settings"


def is_settings(env: Environment, nav: Nav) -> bool:
    """Whether the form of the action's model is a settings page."""
    return get_arch(env, nav.model, "form", nav.action.view_id).get("js_class") == SETTINGS_CLASS


def render(env: Environment, nav: Nav, values: dict[str, Any] | None = None,
           errors: dict[str, str] | None = None) -> Any:
    """The settings page of ``nav``'s action, with ``values`` typed by the user after a refusal."""
    model = env[nav.model]
    model.check_access_rights("write")
    arch = get_arch(env, nav.model, "form", nav.action.view_id)
    form = build_form(env, nav.model, None, arch, values, errors, with_panels=False)
    apps = [node for node in form["arch"].get("sheet") or [] if "group" in node
            and not (node.get("mods") or {}).get("invisible")]
    for node in walk(form["arch"].get("sheet") or []):
        if node.get("button") and node.get("type") == "action":
            node["href"] = _action_url(env, node["button"])
    return page(env, "client/settings.html", nav, form=form, sections=apps,
                save_url=url_for("client.settings_save", action_id=nav.action.id, menu=nav.menu_id))


def _action_url(env: Environment, xml_id: str) -> str | None:
    """The URL of the window action ``xml_id``, when the user may open it."""
    action = env.ref(xml_id, raise_if_not_found=False)
    if action is None or action._name != "ir.actions.act_window":
        return None
    if not in_groups(user_groups(env), action.sudo().groups_id.ids):
        return None
    if not env[action.sudo().res_model].check_access_rights("read", raise_exception=False):
        return None
    return url_for("client.action", action_id=action.id)


def _refused(env: Environment, error: Exception, action_id: int) -> Any:
    """The page again with what the user typed and why it was refused (422)."""
    nav = Nav(load_action(env, action_id), menu_param())
    arch = get_arch(env, nav.model, "form", nav.action.view_id)
    submission = FormSubmission(env, nav.model, None, arch, request.form)
    with contextlib.suppress(UserError):
        submission.values()
    message = getattr(error, "message", str(error))
    errors = dict(submission.errors)
    if isinstance(error, ValidationError) and error.field and error.field not in errors:
        errors[error.field] = message
    if message not in errors.values():
        errors["__all__"] = message
    return render(env, nav, submission.posted, errors), 422


@bp.route("/settings/<int:action_id>", methods=["POST"])
@with_env(refusals=(UserError,), recover=_refused)
def settings_save(env: Environment, action_id: int) -> Any:
    """Save: the settings record from the page, then ``execute``, then the page afresh."""
    nav = Nav(load_action(env, action_id), menu_param())
    if not is_settings(env, nav):
        raise AccessError(_("The action %(action)s is not a settings page.", action=nav.action.name))
    arch = get_arch(env, nav.model, "form", nav.action.view_id)
    values = FormSubmission(env, nav.model, None, arch, request.form).values()
    env[nav.model].create(values).execute()
    flash(_("Your changes have been applied."), "success")
    return redirect(nav.view_url())
