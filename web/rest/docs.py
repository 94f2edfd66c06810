"""``/api/v1/openapi.json`` and the interactive documentation at ``/api/v1/docs`` (a vendored, pinned
Swagger UI; no CDN, a strict Content-Security-Policy, no inline script or style)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from web import databases
from web.rest.errors import ApiError, error_response, json_response
from web.rest.openapi import document

SWAGGER_UI = "vendor/swagger-ui-5.32.2"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"
)

bp = Blueprint(
    "rest_docs",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/api/v1/docs/static",
)


@bp.get("/api/v1/openapi.json")
def openapi_json() -> Response:
    try:
        registry = databases.registry_for(request.headers.get("X-Odoo-Database") or request.args.get("db"))
    except LookupError:
        return error_response(ApiError(404, "Unknown database"))
    return json_response(document(registry))


@bp.get("/api/v1/docs")
def docs() -> Response:
    response = Response(render_template("rest/docs.html", swagger_ui=SWAGGER_UI))
    response.headers["Content-Security-Policy"] = CSP
    return response
