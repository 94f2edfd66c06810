"""Selection fields: a static list of (value, label), extendable by other addons, or the options a model
method gives (Odoo's ``selection="_lang_get"``), asked again each time a value is checked or offered."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.fields.base import Field, field_type
from core.i18n import translate

if TYPE_CHECKING:
    from core.records.model_part import ModelPart


@field_type("selection")
class Selection(Field):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        declared = self.attrs.get("selection")
        # the name of a model method answering [(value, label), ...], or None for a static list
        self.selection_method: str | None = declared if isinstance(declared, str) else None
        self._static: list[tuple[str, str]] = [] if self.selection_method else [
            tuple(item) for item in declared or ()]
        self._static_values = {value for value, _label in self._static}
        self._last: list[tuple[str, str]] | None = None  # what the method answered last

    @property
    def selection(self) -> list[tuple[str, str]]:
        """The options, for callers without a model at hand (labels, imports, the back office); a method's
        options as it last answered them (asked on a connection of its own the first time)."""
        if self.selection_method is None:
            return self._static
        if self._last is None:
            self._last = self._options_apart()
        return self._last

    def options(self, model: ModelPart) -> list[tuple[str, str]]:
        """The options offered and accepted now, in ``model``'s transaction."""
        if self.selection_method is None:
            return self._static
        self._last = [(str(value), str(label)) for value, label in getattr(model, self.selection_method)()]
        return self._last

    def _options_apart(self) -> list[tuple[str, str]]:
        from core.records.environment import SUPERUSER_ID, Environment

        if self.model_class is None:
            return []
        with self.model_class._registry.cursor(readonly=True) as cr:
            return self.options(Environment(cr, SUPERUSER_ID, {})[self.model_name])

    def sql_type(self) -> sa.types.TypeEngine:
        # no length: values added by other addons must not change the column type
        return sa.String()

    def labels(self) -> dict[str, str]:
        return {value: translate(label) for value, label in self.selection}

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False or value == "":
            return None
        if self.selection_method is None and isinstance(value, str) and value in self._static_values:
            return value
        options = self.options(record)
        if all(value != key for key, _label in options):
            choices = ", ".join(repr(v) for v, _l in options)
            raise self.error("Value %(value)r is not a valid choice for field %(field)s; expected one of: "
                             "%(choices)s.", value=value, choices=choices)
        return value

    def convert_to_search(self, value: Any, record: ModelPart) -> Any:
        # a value that is no option simply matches nothing
        if value is None or value is False or value == "":
            return None
        return value if isinstance(value, str) else str(value)
