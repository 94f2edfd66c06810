"""Routes the invoicing addon serves in the web client, mounted through the ``erp.blueprints`` entry
point group: the PDF of invoices and the accounting reports."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.account.controllers.report import bp
    from addons.account.controllers.reports import bp as reports_bp

    app.register_blueprint(bp)
    app.register_blueprint(reports_bp)
