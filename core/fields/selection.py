"""Selection fields: a static list of (value, label), extendable by other addons."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.fields.base import Field, field_type
from core.i18n import translate

if TYPE_CHECKING:
    from core.records.recordset import BaseModel


@field_type("selection")
class Selection(Field):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.selection: list[tuple[str, str]] = [tuple(item) for item in self.attrs.get("selection") or ()]
        self.values = {value for value, _label in self.selection}

    def sql_type(self) -> sa.types.TypeEngine:
        # no length: values added by other addons must not change the column type
        return sa.String()

    def labels(self) -> dict[str, str]:
        return {value: translate(label) for value, label in self.selection}

    def convert_to_cache(self, value: Any, record: BaseModel) -> Any:
        if value is None or value is False or value == "":
            return None
        if value not in self.values:
            choices = ", ".join(repr(v) for v, _l in self.selection)
            raise self.error("Value %(value)r is not a valid choice for field %(field)s; expected one of: "
                             "%(choices)s.", value=value, choices=choices)
        return value

    def convert_to_search(self, value: Any, record: BaseModel) -> Any:
        # a value that is no option simply matches nothing
        if value is None or value is False or value == "":
            return None
        return value if isinstance(value, str) else str(value)
