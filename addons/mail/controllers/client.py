"""The mail addon's screens in the web client: the chatter and the planned activities beside forms
(a form panel), and the routes their forms post to, under the client's own ``/web`` URLs."""

from __future__ import annotations

from flask import Flask

from web.addon_pages import addon_blueprint
from web.client.form_panels import FormPanel, add_form_panel

bp = addon_blueprint("mail_client", __name__, "/web")


def register(app: Flask) -> None:
    from addons.mail.controllers import activities, chatter  # noqa: F401 - they add routes to bp

    app.register_blueprint(bp)
    add_form_panel(app, FormPanel("chatter", "mail/chatter.html", chatter.chatter_panel, sequence=10))
