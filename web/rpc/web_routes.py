"""The JSON routes of Odoo's web client that client libraries use: session, call_kw, version, databases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response

from core.i18n import use_lang
from core.records.environment import Environment
from core.rpc import auth, dispatch
from core.rpc.errors import RpcError
from core.rpc.version import version_info
from web import databases
from web.rpc import sessions
from web.rpc.envelope import BadRequest, bad_request, not_found, read_request, respond, respond_error
from web.rpc.services import client_address, registry_of

bp = Blueprint("web_jsonrpc", __name__)


def _json_route(work: Callable[[dict[str, Any]], Any]) -> Response:
    """Run ``work(params)`` for a JSON request carrying the session cookie."""
    try:
        request_id, params = read_request()
    except BadRequest as error:
        return bad_request(error)
    try:
        result = work(params)
    except Exception as error:  # noqa: BLE001 - every failure becomes a JSON-RPC error
        return respond_error(request_id, error)
    return respond(request_id, result)


@bp.post("/web/webclient/version_info")
def version() -> Response:
    return _json_route(lambda params: version_info())


@bp.post("/web/database/list")
def database_list() -> Response:
    return _json_route(lambda params: databases.list_databases())


@bp.post("/web/session/authenticate")
def authenticate() -> Response:
    return _json_route(_authenticate)


def _authenticate(params: dict[str, Any]) -> Any:
    db, login, password = params.get("db"), params.get("login"), params.get("password")
    registry = registry_of(db or databases.default_db())
    with registry.cursor() as cr:
        env = Environment(cr)
        uid = auth.login(env, login, password, client_address())  # AccessDenied: error, no cookie
        user_env = Environment(cr, uid, {})
        sessions.start_session(user_env, uid)
        with use_lang(user_env.user.lang or None):
            return sessions.session_info(user_env)


@bp.post("/web/session/get_session_info")
def get_session_info() -> Response:
    def work(params: dict[str, Any]) -> Any:
        registry, uid = sessions.session_registry()
        with registry.cursor(readonly=True) as cr:
            env = Environment(cr, uid, {})
            sessions.check_session(env, uid)
            return sessions.session_info(env)

    return _json_route(work)


@bp.post("/web/session/destroy")
def destroy() -> Response:
    def work(params: dict[str, Any]) -> None:
        sessions.end_session()

    return _json_route(work)


@bp.post("/web/session/check")
def check() -> Response:
    def work(params: dict[str, Any]) -> None:
        registry, uid = sessions.session_registry()
        with registry.cursor(readonly=True) as cr:
            sessions.check_session(Environment(cr, uid, {}), uid)

    return _json_route(work)


@bp.post("/web/dataset/call_kw")
@bp.post("/web/dataset/call_kw/<path:_path>")
@bp.post("/web/dataset/call")
def call_kw(_path: str | None = None) -> Response:
    return _json_route(_call_kw)


def _call_kw(params: dict[str, Any]) -> Any:
    registry, uid = sessions.session_registry()

    def authenticate(env: Environment) -> int:
        sessions.check_session(env, uid)  # the token also ends with the user's deactivation
        return uid

    model, method = params.get("model"), params.get("method")
    args, kwargs = params.get("args", []), params.get("kwargs", {})
    if not isinstance(kwargs, dict):
        raise RpcError("Invalid keyword arguments: expected an object", "builtins.TypeError")
    return dispatch.execute_kw(registry, authenticate, model, method, args, kwargs)


@bp.route("/web/session/<path:_rest>", methods=["GET", "POST"])
@bp.route("/web/dataset/<path:_rest>", methods=["GET", "POST"])
@bp.route("/web/webclient/<path:_rest>", methods=["GET", "POST"])
@bp.route("/web/database/<path:_rest>", methods=["GET", "POST"])
def unknown(_rest: str) -> Response:
    return not_found()
