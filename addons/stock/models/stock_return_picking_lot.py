"""Returns of tracked products come back with the lots they left with: the return's lines take the
lots of the returned move, in order, up to the quantity returned (the user may change them)."""

from __future__ import annotations

from typing import Any

from addons.stock.models.stock_quant import round_qty
from core import model


@model("stock.return.picking")
class StockReturnPickingLot:
    def _create_returns(self) -> Any:
        new_picking = super()._create_returns()
        lines = []
        for move in new_picking.move_ids.filtered(lambda m: m._is_lot_tracked() and not m.move_line_ids):
            left = move._to_product_uom(move.product_uom_qty)
            for done in move.origin_returned_move_id.move_line_ids.filtered("lot_id"):
                if left <= 0:
                    break
                take = min(left, done.quantity)
                lines.append(
                    {
                        "move_id": move.id,
                        "product_id": move.product_id.id,
                        "lot_id": done.lot_id.id,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "quantity": take,
                    }
                )
                left = round_qty(left - take)
        if lines:
            self.env["stock.move.line"].create(lines)
        return new_picking
