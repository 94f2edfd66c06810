"""Transfers of tracked products: validating checks the lots of every unit before anything moves."""

from __future__ import annotations

from typing import Any

from core import model, public


@model("stock.picking")
class StockPickingLot:
    @public
    def button_validate(self) -> Any:
        moves = self.mapped("move_ids").filtered(lambda m: m.state not in ("draft", "done", "cancel"))
        moves._check_lot_lines()
        return super().button_validate()
