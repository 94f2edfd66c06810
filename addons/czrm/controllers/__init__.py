"""Routes of the citizen requests, mounted through the ``erp.blueprints`` entry point group: the Open311
GeoReport v2 API (open311.py), the citizen portal (portal.py) and the map of requests in the web client
(backoffice_map.py)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.czrm.controllers.backoffice_map import bp as backoffice_map
    from addons.czrm.controllers.open311 import make_blueprint, root_of
    from addons.czrm.controllers.portal import bp as portal

    app.register_blueprint(make_blueprint(root_of(app)))
    app.register_blueprint(portal)
    app.register_blueprint(backoffice_map)
