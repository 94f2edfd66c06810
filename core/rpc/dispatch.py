"""Calling a model method on behalf of a remote client, with Odoo's ``call_kw`` conventions.

Only the record API's public methods and those an addon marks ``@public`` are callable; names starting
with an underscore never are. Methods of records take the ids as first positional argument, methods
of the model do not. Every call runs in one transaction, retried on serialization failures.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from core.db.transaction import run_with_retry
from core.exceptions import ValidationError
from core.i18n import _, use_lang
from core.records.environment import SUPERUSER_ID, Environment
from core.rpc.errors import PrivateMethod, RpcError, UnknownMethod, UnknownModel
from core.rpc.values import from_wire, to_wire

if TYPE_CHECKING:
    from core.records.model import BaseModel
    from core.registry.registry import Registry

# methods of the record API that clients call on the model (no ids first)
MODEL_METHODS = frozenset(
    {
        "create",
        "search",
        "search_count",
        "search_read",
        "search_fetch",
        "read_group",
        "name_search",
        "name_create",
        "fields_get",
        "default_get",
        "check_access_rights",
        "load",
    }
)
# methods of the record API that clients call on records (ids first)
RECORD_METHODS = frozenset(
    {
        "read",
        "write",
        "unlink",
        "name_get",
        "copy",
        "exists",
        "check_access_rule",
        "export_data",
        "onchange",
    }
)
CORE_PUBLIC = MODEL_METHODS | RECORD_METHODS
# public methods of base models that Odoo declares @api.model (called without ids)
KNOWN_MODEL_METHODS = frozenset(
    {
        "context_get",
        "check_object_reference",
        "xmlid_to_res_model_res_id",
        "xmlid_to_res_id",
        "get_param",
        "set_param",
        "next_by_code",
        "check",
    }
)
# methods that only read: on SQLite their transaction does not take the write lock up front
READONLY_METHODS = frozenset(
    {
        "search",
        "search_count",
        "search_read",
        "read",
        "read_group",
        "name_search",
        "name_get",
        "fields_get",
        "default_get",
        "check_access_rights",
        "check_access_rule",
        "exists",
        "context_get",
        "check_object_reference",
        "xmlid_to_res_model_res_id",
        "xmlid_to_res_id",
        "check",
    }
)

Authenticator = Callable[[Environment], int]


def execute_kw(
    registry: Registry,
    authenticate: Authenticator,
    model: Any,
    method: Any,
    args: Any = None,
    kwargs: Any = None,
    xml: bool = False,
    convert: bool = True,
) -> Any:
    """Authenticate and run ``model.method(*args, **kwargs)`` in one transaction; the result on the wire.

    ``authenticate(env)`` returns the uid (or raises AccessDenied) inside the same transaction.
    ``convert=False`` leaves the result as ``call_kw`` does (see there).
    """
    readonly = isinstance(method, str) and method in READONLY_METHODS

    def attempt() -> Any:
        with registry.cursor(readonly=readonly) as cr:
            uid = authenticate(Environment(cr, SUPERUSER_ID, {}))
            return call_kw(Environment(cr, uid, {}), model, method, args, kwargs, xml=xml, convert=convert)

    return run_with_retry(attempt)


def call_kw(
    env: Environment,
    model: Any,
    method: Any,
    args: Any = None,
    kwargs: Any = None,
    xml: bool = False,
    ids: Any = None,
    convert: bool = True,
) -> Any:
    """``model.method`` called as a remote client asks, in ``env``'s transaction; the result on the wire.

    ``ids`` given apart from the arguments (JSON-2's named calls) selects the records of a record method;
    otherwise, as in Odoo's ``call_kw``, a record method takes them as its first positional argument.
    ``convert=False`` returns the result with recordsets made ids but not yet in wire types: for a
    writer that converts as it writes (``web.rpc.xml_writer``).
    """
    args, kwargs = _check_arguments(args, kwargs)
    context = kwargs.pop("context", None)
    if context is not None and not isinstance(context, Mapping):
        raise ValidationError(_("Invalid context %(context)r: expected an object", context=context))
    context = dict(context or {})
    with use_lang(context.get("lang") if isinstance(context.get("lang"), str) else None):
        records = model_of(env(context=context), model)
        function = public_method(records, method)
        if ids is not None:
            target = records if model_level(function, method) else records.browse(_ids(ids, model))
        elif is_model_method(function, method, args):
            target = records
        else:
            target = records.browse(_ids(args[0] if args else [], model))
            args = args[1:]
        bound = _bind(function, target, method, args, kwargs)
        result = function(*bound.args, **bound.kwargs)
        result = _downgrade(method, result, args, kwargs)
        # a transport that converts while it writes (XML-RPC's writer) saves a pass over a large answer
        return to_wire(result, xml=xml) if convert else result


def model_of(env: Environment, model: Any) -> BaseModel:
    if not isinstance(model, str) or model not in env.registry.models:
        raise UnknownModel(_("Object %(model)s doesn't exist", model=model))
    return env[model]


def public_method(records: BaseModel, method: Any) -> Callable[..., Any]:
    """The function of ``method`` if remote clients may call it; an error naming it otherwise."""
    if not isinstance(method, str) or not method:
        raise RpcError(_("Invalid method name %(method)r", method=method), "builtins.TypeError")
    if method.startswith("_") or method == "init":
        raise PrivateMethod(
            _("Private methods (such as %(method)s) cannot be called remotely.", method=method)
        )
    function = getattr(type(records), method, None)
    if function is None or not callable(function):
        raise UnknownMethod(
            _("The method '%(model)s.%(method)s' does not exist", model=records._name, method=method)
        )
    if method not in CORE_PUBLIC and not getattr(function, "_public", False):
        raise PrivateMethod(
            _(
                "The method '%(model)s.%(method)s' cannot be called remotely: it is not public.",
                model=records._name,
                method=method,
            )
        )
    return function


def model_level(function: Callable[..., Any], method: str) -> bool:
    """Whether ``method`` is declared as a method of the model (Odoo's ``@api.model``), not of records."""
    return (
        method in MODEL_METHODS
        or getattr(function, "_api_model", False)
        or (method in KNOWN_MODEL_METHODS and method not in RECORD_METHODS)
    )


def is_model_method(function: Callable[..., Any], method: str, args: list[Any]) -> bool:
    """Whether clients call ``method`` without ids, as Odoo's ``@api.model`` methods."""
    if model_level(function, method):
        return True
    if method in RECORD_METHODS:
        return False
    # an addon's public method: a first argument that is not ids is a parameter of the model method
    return bool(args) and not _looks_like_ids(args[0])


def _looks_like_ids(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)


def _ids(value: Any, model: str) -> list[int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if _looks_like_ids(value):
        return list(dict.fromkeys(value))
    raise ValidationError(
        _("Invalid ids %(ids)r for %(model)s: expected an id or a list of ids", ids=value, model=model)
    )


def _check_arguments(args: Any, kwargs: Any) -> tuple[list[Any], dict[str, Any]]:
    if args is None:
        args = []
    if kwargs is None:
        kwargs = {}
    if not isinstance(args, (list, tuple)):
        raise RpcError(_("Invalid arguments %(args)r: expected a list", args=args), "builtins.TypeError")
    if not isinstance(kwargs, Mapping) or not all(isinstance(k, str) for k in kwargs):
        raise RpcError(
            _("Invalid keyword arguments %(kwargs)r: expected an object", kwargs=kwargs), "builtins.TypeError"
        )
    return [from_wire(a) for a in args], {k: from_wire(v) for k, v in kwargs.items()}


def _bind(
    function: Callable[..., Any], target: BaseModel, method: str, args: list[Any], kwargs: dict[str, Any]
) -> inspect.BoundArguments:
    try:
        return inspect.signature(function).bind(target, *args, **kwargs)
    except TypeError as error:
        raise RpcError(f"{target._name}.{method}(): {error}", "builtins.TypeError") from None


def _downgrade(method: str, result: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Recordsets as Odoo's API returns them: create(dict) and copy give an id, others a list of ids."""
    if not (hasattr(result, "_ids") and hasattr(result, "_name")):
        return result
    if method == "create":
        single = isinstance((args or [kwargs.get("vals_list")])[0], Mapping)
        return result.id if single and len(result) == 1 else result.ids
    if method == "copy":
        return result.id if len(result) == 1 else result.ids
    return result.ids
