"""The user's API keys in the web client: list them, create one (shown once), revoke them."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, redirect, request, url_for

from core.exceptions import UserError
from core.i18n import _
from core.records.environment import Environment
from web import i18n
from web.auth.csrf import protect_forms
from web.client.pages import page
from web.client.request_env import flash, with_env
from web.client.session_env import NotLoggedIn

bp = Blueprint("rest_keys", __name__, url_prefix="/web/api-keys", template_folder="templates")
bp.before_request(i18n.begin_request_lang)
bp.before_request(protect_forms)
FIELDS = ["name", "key_prefix", "create_date", "last_used", "expiration_date"]


@bp.errorhandler(NotLoggedIn)
def _not_logged_in(_error: NotLoggedIn) -> Any:
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _keys_page(env: Environment, new_key: str | None = None, new_name: str = "") -> str:
    keys = env["res.users.apikeys"].search_read([("user_id", "=", env.uid)], FIELDS, order="id desc")
    return page(env, "rest/keys.html", title=_("API keys"), keys=keys, new_key=new_key, new_name=new_name)


@bp.get("")
@with_env(readonly=True)
def keys(env: Environment) -> Any:
    return _keys_page(env)


@bp.post("")
@with_env()
def create(env: Environment) -> Any:
    name = request.form.get("name", "").strip()
    if not name:
        raise UserError(_("Give the key a name that says where it is used."))
    key = env["res.users"].browse(env.uid).create_api_key(name[:100])
    return _keys_page(env, key, name)


@bp.post("/<int:key_id>/revoke")
@with_env()
def revoke(env: Environment, key_id: int) -> Any:
    found = env["res.users.apikeys"].search([("id", "=", key_id), ("user_id", "=", env.uid)])
    if not found:
        raise UserError(_("No such API key."))
    found.action_revoke()
    flash(_("The API key has been revoked."), "success")
    return redirect(url_for("rest_keys.keys"))


@bp.errorhandler(UserError)
def _user_error(error: UserError) -> Any:
    flash(error.message, "error")
    return redirect(url_for("rest_keys.keys"))


def register(app: Flask) -> None:
    app.register_blueprint(bp)
