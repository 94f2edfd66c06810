"""The ``common``, ``db`` and ``object`` services of Odoo's RPC, shared by XML-RPC and JSON-RPC."""

from __future__ import annotations

from typing import Any

from flask import request

from core.exceptions import AccessDenied, AccessError
from core.i18n import LANGUAGES, _
from core.records.environment import Environment
from core.registry.registry import Registry
from core.rpc import auth, dispatch
from core.rpc.errors import RpcError
from core.rpc.version import SERVER_VERSION, about, version_info
from web import databases

DB_MANAGEMENT = frozenset(
    {
        "create_database",
        "duplicate_database",
        "drop",
        "dump",
        "restore",
        "rename",
        "change_admin_password",
        "migrate_databases",
    }
)


def dispatch_rpc(service: Any, method: Any, params: Any, xml: bool = False) -> Any:
    """The answer of ``service.method(*params)``; raises the errors the transports map to faults."""
    if not isinstance(params, (list, tuple)):
        raise RpcError(
            _("Invalid parameters %(params)r: expected a list", params=params), "builtins.TypeError"
        )
    handlers = {"common": _common, "db": _db, "object": _object}
    handler = handlers.get(service) if isinstance(service, str) else None
    if handler is None:
        raise RpcError(_("Unknown service %(service)r: the services are common, db and object",
                         service=service), "builtins.KeyError")
    if not isinstance(method, str):
        raise RpcError(_("Method not available %(method)s", method=method), "builtins.KeyError")
    return handler(method, list(params), xml)


def registry_of(db: Any) -> Registry:
    if not isinstance(db, str) or not db:
        raise RpcError(_("Invalid database name %(db)r", db=db), "builtins.TypeError")
    try:
        return databases.registry_for(db)
    except LookupError:
        raise RpcError(_("Database %(db)s does not exist", db=db), "psycopg2.OperationalError") from None


def client_address() -> str | None:
    return request.remote_addr


def _arguments(method: str, params: list[Any], minimum: int, maximum: int) -> list[Any]:
    if not minimum <= len(params) <= maximum:
        raise RpcError(
            _(
                "%(method)s() takes %(minimum)s to %(maximum)s arguments (%(count)s given)",
                method=method,
                minimum=minimum,
                maximum=maximum,
                count=len(params),
            ),
            "builtins.TypeError",
        )
    return params + [None] * (maximum - len(params))


# -- common -----------------------------------------------------------------------------------
def _common(method: str, params: list[Any], xml: bool) -> Any:
    if method == "version":
        return version_info()
    if method == "about":
        return about(bool(params and params[0]))
    if method in ("login", "authenticate"):
        db, login, password, _env = _arguments(method, params, 3, 4)
        return login_uid(db, login, password)
    raise RpcError(_("Method not available %(method)s", method=method), "builtins.KeyError")


def login_uid(db: Any, login: Any, password: Any) -> int | bool:
    """The uid of ``login``, or False when the login or password is wrong (Odoo answers no fault)."""
    registry = registry_of(db)
    address = client_address()
    try:
        with registry.cursor() as cr:
            return auth.login(Environment(cr), login, password, address)
    except AccessDenied:
        return False


# -- db ---------------------------------------------------------------------------------------
def _db(method: str, params: list[Any], xml: bool) -> Any:
    if method == "list":
        return databases.list_databases()
    if method == "server_version":
        return SERVER_VERSION
    if method == "list_lang":
        return [[code, name] for code, name in LANGUAGES.items()]
    if method == "list_countries":
        return []
    if method == "db_exist":
        (name,) = _arguments(method, params, 1, 1)
        return isinstance(name, str) and databases.url_for_db(name) is not None
    if method in DB_MANAGEMENT:
        raise AccessError(_("Database management is not available over RPC: use the erp command line."))
    raise RpcError(_("Method not available %(method)s", method=method), "builtins.KeyError")


# -- object -----------------------------------------------------------------------------------
def _object(method: str, params: list[Any], xml: bool) -> Any:
    if method == "execute_kw":
        db, uid, password, model, name, args, kwargs = _arguments(method, params, 6, 7)
        return execute(db, uid, password, model, name, args, kwargs, xml)
    if method == "execute":
        if len(params) < 5:
            raise RpcError(
                _("execute() takes at least 5 arguments (%(count)s given)", count=len(params)),
                "builtins.TypeError",
            )
        db, uid, password, model, name, *args = params
        return execute(db, uid, password, model, name, args, {}, xml)
    raise RpcError(_("Method not available %(method)s", method=method), "builtins.NameError")


def execute(
    db: Any, uid: Any, password: Any, model: Any, method: Any, args: Any, kwargs: Any, xml: bool = False
) -> Any:
    registry = registry_of(db)
    address = client_address()
    return dispatch.execute_kw(
        registry,
        lambda env: auth.check_password(env, uid, password, address),
        model,
        method,
        args,
        kwargs,
        xml=xml,
        convert=not xml,  # XML-RPC's writer converts while it writes
    )
