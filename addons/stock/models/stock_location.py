"""Locations: full names along the tree, and no location inside itself."""

from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import ValidationError


@model("stock.location")
class StockLocation:
    def _compute_complete_name(self) -> None:
        for location in self:
            parent = location.location_id
            if parent and location.usage != "view":
                location.complete_name = f"{parent.complete_name}/{location.name}"
            elif parent:
                location.complete_name = (
                    f"{parent.complete_name}/{location.name}" if parent.location_id else location.name
                )
            else:
                location.complete_name = location.name

    def write(self, vals: dict[str, Any]) -> bool:
        parent_id = vals.get("location_id")
        if parent_id and parent_id in self.search([("id", "child_of", self.ids)]).ids:
            raise ValidationError(
                _("A location cannot be inside itself, directly or through other locations."),
                field="location_id",
            )
        if "usage" in vals:
            stocked = (
                self.env["stock.quant"]
                .sudo()
                .search_count([("location_id", "in", self.ids), ("quantity", "!=", 0)])
            )
            if stocked and vals["usage"] not in ("internal", "transit"):
                raise ValidationError(
                    _("A location holding stock must stay internal or transit; move its stock first."),
                    field="usage",
                )
        return super().write(vals)
