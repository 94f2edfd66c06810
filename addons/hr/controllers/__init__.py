"""Routes the HR addon serves in the web client, mounted through the ``erp.blueprints`` entry point
group: the organisation chart."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.hr.controllers.org_chart import bp

    app.register_blueprint(bp)
