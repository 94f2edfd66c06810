"""Routes of the citizen requests, mounted through the ``erp.blueprints`` entry point group: the Open311
GeoReport v2 API (open311.py)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.czrm.controllers.open311 import make_blueprint, root_of

    app.register_blueprint(make_blueprint(root_of(app)))
