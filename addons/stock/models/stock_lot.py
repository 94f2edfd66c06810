"""Lots and serial numbers: what a lot holds now, where it is and how it moved; and the tracking of
products, which cannot change while the product has stock or open moves (their lots would not match)."""

from __future__ import annotations

from typing import Any

from addons.stock.models.stock_quant import QUANT_LOCATIONS, round_qty
from core import _, model, public
from core.exceptions import UserError

TRACKED = ("lot", "serial")


@model("stock.lot")
class StockLot:
    def _compute_product_qty(self) -> None:
        quants = self.env["stock.quant"].sudo().search(
            [("lot_id", "in", self.ids), ("location_id.usage", "in", list(QUANT_LOCATIONS))]
        )
        totals: dict[int, float] = {}
        for quant in quants:
            totals[quant.lot_id.id] = totals.get(quant.lot_id.id, 0.0) + quant.quantity
        for lot in self:
            lot.product_qty = round_qty(totals.get(lot.id, 0.0))

    def _compute_display_name(self) -> None:
        for lot in self:
            lot.display_name = lot.name or ""

    def create(self, vals_list: Any) -> Any:
        lots = super().create(vals_list)
        lots._check_tracked_product()
        return lots

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if "product_id" in vals:
            self._check_tracked_product()
        return result

    def _check_tracked_product(self) -> None:
        for lot in self:
            if lot.product_id.tracking not in TRACKED:
                raise UserError(
                    _(
                        "%(product)s is not tracked by lots or serial numbers: the lot %(lot)s cannot "
                        "be given to it. Set its tracking on the product form first.",
                        product=lot.product_id.display_name,
                        lot=lot.name,
                    )
                )

    @public
    def action_lot_open_quants(self) -> dict[str, Any]:
        """Where the lot is: its quants in internal locations."""
        action = self.env.ref("stock.dashboard_open_quants")
        return {
            "type": "ir.actions.act_window",
            "id": action.id,
            "name": _("Location"),
            "res_model": "stock.quant",
            "view_mode": action.view_mode,
            "domain": [("lot_id", "in", self.ids), ("location_id.usage", "in", list(QUANT_LOCATIONS))],
        }

    @public
    def action_lot_open_moves(self) -> dict[str, Any]:
        """Traceability: every done move line of the lot, newest first."""
        action = self.env.ref("stock.stock_move_line_action")
        return {
            "type": "ir.actions.act_window",
            "id": action.id,
            "name": _("Traceability"),
            "res_model": "stock.move.line",
            "view_mode": action.view_mode,
            "domain": [("lot_id", "in", self.ids)],
        }


@model("product.template")
class ProductTemplateTracking:
    def write(self, vals: dict[str, Any]) -> bool:
        if "tracking" in vals:
            changed = self.filtered(lambda t: t.tracking != vals["tracking"])
            changed.mapped("product_variant_ids")._check_tracking_change()
        return super().write(vals)


@model("product.product")
class ProductProductTracking:
    def _check_tracking_change(self) -> None:
        """Refused, naming the product, while it has stock, reservations or open moves."""
        if not self:
            return
        Quant, Move = self.env["stock.quant"].sudo(), self.env["stock.move"].sudo()
        busy = Quant.search(
            ["|", ("quantity", "!=", 0), ("reserved_quantity", "!=", 0), ("product_id", "in", self.ids)],
            limit=1,
        ).product_id or Move.search(
            [("product_id", "in", self.ids), ("state", "not in", ("draft", "done", "cancel"))], limit=1
        ).product_id
        if busy:
            raise UserError(
                _(
                    "The tracking of %(product)s cannot change while it has stock or open transfers: "
                    "deliver or count it to zero and finish its transfers first.",
                    product=busy.display_name,
                )
            )

    def _is_lot_tracked(self) -> bool:
        """Storable and tracked by lots or serial numbers: its moves need a lot for every unit."""
        return self.type == "product" and self.tracking in TRACKED
