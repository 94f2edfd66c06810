"""The web client: apps and menus, generated views of every type, forms, search, chatter."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify, redirect, render_template, request, url_for

from core.exceptions import AccessError, MissingError, UserError
from core.i18n import _
from web import i18n
from web.auth.csrf import protect_forms
from web.client.session_env import NotLoggedIn

bp = Blueprint("client", __name__, url_prefix="/web")
bp.before_request(i18n.begin_request_lang)
bp.before_request(protect_forms)


def _wants_json() -> bool:
    return (
        request.headers.get("X-Requested-With") == "fetch"
        or request.accept_mimetypes.best == "application/json"
    )


def _error(status: int, title: str, message: str) -> Any:
    if _wants_json():
        return jsonify({"error": message}), status
    return render_template("client/error.html", status=status, title=title, message=message), status


@bp.errorhandler(NotLoggedIn)
def _not_logged_in(_error_: NotLoggedIn) -> Any:
    if _wants_json():
        return jsonify({"error": _("Your session has expired: log in again.")}), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


@bp.errorhandler(AccessError)
def _forbidden(error: AccessError) -> Any:
    return _error(403, _("Access denied"), error.message)


@bp.errorhandler(MissingError)
def _missing(error: MissingError) -> Any:
    return _error(404, _("Not found"), error.message)


@bp.errorhandler(UserError)
def _user_error(error: UserError) -> Any:
    return _error(400, _("Something needs fixing"), error.message)


def register(app: Flask) -> None:
    from web.client.routes import (  # noqa: F401 - they add routes to bp
        activities,
        bulk,
        buttons,
        data,
        dialogs,
        prefs,
        records,
        views,
    )

    app.register_blueprint(bp)
    app.add_url_rule("/", "root", lambda: redirect(url_for("client.home")))
