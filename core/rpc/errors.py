"""Errors of RPC calls and how each transport names them (Odoo's fault codes and class names)."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError

from core.exceptions import (
    AccessDenied,
    AccessError,
    ErpError,
    MissingError,
    UserError,
    ValidationError,
)
from core.i18n import _

_logger = logging.getLogger(__name__)

# Odoo's XML-RPC fault codes (odoo/service/wsgi_server.py)
FAULT_APPLICATION = 1
FAULT_WARNING = 2
FAULT_ACCESS_DENIED = 3
FAULT_ACCESS_ERROR = 4


class RpcError(ErpError):
    """A problem of the call itself (unknown service or method, bad parameters): fault 1."""

    odoo_name = "builtins.Exception"

    def __init__(self, message: str, odoo_name: str | None = None) -> None:
        super().__init__(message)
        if odoo_name:
            self.odoo_name = odoo_name


class SessionExpired(ErpError):
    """A web call without a valid session: JSON-RPC error code 100."""

    def __init__(self, message: str = "Session expired") -> None:
        super().__init__(message)


class PrivateMethod(AccessError):
    """A method whose name starts with an underscore (or is not public) was called remotely."""


class UnknownModel(UserError):
    """A model name that the database does not have."""


class UnknownMethod(RpcError):
    """A method name that the model does not have."""

    odoo_name = "builtins.AttributeError"


@dataclass
class Fault:
    """One error, described for every transport."""

    code: int  # XML-RPC /2 fault code
    legacy_code: str  # XML-RPC legacy (no /2) fault code
    name: str  # Odoo's dotted exception class, as JSON-RPC clients switch on it
    message: str
    status: int  # HTTP status of JSON-2 and REST answers
    field: str | None = None
    arguments: list[Any] = dataclasses.field(default_factory=list)


_USER_ERROR_NAMES = {
    ValidationError: "odoo.exceptions.ValidationError",
    MissingError: "odoo.exceptions.MissingError",
}


def describe(error: BaseException) -> Fault:
    """The Fault of an exception raised by a call; unexpected ones are logged with their traceback."""
    if isinstance(error, AccessDenied):
        message = error.message or "Access Denied"
        return Fault(
            FAULT_ACCESS_DENIED,
            "AccessDenied",
            "odoo.exceptions.AccessDenied",
            message,
            401,
            arguments=[message],
        )
    if isinstance(error, AccessError):
        return Fault(
            FAULT_ACCESS_ERROR,
            f"warning -- AccessError\n\n{error}",
            "odoo.exceptions.AccessError",
            str(error),
            403,
            arguments=[str(error)],
        )
    if isinstance(error, SessionExpired):
        return Fault(
            FAULT_ACCESS_DENIED,
            "AccessDenied",
            "odoo.http.SessionExpiredException",
            str(error),
            401,
            arguments=[str(error)],
        )
    if isinstance(error, UnknownModel):
        return Fault(
            FAULT_WARNING,
            f"warning -- UserError\n\n{error}",
            "odoo.exceptions.UserError",
            str(error),
            404,
            arguments=[str(error)],
        )
    if isinstance(error, UnknownMethod):
        return Fault(FAULT_APPLICATION, str(error), error.odoo_name, str(error), 404, arguments=[str(error)])
    if isinstance(error, MissingError):
        return Fault(
            FAULT_WARNING,
            f"warning -- MissingError\n\n{error}",
            "odoo.exceptions.MissingError",
            str(error),
            404,
            arguments=[str(error)],
        )
    if isinstance(error, UserError):
        name = next(
            (n for cls, n in _USER_ERROR_NAMES.items() if isinstance(error, cls)), "odoo.exceptions.UserError"
        )
        # HTTP status for JSON-2 and REST: a bad value is the request's fault (400), a refused
        # operation is unprocessable (422), a stale write conflicts with a newer one (409)
        status = (
            409
            if type(error).__name__ == "ConcurrencyError"
            else (400 if isinstance(error, ValidationError) else 422)
        )
        return Fault(
            FAULT_WARNING,
            f"warning -- UserError\n\n{error}",
            name,
            str(error),
            status,
            field=getattr(error, "field", None),
            arguments=[str(error)],
        )
    if isinstance(error, RpcError):
        return Fault(FAULT_APPLICATION, str(error), error.odoo_name, str(error), 400, arguments=[str(error)])
    if isinstance(error, IntegrityError):
        message = _("The operation breaks a database constraint: %(detail)s", detail=_first_line(error.orig))
        return Fault(
            FAULT_WARNING,
            f"warning -- UserError\n\n{message}",
            "odoo.exceptions.ValidationError",
            message,
            409,
            arguments=[message],
        )
    if isinstance(error, DataError):
        message = _("A value is not valid for the database: %(detail)s", detail=_first_line(error.orig))
        return Fault(
            FAULT_WARNING,
            f"warning -- UserError\n\n{message}",
            "odoo.exceptions.ValidationError",
            message,
            422,
            arguments=[message],
        )
    if isinstance(error, ErpError):
        return Fault(
            FAULT_APPLICATION,
            str(error),
            f"odoo.exceptions.{type(error).__name__}",
            str(error),
            400,
            arguments=[str(error)],
        )
    return _unexpected(error)


def _unexpected(error: BaseException) -> Fault:
    kind = type(error)
    module = "builtins" if kind.__module__ == "builtins" else kind.__module__
    if isinstance(error, (KeyError, ValueError, TypeError)):
        # bad parameters reach the record API as these: the message names the culprit
        message = f"{kind.__name__}: {error}"
        return Fault(
            FAULT_APPLICATION, message, f"{module}.{kind.__name__}", message, 400, arguments=[str(error)]
        )
    _logger.exception("RPC call failed", exc_info=error)
    message = _("Internal error (%(kind)s); the server log has the details.", kind=kind.__name__)
    return Fault(FAULT_APPLICATION, message, f"{module}.{kind.__name__}", message, 500, arguments=[message])


def _first_line(error: Any) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
