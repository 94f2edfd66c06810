"""A move stays inside its company: its source and destination, when they belong to a company, belong
to the move's, so no transfer takes or puts another company's stock."""

from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import UserError

CHECKED = frozenset({"location_id", "location_dest_id", "company_id"})


@model("stock.move")
class StockMoveCompany:
    def create(self, vals_list: Any) -> Any:
        moves = super().create(vals_list)
        moves._check_location_companies()
        return moves

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if CHECKED & set(vals):
            self._check_location_companies()
        return result

    def _check_location_companies(self) -> None:
        for move in self.sudo():
            for location in (move.location_id, move.location_dest_id):
                if location.company_id and location.company_id != move.company_id:
                    raise UserError(
                        _(
                            "The location %(location)s belongs to %(other)s: a move of %(company)s "
                            "(%(product)s) cannot use it.",
                            location=location.display_name,
                            other=location.company_id.name,
                            company=move.company_id.name,
                            product=move.product_id.display_name,
                        )
                    )
