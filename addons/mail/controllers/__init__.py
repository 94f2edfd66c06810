"""Routes the mail addon serves in the web client, mounted through the ``erp.blueprints`` entry point
group: calendar (iCalendar) downloads of meetings."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.mail.controllers.ics import bp

    app.register_blueprint(bp)
