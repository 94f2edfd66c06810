"""The REST API's errors: one JSON shape, with the HTTP status saying what kind of problem it is."""

from __future__ import annotations

from typing import Any

from flask import Response

from core.rpc.errors import describe
from web import wire_json

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "server_error",
}


class ApiError(Exception):
    """A problem of the request itself (bad parameter, unknown route), with its HTTP status."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def error_response(error: BaseException, headers: dict[str, str] | None = None) -> Response:
    """``{"error": {"status", "code", "message", "field"?}}`` with the status of ``error``."""
    if isinstance(error, ApiError):
        status, message, field = error.status, error.message, error.field
    else:
        fault = describe(error)
        status, message, field = fault.status, fault.message, fault.field
    body: dict[str, Any] = {"status": status, "code": CODES.get(status, "error"), "message": message}
    if field:
        body["field"] = field
    response = json_response({"error": body}, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(
        wire_json.dumps(payload), status=status, mimetype="application/json"
    )
