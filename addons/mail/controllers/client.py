"""The mail addon's screens in the web client: the chatter and the planned activities beside forms
(a form panel), and the routes their forms post to, under the client's own ``/web`` URLs."""

from __future__ import annotations

from flask import Blueprint, Flask

from web import i18n
from web.auth.csrf import protect_forms
from web.client.errors import install_error_pages
from web.client.form_panels import FormPanel, add_form_panel

bp = Blueprint("mail_client", __name__, url_prefix="/web", template_folder="../templates")
bp.before_request(i18n.begin_request_lang)
bp.before_request(protect_forms)
install_error_pages(bp)


def register(app: Flask) -> None:
    from addons.mail.controllers import activities, chatter  # noqa: F401 - they add routes to bp

    app.register_blueprint(bp)
    add_form_panel(app, FormPanel("chatter", "mail/chatter.html", chatter.chatter_panel, sequence=10))
