"""Odoo 19's JSON-2 API: ``POST /json/2/<model>/<method>`` with a bearer API key and named parameters,
and the per-database description of models and methods at ``/doc-bearer/index.json`` and
``/doc-bearer/<model>.json``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from core.db.transaction import run_with_retry
from core.exceptions import AccessDenied
from core.records.environment import SUPERUSER_ID, Environment
from core.rpc import auth, catalog, dispatch
from core.rpc.errors import RpcError, describe
from core.rpc.values import to_wire
from web import databases, wire_json
from web.rpc.services import client_address, registry_of

bp = Blueprint("json2", __name__)


class _Unauthorized(AccessDenied):
    pass


def bearer_key() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _space, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise _Unauthorized("Missing Authorization: bearer <API key> header")
    return key.strip()


def _registry() -> Any:
    return registry_of(request.headers.get("X-Odoo-Database") or databases.default_db())


@bp.post("/json/2/<model>/<method>")
def call(model: str, method: str) -> Response:
    context: dict[str, Any] = {}
    try:
        key = bearer_key()
        body = _body()
        ids = body.pop("ids", None)
        context = body.get("context") if isinstance(body.get("context"), dict) else {}
        registry = _registry()
        readonly = method in dispatch.READONLY_METHODS

        def attempt() -> Any:
            with registry.cursor(readonly=readonly) as cr:
                uid = auth.check_api_key(Environment(cr, SUPERUSER_ID, {}), key, client_address())
                return dispatch.call_kw(Environment(cr, uid, {}), model, method, [], body, ids=ids or [])

        result = run_with_retry(attempt)
    except Exception as error:  # noqa: BLE001 - the API boundary answers every failure
        return error_response(error, context)
    return _json(result, 200)


@bp.get("/doc-bearer/index.json")
def index() -> Response:
    def work(env: Environment) -> Any:
        return {
            "models": [
                {"model": name, "name": env[name]._model_description()}
                for name in catalog.readable_models(env)
            ]
        }

    return _described(work)


@bp.get("/doc-bearer/<model>.json")
def model_doc(model: str) -> Response:
    def work(env: Environment) -> Any:
        dispatch.model_of(env, model).check_access_rights("read")
        return catalog.describe_model(env, model)

    return _described(work)


def _described(work: Any) -> Response:
    try:
        key = bearer_key()
        registry = _registry()
        with registry.cursor(readonly=True) as cr:
            uid = auth.check_api_key(Environment(cr, SUPERUSER_ID, {}), key, client_address())
            result = to_wire(work(Environment(cr, uid, {})))
    except Exception as error:  # noqa: BLE001 - the API boundary answers every failure
        return error_response(error, {})
    return _json(result, 200)


def _body() -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise RpcError("Request content type must be application/json", "werkzeug.exceptions.BadRequest")
    try:
        body = wire_json.loads(request.get_data(cache=False) or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise RpcError("Invalid JSON data", "werkzeug.exceptions.BadRequest") from None
    if not isinstance(body, dict):
        raise RpcError(
            "Invalid JSON data: expected an object of named parameters", "werkzeug.exceptions.BadRequest"
        )
    return body


def error_response(error: BaseException, context: dict[str, Any]) -> Response:
    fault = describe(error)
    name = "werkzeug.exceptions.Unauthorized" if isinstance(error, _Unauthorized) else fault.name
    payload = {
        "name": name,
        "message": fault.message,
        "arguments": to_wire(fault.arguments),
        "context": to_wire(context),
        "debug": "",
    }
    return _json(payload, fault.status)


def _json(payload: Any, status: int) -> Response:
    return Response(
        wire_json.dumps(payload), status=status, mimetype="application/json"
    )
