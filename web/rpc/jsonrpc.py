"""JSON-RPC 2.0 at ``/jsonrpc``: the ``common``, ``db`` and ``object`` services, as Odoo serves them."""

from __future__ import annotations

from flask import Blueprint, Response

from web.rpc.envelope import BadRequest, bad_request, read_request, respond, respond_error
from web.rpc.services import dispatch_rpc

bp = Blueprint("jsonrpc", __name__)


@bp.post("/jsonrpc")
def jsonrpc() -> Response:
    try:
        request_id, params = read_request()
    except BadRequest as error:
        return bad_request(error)
    try:
        result = dispatch_rpc(params.get("service"), params.get("method"), params.get("args", []))
    except Exception as error:  # noqa: BLE001 - every failure becomes a JSON-RPC error
        return respond_error(request_id, error)
    return respond(request_id, result)
