"""Routes the sales addon serves in the web client, mounted through the ``erp.blueprints`` entry
point group: the PDF of quotations and orders."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from addons.sale.controllers.report import bp

    app.register_blueprint(bp)
