"""Import and export screens of the web client: CSV/XLSX files into and out of any model."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, redirect, render_template, request, url_for

from core.exceptions import AccessError, UserError
from core.i18n import _
from web import i18n
from web.auth.csrf import protect_forms
from web.client.session_env import NotLoggedIn

bp = Blueprint(
    "dataio", __name__, url_prefix="/web/dataio", static_folder="static", static_url_path="/static"
)
bp.before_request(i18n.begin_request_lang)
bp.before_request(protect_forms)


@bp.errorhandler(NotLoggedIn)
def _not_logged_in(_error: NotLoggedIn) -> Any:
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


@bp.errorhandler(AccessError)
def _forbidden(error: AccessError) -> Any:
    return render_template(
        "client/error.html", status=403, title=_("Access denied"), message=error.message
    ), 403


@bp.errorhandler(UserError)
def _user_error(error: UserError) -> Any:
    return render_template(
        "client/error.html", status=400, title=_("Invalid request"), message=error.message
    ), 400


def register(app: Flask) -> None:
    from web.dataio import exports, imports  # noqa: F401 - they add their routes to bp

    app.register_blueprint(bp)
