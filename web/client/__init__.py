"""The web client: apps and menus, generated views of every type, forms (with the panels addons add
beside them, web/client/form_panels.py), search."""

from __future__ import annotations

from flask import Blueprint, Flask, redirect, url_for

from web import i18n
from web.auth.csrf import protect_forms
from web.client import not_found
from web.client.errors import install_error_pages

bp = Blueprint("client", __name__, url_prefix="/web")
bp.before_request(i18n.begin_request_lang)
bp.before_request(protect_forms)
install_error_pages(bp)


def register(app: Flask) -> None:
    from web.client.routes import (  # noqa: F401 - they add routes to bp
        analysis,
        bulk,
        buttons,
        columns,
        data,
        dialogs,
        prefs,
        records,
        view_pages,
    )

    app.register_blueprint(bp)
    not_found.install_not_found_page(app)
    app.add_url_rule("/", "root", lambda: redirect(url_for("client.home")))
