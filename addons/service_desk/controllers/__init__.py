"""Public pages of the service desk, mounted through the ``erp.blueprints`` entry point group: the
satisfaction rating a requester reaches from the link of a closed ticket; and the dashboard of a ticket
model in the web client; the requesters' portal accounts (/my)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.service_desk.controllers.dashboard import bp as dashboard
    from addons.service_desk.controllers.portal_account import bp as account
    from addons.service_desk.controllers.rating import bp

    app.register_blueprint(bp)
    app.register_blueprint(dashboard)
    app.register_blueprint(account)
    app.config.setdefault("ERP_PORTAL_HOME", "/my/")  # where a portal user's login leads
