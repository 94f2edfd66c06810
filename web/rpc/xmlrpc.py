"""XML-RPC: ``/xmlrpc/2/<service>`` (integer fault codes) and the legacy ``/xmlrpc/<service>`` (string
fault codes), as Odoo serves them. Every answer is HTTP 200 text/xml, faults included."""

from __future__ import annotations

import xmlrpc.client
from typing import Any
from xml.parsers.expat import ExpatError

from flask import Blueprint, Response, request

from core.rpc.errors import Fault, describe
from web.rpc.services import dispatch_rpc
from web.rpc.xml_writer import dumps_response

bp = Blueprint("xmlrpc", __name__)


@bp.post("/xmlrpc/2/<service>")
def xmlrpc_2(service: str) -> Response:
    return _handle(service, legacy=False)


@bp.post("/xmlrpc/<service>")
def xmlrpc_legacy(service: str) -> Response:
    return _handle(service, legacy=True)


def _handle(service: str, legacy: bool) -> Response:
    try:
        params, method = xmlrpc.client.loads(request.get_data(cache=False), use_builtin_types=True)
    except (ExpatError, xmlrpc.client.ResponseError, ValueError, TypeError) as error:
        return _fault(1, f"Invalid XML-RPC request: {error}")
    try:
        result = dispatch_rpc(service, method, params, xml=True)
    except Exception as error:  # noqa: BLE001 - every failure becomes an XML-RPC fault
        return _fault_of(describe(error), legacy)
    try:
        body = dumps_response(result)
    except (TypeError, OverflowError, RecursionError) as error:
        return _fault(1, f"The result cannot be sent over XML-RPC: {error}")
    return _xml(body)


def _fault_of(fault: Fault, legacy: bool) -> Response:
    if not legacy:
        return _fault(fault.code, fault.message)
    return _fault(fault.legacy_code, fault.message)


def _fault(code: Any, message: str) -> Response:
    code = _clean(code) if isinstance(code, str) else code
    body = xmlrpc.client.dumps(
        xmlrpc.client.Fault(code, _clean(message)), methodresponse=True, allow_none=False, encoding="utf-8"
    )
    return _xml(body)


def _clean(text: str) -> str:
    from core.rpc.values import to_wire

    return to_wire(str(text), xml=True)


def _xml(body: str) -> Response:
    return Response(body, status=200, mimetype="text/xml")
