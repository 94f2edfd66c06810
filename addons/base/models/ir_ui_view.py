"""Views written over the API are checked like an addon's: a view that would break a form for its
users is refused, and an Odoo XML arch is converted to our view definition."""
from __future__ import annotations

from typing import Any

from core import model
from core.addon.view_api import prepared_view_values


@model("ir.ui.view")
class IrUiView:
    def create(self, vals_list: Any) -> Any:
        if isinstance(vals_list, dict):
            return super().create(prepared_view_values(self.env, vals_list))
        return super().create([prepared_view_values(self.env, vals) if isinstance(vals, dict) else vals
                               for vals in vals_list])

    def write(self, vals: dict[str, Any]) -> bool:
        if not isinstance(vals, dict) or not self:
            return super().write(vals)
        for view in self:
            # each view is checked against its own model, type and parent
            super(IrUiView, view).write(prepared_view_values(self.env, vals, view))
        return True
