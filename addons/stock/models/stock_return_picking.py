"""Returns: a done transfer's products sent back (a delivery's goods received back into stock), at
most what each move moved minus what earlier returns took. The return is a transfer of the opposite
operation type, linked move by move (``origin_returned_move_id``)."""

from __future__ import annotations

from typing import Any

from addons.stock.models.stock_quant import round_qty
from core import _, model, public
from core.exceptions import UserError

OPPOSITE = {"outgoing": "in_type_id", "incoming": "out_type_id", "internal": "int_type_id"}


def returnable_quantity(move: Any) -> float:
    """What ``move`` moved and no return (done or on its way) has taken back yet, in its unit."""
    if move.state != "done":
        return 0.0
    taken = sum(
        m.quantity if m.state == "done" else m.product_uom_qty
        for m in move.returned_move_ids
        if m.state != "cancel"
    )
    return max(0.0, round_qty(move.quantity - taken))


@model("stock.return.picking")
class StockReturnPicking:
    def _check_returnable(self, picking: Any) -> None:
        if picking.state != "done":
            raise UserError(
                _("%(picking)s is not done: only done transfers can be returned.", picking=picking.name)
            )

    def _line_values(self, picking: Any) -> list[tuple]:
        return [
            (0, 0, {"move_id": move.id, "quantity": returnable_quantity(move)})
            for move in picking.move_ids
            if move.state == "done" and returnable_quantity(move) > 0
        ]

    def create(self, vals_list: Any) -> Any:
        """A return of a done transfer, its lines filled with what can still go back unless given."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list) and all(isinstance(v, dict) for v in items):
            for vals in items:
                picking = self.env["stock.picking"].browse(vals.get("picking_id") or []).exists()
                if not picking:
                    continue
                self._check_returnable(picking)
                vals.setdefault("location_id", picking.location_id.id)
                if "product_return_moves" not in vals:
                    vals["product_return_moves"] = self._line_values(picking)
        return super().create(vals_list)

    def _return_type(self) -> Any:
        ptype = self.picking_id.picking_type_id
        if ptype.return_picking_type_id:
            return ptype.return_picking_type_id
        field = OPPOSITE.get(ptype.code, "int_type_id")
        return getattr(ptype.warehouse_id, field) or ptype

    def _prepare_picking_default_values(self) -> dict[str, Any]:
        """The return transfer: the opposite operation, from where the goods went back to ``location_id``."""
        picking = self.picking_id
        return {
            "picking_type_id": self._return_type().id,
            "partner_id": picking.partner_id.id,
            "origin": _("Return of %(picking)s", picking=picking.name),
            "location_id": picking.location_dest_id.id,
            "location_dest_id": self.location_id.id or picking.location_id.id,
            "company_id": picking.company_id.id,
            "return_id": picking.id,
        }

    def _prepare_move_default_values(self, line: Any, new_picking: Any) -> dict[str, Any]:
        move = line.move_id
        return {
            "product_id": move.product_id.id,
            "product_uom_qty": line.quantity,
            "product_uom": move.product_uom.id,
            "name": move.name,
            "picking_id": new_picking.id,
            "origin_returned_move_id": move.id,
        }

    def _checked_lines(self) -> Any:
        """The lines with something to return; refused, naming the product, above what may go back."""
        self.ensure_one()
        self._check_returnable(self.picking_id)
        lines = self.product_return_moves.filtered(lambda line: round_qty(line.quantity) > 0)
        for line in self.product_return_moves:
            if line.quantity < 0:
                raise UserError(
                    _("The quantity to return of %(product)s cannot be negative.",
                      product=line.move_id.product_id.display_name)
                )
            if line.move_id.picking_id != self.picking_id:
                raise UserError(_("Every line of a return must come from the transfer being returned."))
            allowed = returnable_quantity(line.move_id)
            if round_qty(line.quantity) > allowed:
                raise UserError(
                    _(
                        "You can return at most %(allowed)s %(uom)s of %(product)s "
                        "(moved and not returned yet).",
                        allowed=f"{allowed:g}",
                        uom=line.move_id.product_uom.name,
                        product=line.move_id.product_id.display_name,
                    )
                )
        if not lines:
            raise UserError(_("Set a quantity to return on at least one product."))
        return lines

    def _create_returns(self) -> Any:
        """The return transfer, confirmed and reserved; its moves linked to those they return."""
        lines = self._checked_lines()
        new_picking = self.env["stock.picking"].create(self._prepare_picking_default_values())
        moves = [self._prepare_move_default_values(line, new_picking) for line in lines]
        self.env["stock.move"].create(moves)
        new_picking.action_confirm()
        new_picking.with_context(assign_quietly=True).action_assign()
        if hasattr(self.picking_id, "message_post"):
            self.picking_id.message_post(
                body=_("Return %(name)s created.", name=new_picking.name)
            )
        return new_picking

    @public
    def action_create_returns(self) -> dict[str, Any]:
        """Create the return transfer and open it."""
        new_picking = self._create_returns()
        return {
            "type": "ir.actions.act_window",
            "name": _("Returned Picking"),
            "res_model": "stock.picking",
            "res_id": new_picking.id,
            "view_mode": "form",
            "views": [[False, "form"]],
        }
