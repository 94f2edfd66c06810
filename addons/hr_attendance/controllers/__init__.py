"""Routes the attendance addon serves, mounted through the ``erp.blueprints`` entry point group: the
attendance kiosk."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.hr_attendance.controllers.kiosk import bp

    app.register_blueprint(bp)
