"""Routes the sales addon serves in the web client, mounted through the ``erp.blueprints`` entry
point group: the PDF of quotations and orders, and the customer's online quotation."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.sale.controllers import online, report

    app.register_blueprint(report.bp)
    app.register_blueprint(online.bp)
