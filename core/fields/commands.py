"""Odoo's x2many command tuples: validation and normalisation."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError
from core.i18n import _

if TYPE_CHECKING:
    from core.fields.base import Field

CREATE, UPDATE, DELETE, UNLINK, LINK, CLEAR, SET = range(7)
ARITY = {CREATE: 3, UPDATE: 3, DELETE: 2, UNLINK: 2, LINK: 2, CLEAR: 1, SET: 3}


def _record_id(field: Field, value: Any) -> Any:
    if hasattr(value, "_ids"):
        return value.id
    if isinstance(value, int) and not isinstance(value, bool) or getattr(value, "is_new_id", False):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise ValidationError(
        _("Invalid id %(value)r in the value of field %(field)s", value=value, field=field.label()),
        field=field.name,
    )


def _invalid(field: Field, item: Any, reason: str) -> ValidationError:
    return ValidationError(_("Invalid command %(command)r for field %(field)s: %(reason)s", command=item,
                             field=field.label(), reason=reason), field=field.name)


def normalize_commands(field: Field, value: Any) -> list[tuple[Any, ...]]:
    """A list of command tuples for any accepted x2many value (ids, records, commands, False)."""
    if value is None or value is False:
        return [(CLEAR,)]
    if hasattr(value, "_ids"):
        return [(SET, 0, list(value._ids))]
    if not isinstance(value, (list, tuple)):
        raise ValidationError(_("Invalid value for field %(field)s: expected a list of commands or ids",
                                field=field.label()), field=field.name)
    if all(not isinstance(item, (list, tuple)) for item in value):
        return [(SET, 0, [_record_id(field, item) for item in value])]
    return [_command(field, item) for item in value]


def _command(field: Field, item: Any) -> tuple[Any, ...]:
    if not isinstance(item, (list, tuple)) or not item or item[0] not in ARITY:
        raise _invalid(
            field,
            item,
            _("expected (0, 0, values), (1, id, values), (2, id), (3, id), (4, id), (5,) or (6, 0, ids)"),
        )
    code = item[0]
    needed = 2 if code in (DELETE, UNLINK, LINK) else ARITY[code]
    if len(item) < needed:
        raise _invalid(field, item, _("too few elements"))
    if code in (CREATE, UPDATE):
        if not isinstance(item[2], dict):
            raise _invalid(field, item, _("values must be a dictionary"))
        return (CREATE, 0, item[2]) if code == CREATE else (UPDATE, _record_id(field, item[1]), item[2])
    if code in (DELETE, UNLINK, LINK):
        return (code, _record_id(field, item[1]))
    if code == CLEAR:
        return (CLEAR,)
    ids = item[2]
    if hasattr(ids, "_ids"):
        ids = list(ids._ids)
    if not isinstance(ids, (list, tuple)):
        raise _invalid(field, item, _("expected a list of ids"))
    return (SET, 0, [_record_id(field, i) for i in ids])
