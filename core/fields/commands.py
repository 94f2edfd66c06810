"""Odoo's x2many command tuples: validation and normalisation."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError

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
    raise ValidationError(f"Invalid id {value!r} in the value of field {field.label()}", field=field.name)


def normalize_commands(field: Field, value: Any) -> list[tuple[Any, ...]]:
    """A list of command tuples for any accepted x2many value (ids, records, commands, False)."""
    if value is None or value is False:
        return [(CLEAR,)]
    if hasattr(value, "_ids"):
        return [(SET, 0, list(value._ids))]
    if not isinstance(value, (list, tuple)):
        raise ValidationError(f"Invalid value for field {field.label()}: expected a list of commands or ids",
                              field=field.name)
    if all(not isinstance(item, (list, tuple)) for item in value):
        return [(SET, 0, [_record_id(field, item) for item in value])]
    commands: list[tuple[Any, ...]] = []
    for item in value:
        if not isinstance(item, (list, tuple)) or not item or item[0] not in ARITY:
            raise ValidationError(f"Invalid command {item!r} for field {field.label()}: expected (0, 0, values), "
                                  "(1, id, values), (2, id), (3, id), (4, id), (5,) or (6, 0, ids)",
                                  field=field.name)
        code = item[0]
        if len(item) < ARITY[code] and not (code == CLEAR) and not (code in (DELETE, UNLINK, LINK) and len(item) >= 2):
            raise ValidationError(f"Invalid command {item!r} for field {field.label()}: too few elements",
                                  field=field.name)
        if code == CREATE:
            if not isinstance(item[2], dict):
                raise ValidationError(f"Invalid command {item!r} for field {field.label()}: values must be a dict",
                                      field=field.name)
            commands.append((CREATE, 0, item[2]))
        elif code == UPDATE:
            if not isinstance(item[2], dict):
                raise ValidationError(f"Invalid command {item!r} for field {field.label()}: values must be a dict",
                                      field=field.name)
            commands.append((UPDATE, _record_id(field, item[1]), item[2]))
        elif code in (DELETE, UNLINK, LINK):
            commands.append((code, _record_id(field, item[1])))
        elif code == CLEAR:
            commands.append((CLEAR,))
        else:
            ids = item[2]
            if hasattr(ids, "_ids"):
                ids = list(ids._ids)
            if not isinstance(ids, (list, tuple)):
                raise ValidationError(f"Invalid command {item!r} for field {field.label()}: expected a list of ids",
                                      field=field.name)
            commands.append((SET, 0, [_record_id(field, i) for i in ids]))
    return commands
