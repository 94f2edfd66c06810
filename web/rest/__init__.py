"""The REST API: ``/api/v1/<model>`` over the record API, its OpenAPI document and interactive docs."""

from __future__ import annotations

from flask import Flask

from web.rest import docs, keys, reference, routes


def register(app: Flask) -> None:
    """Mount the REST API on ``app`` (JSON only: not part of the forms' CSRF protection)."""
    from web.rpc import csrf

    for blueprint in (docs.bp, routes.bp):
        app.register_blueprint(blueprint)
        csrf.exempt(app, blueprint)
    keys.register(app)  # the key management page is a form of the web client: CSRF-protected
    reference.register(app)
