"""The backorder dialog: validate what was counted and keep the rest in a backorder (``process``),
or validate and cancel the rest (``process_cancel_backorder``)."""

from __future__ import annotations

from addons.stock.models.stock_quant import round_qty
from core import _, model, public
from core.exceptions import UserError


@model("stock.backorder.confirmation")
class StockBackorderConfirmation:
    def _compute_summary(self) -> None:
        for wizard in self:
            lines = []
            for move in wizard.pick_ids.mapped("move_ids"):
                left = round_qty(move.product_uom_qty - move.quantity)
                if move.state not in ("done", "cancel") and left > 0:
                    lines.append(
                        _(
                            "%(picking)s: %(product)s, %(left)s %(uom)s of %(demand)s left",
                            picking=move.picking_id.name,
                            product=move.product_id.display_name,
                            left=f"{left:g}",
                            uom=move.product_uom.name,
                            demand=f"{move.product_uom_qty:g}",
                        )
                    )
            wizard.summary = "\n".join(lines)

    def _pickings(self):
        self.ensure_one()
        if not self.pick_ids:
            raise UserError(_("The dialog has no transfer to validate: open it again from the transfer."))
        return self.pick_ids

    @public
    def process(self) -> bool:
        """Validate and create a backorder with what is left."""
        self._pickings().with_context(skip_backorder=True).button_validate()
        return True

    @public
    def process_cancel_backorder(self) -> bool:
        """Validate and cancel what is left (no backorder)."""
        self._pickings().with_context(skip_backorder=True, cancel_backorder=True).button_validate()
        return True
