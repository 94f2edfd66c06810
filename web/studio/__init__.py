"""The studio: administrators add fields, arrange forms, lists, kanban cards and searches, and create
models with their menu from the browser. Everything is stored as metadata (ir.model.fields, ir.model,
ir.ui.view extensions, ir.actions.act_window, ir.ui.menu, ir.model.access) through the record API,
live for every user."""

from __future__ import annotations

from flask import Blueprint, Flask

from web import i18n
from web.auth.csrf import protect_forms
from web.client.errors import install_error_pages

bp = Blueprint("studio", __name__, url_prefix="/web/studio")
bp.before_request(i18n.begin_request_lang)
bp.before_request(protect_forms)
install_error_pages(bp)


def register(app: Flask) -> None:
    from web.studio import filters, home, properties, ribbons, routes  # noqa: F401 - they add their routes to bp
    from web.studio.links import studio_link

    app.register_blueprint(bp)
    app.context_processor(lambda: {"studio_link": studio_link})
