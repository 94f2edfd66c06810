"""Service types: the answers a request of the type accepts."""

from __future__ import annotations

from typing import Any

from addons.czrm import attributes
from core import _, model
from core.exceptions import ValidationError


@model("czrm.service.type")
class CzrmServiceType:
    def _normalise_answers(self, values: Any) -> dict[str, Any]:
        """``values`` ({code: answer}) checked against the type's questions, normalised; a ValidationError
        naming the attribute otherwise."""
        self.ensure_one()
        if values in (None, False, ""):
            values = {}
        if not isinstance(values, dict):
            raise ValidationError(
                _("attribute_values must be an object of answers by attribute code."),
                field="attribute_values",
            )
        questions = self.attribute_ids
        choices = {a.code: set(a.value_ids.mapped("key")) for a in questions}
        try:
            return attributes.normalise(questions, values, choices)
        except attributes.AttributeError_ as error:
            raise ValidationError(str(error), field="attribute_values") from None
