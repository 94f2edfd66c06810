"""The error pages of every blueprint the web client's users reach (the client, the studio, the API
reference, addons' pages): a refusal or a missing record is a page in the client's layout, or a JSON
``{"error": ...}`` for the client's own fetch calls; an expired session goes back to the login."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, redirect, render_template, request, url_for

from core.exceptions import AccessError, MissingError, UserError
from core.i18n import _
from web.client.session_env import NotLoggedIn


def answers_json() -> bool:
    return (
        request.headers.get("X-Requested-With") == "fetch"
        or request.accept_mimetypes.best == "application/json"
    )


def error_page(status: int, title: str, message: str) -> Any:
    if answers_json():
        return jsonify({"error": message}), status
    return render_template("client/error.html", status=status, title=title, message=message), status


def _not_logged_in(_error: NotLoggedIn) -> Any:
    if answers_json():
        return jsonify({"error": _("Your session has expired: log in again.")}), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _forbidden(error: AccessError) -> Any:
    return error_page(403, _("Access denied"), error.message)


def _missing(error: MissingError) -> Any:
    return error_page(404, _("Not found"), error.message)


def _user_error(error: UserError) -> Any:
    return error_page(400, _("Something needs fixing"), error.message)


def install_error_pages(bp: Blueprint) -> None:
    """Answer the record API's refusals on ``bp`` as the client does."""
    bp.register_error_handler(NotLoggedIn, _not_logged_in)
    bp.register_error_handler(AccessError, _forbidden)
    bp.register_error_handler(MissingError, _missing)
    bp.register_error_handler(UserError, _user_error)
