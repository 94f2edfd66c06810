"""The studio's start page (custom models, customized views) and its "New model" form."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from core.addon.customizations_ui import customized_records
from core.i18n import _, translate
from core.records.environment import Environment
from web.client.pages import page
from web.client.request_env import flash
from web.studio import bp
from web.studio.access import studio_route
from web.studio.fields import FormErrors
from web.studio.models import NEW_APP, app_choices, create_model


def _home(env: Environment) -> str:
    models = env["ir.model"].search([("state", "=", "manual")], order="name")
    views_ids = list(customized_records(env).get("ir.ui.view", {}))
    views = env["ir.ui.view"].browse(views_ids).exists().filtered(lambda view: view.mode == "extension")
    customized = sorted(
        {
            (view.model, view.type, translate(env[view.model]._description))
            for view in views
            if view.model in env.registry.models and view.type in ("form", "list")
        },
        key=lambda item: (item[2].lower(), item[1]),
    )
    custom_models = [(m.model, translate(m.name)) for m in models if m.model in env.registry.models]
    return page(
        env,
        "studio/home.html",
        title=_("Studio"),
        custom_models=custom_models,
        customized=customized,
    )


@bp.get("")
@studio_route(readonly=True)
def home(env: Environment) -> Any:
    return _home(env)


def _new_model_page(env: Environment, form: dict[str, str], errors: dict[str, str]) -> str:
    return page(
        env,
        "studio/new_model.html",
        title=_("New model"),
        app_options=app_choices(env),
        new_app=NEW_APP,
        has_mail="mail.thread" in env.registry.models,
        form=form,
        errors=errors,
    )


def _model_refused(env: Environment, error: Exception) -> Any:
    if not isinstance(error, FormErrors):
        raise error
    return _new_model_page(env, request.form.to_dict(), error.errors), 422


@bp.route("/model/new", methods=["GET", "POST"])
@studio_route(readonly=lambda: request.method == "GET", recover=_model_refused)
def new_model(env: Environment) -> Any:
    """Create a model with a menu; the consultant then lands on its list, ready to use it."""
    if request.method == "GET":
        return _new_model_page(env, {}, {})
    form = request.form.to_dict()
    created = create_model(env, form)
    message = _("The model %(name)s is ready: add its fields with the studio.", name=form.get("label"))
    flash(message, "success")
    return redirect(url_for("client.action", action_id=created.action_id, menu=created.menu_id))
