"""One hierarchy of errors, mapped by the RPC layer onto Odoo's fault shapes."""
from __future__ import annotations

from core.i18n import _


class ErpError(Exception):
    """Base of every error the suite raises on purpose."""

    def __init__(self, message: str, *args: object) -> None:
        super().__init__(message, *args)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UserError(ErpError):
    """Something the user can fix."""


class ValidationError(UserError):
    """A value breaks a rule; `field` names the offending field when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def invalid_field(field: str, model: str, *, path: str | None = None, leaf: object = None) -> ValidationError:
    """The error of a field name ``model`` does not have (or the user may not see), worded as Odoo's
    (clients match on it); ``path`` is the export path it was met in, ``leaf`` the domain leaf."""
    if path is not None:
        message = _("Invalid field %(field)r on model %(model)r (export path %(path)r)", field=field,
                    model=model, path=path)
    elif leaf is not None:
        message = _("Invalid field %(model)s.%(field)s in leaf %(leaf)s", model=model, field=field,
                    leaf=repr(leaf))
    else:
        message = _("Invalid field %(field)r on model %(model)r", field=field, model=model)
    return ValidationError(message, field=field)


class MissingError(UserError):
    """The record does not exist or has been deleted."""


class AccessError(ErpError):
    """The current user may not perform the operation."""


class AccessDenied(ErpError):
    """Wrong login or password."""

    def __init__(self, message: str = "Access Denied") -> None:
        super().__init__(message)


class ConcurrencyError(UserError):
    """The record was changed by someone else since it was read."""


class MetadataError(ErpError):
    """An invalid model, view or data definition; names file, line and reason."""

    def __init__(self, file: str | None, line: int | None, reason: str) -> None:
        self.file, self.line, self.reason = file, line, reason
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(f"{where}{reason}")


class PrivateOverrideError(MetadataError):
    """An addon's hook class defines a method named as a private method of the core record API that
    is not one of its documented override points (``core.records.override_points``)."""


class AddonError(UserError):
    """A missing addon, a dependency cycle, or a refused install/uninstall."""


class SchemaError(UserError):
    """A schema change that was refused (destructive without permission)."""
