"""Routes the mail addon serves in the web client, mounted through the ``erp.blueprints`` entry point
group: the chatter and activities beside forms (client.py, a form panel) and calendar (iCalendar)
downloads of meetings (ics.py), and its models in the back office (technical.py)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.mail.controllers import client, technical
    from addons.mail.controllers.ics import bp

    app.register_blueprint(bp)
    client.register(app)
    technical.register(app)
