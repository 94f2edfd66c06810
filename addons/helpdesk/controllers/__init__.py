"""Routes of the helpdesk, mounted through the ``erp.blueprints`` entry point group: the support portal
where customers open tickets, follow them and read the knowledge base (portal.py)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.helpdesk.controllers.portal import bp

    app.register_blueprint(bp)
