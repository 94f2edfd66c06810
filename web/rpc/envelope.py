"""JSON-RPC 2.0 envelopes as Odoo writes them: results, errors with code 200/100/404, bad bodies."""

from __future__ import annotations

from typing import Any

from flask import Response, request

from core.i18n import _
from core.rpc.errors import SessionExpired, describe
from core.rpc.values import to_wire
from web import wire_json


class BadRequest(Exception):
    """A body that is not JSON-RPC: answered with HTTP 400 and a plain message, as Odoo does."""


# what Odoo's JSON-RPC dispatcher accepts; anything else (text/plain, a form) is refused with 400, which
# also keeps cross-site forms away from session-cookie routes (they cannot send JSON without a preflight)
JSON_TYPES = ("application/json", "application/json-rpc")


def read_request() -> tuple[Any, dict[str, Any]]:
    """(id, params) of the JSON-RPC request; BadRequest when the body is not a JSON-RPC object."""
    if request.mimetype not in JSON_TYPES:
        raise BadRequest(_("Invalid content type %(type)r: JSON-RPC requests are sent as application/json",
                           type=request.mimetype or "none"))
    try:
        body = wire_json.loads(request.get_data(cache=False) or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("Invalid JSON data") from None
    if not isinstance(body, dict):
        raise BadRequest("Invalid JSON-RPC data")
    params = body.get("params")
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise BadRequest("Invalid JSON-RPC data")
    return body.get("id"), params


def respond(request_id: Any, result: Any) -> Response:
    payload: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id}
    if result is not None:
        payload["result"] = to_wire(result)
    return _json(payload)


def respond_error(request_id: Any, error: BaseException) -> Response:
    return _json({"jsonrpc": "2.0", "id": request_id, "error": error_object(error)})


def error_object(error: BaseException) -> dict[str, Any]:
    fault = describe(error)
    data = {
        "name": fault.name,
        "debug": "",
        "message": fault.message,
        "arguments": to_wire(fault.arguments),
        "context": {},
    }
    if isinstance(error, SessionExpired):
        return {"code": 100, "message": "Odoo Session Expired", "data": data}
    return {"code": 200, "message": "Odoo Server Error", "data": data}


def not_found(request_id: Any = None) -> Response:
    data = {
        "name": "werkzeug.exceptions.NotFound",
        "debug": "",
        "message": "404: Not Found",
        "arguments": ["404: Not Found"],
        "context": {},
    }
    return _json(
        {
            "jsonrpc": "2.0",
            "id": request_id,
            "error": {"code": 404, "message": "404: Not Found", "data": data},
        }
    )


def bad_request(error: BadRequest) -> Response:
    return Response(str(error), status=400, mimetype="text/plain")


def _json(payload: dict[str, Any]) -> Response:
    return Response(
        wire_json.dumps(payload), status=200, mimetype="application/json"
    )
