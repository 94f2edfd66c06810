"""Move lines of tracked products, as the user sees them in a transfer's Detailed Operations: added
for a product of the transfer, given a lot (an existing one, or a number typed in on a receipt), a
quantity and a location. A line taking stock holds it on its lot's quant, so changing its lot or
quantity moves the reservation, refused (saying what is there) when the lot does not have it."""

from __future__ import annotations

from typing import Any

from addons.stock.models.stock_quant import QUANT_LOCATIONS, round_qty
from core import _, model
from core.exceptions import UserError

RESERVING = frozenset({"lot_id", "lot_name", "quantity", "location_id", "product_id"})


@model("stock.move.line")
class StockMoveLineLot:
    def _is_reservation(self) -> bool:
        """A line of an open tracked move that takes stock from an internal location holds it."""
        move = self.move_id
        return (
            move._is_lot_tracked()
            and move.state not in ("done", "cancel")
            and self.location_id.usage in QUANT_LOCATIONS
        )

    def create(self, vals_list: Any) -> Any:
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list):
            for vals in items:
                if isinstance(vals, dict):
                    self._prepare_line(vals)
        lines = super().create(vals_list)
        tracked = lines.filtered(lambda line: line.move_id._is_lot_tracked())
        if tracked:
            tracked._check_lot()
            tracked.filtered(lambda line: line._is_reservation())._hold(1)
            tracked.mapped("move_id")._sync_lot_quantity()
        return lines

    def write(self, vals: dict[str, Any]) -> bool:
        if not RESERVING & set(vals):
            return super().write(vals)
        done = self.filtered(lambda line: line.move_id.state == "done")
        if done:
            raise UserError(
                _(
                    "%(product)s: the lines of done transfers cannot change (%(picking)s).",
                    product=done[:1].product_id.display_name,
                    picking=done[:1].reference or "",
                )
            )
        untracked = self.filtered(
            lambda ln: not ln.move_id._is_lot_tracked() and ln.location_id.usage in QUANT_LOCATIONS
        )
        if untracked:
            raise UserError(
                _(
                    "%(product)s is not tracked by lots: its reservation changes through Check "
                    "Availability and Unreserve, or the quantity of its operation.",
                    product=untracked[:1].product_id.display_name,
                )
            )
        if vals.get("lot_name") and not vals.get("lot_id"):
            for line in self:  # each line finds the lot of its own product
                line_vals = {**vals}
                self._resolve_lot_name(line_vals, line.product_id, line.move_id)
                self._write_tracked(line, line_vals)
            return True
        self._write_tracked(self, vals)
        return True

    def _write_tracked(self, lines: Any, vals: dict[str, Any]) -> None:
        held = lines.filtered(lambda line: line._is_reservation())
        held._hold(-1)
        super(StockMoveLineLot, lines).write(vals)
        lines._check_lot()
        lines.filtered(lambda line: line._is_reservation())._hold(1)
        lines.mapped("move_id")._sync_lot_quantity()

    def unlink(self) -> bool:
        tracked = self.filtered(lambda line: line.move_id._is_lot_tracked())
        done = tracked.filtered(lambda line: line.move_id.state == "done")
        if done:
            raise UserError(
                _(
                    "%(product)s: the lines of done transfers are the history of their lots and cannot "
                    "be deleted (%(picking)s).",
                    product=done[:1].product_id.display_name,
                    picking=done[:1].reference or "",
                )
            )
        tracked.filtered(lambda line: line._is_reservation())._hold(-1)
        moves = tracked.mapped("move_id")
        result = super().unlink()
        moves.exists()._sync_lot_quantity()
        return result

    # -- helpers -----------------------------------------------------------------------------
    def _prepare_line(self, vals: dict[str, Any]) -> None:
        """A line added in a transfer's Detailed Operations finds its move (the transfer's operation
        of that product), its locations and, from a typed number, an existing lot."""
        Move = self.env["stock.move"]
        move = Move.browse(vals.get("move_id") or [])
        picking = self.env["stock.picking"].browse(vals.pop("picking_id", None) or [])
        if not move and picking:
            product_id = vals.get("product_id")
            move = picking.move_ids.filtered(
                lambda m: m.product_id.id == product_id and m.state not in ("done", "cancel")
            )[:1]
            if not move:
                product = self.env["product.product"].browse(product_id or [])
                raise UserError(
                    _(
                        "%(product)s is not among the operations of %(picking)s: add it on the "
                        "Operations tab first.",
                        product=product.display_name or _("A line without product"),
                        picking=picking.name,
                    )
                )
            if not move._is_lot_tracked():  # untracked stock is reserved by Check Availability only
                raise UserError(
                    _(
                        "%(product)s is not tracked by lots or serial numbers: set its quantity on the "
                        "Operations tab of %(picking)s instead.",
                        product=move.product_id.display_name,
                        picking=picking.name,
                    )
                )
            vals["move_id"] = move.id
        if not move:
            return
        vals.setdefault("product_id", move.product_id.id)
        vals.setdefault("location_dest_id", move.location_dest_id.id)
        if not move._is_lot_tracked():
            vals.setdefault("location_id", move.location_id.id)
            return
        if vals.get("lot_name") and not vals.get("lot_id"):
            self._resolve_lot_name(vals, move.product_id, move)
        if not vals.get("location_id"):
            vals["location_id"] = self._lot_location(move, vals.get("lot_id")).id

    def _resolve_lot_name(self, vals: dict[str, Any], product: Any, move: Any) -> None:
        """A typed number names an existing lot of the product; taking stock needs one."""
        name = (vals.get("lot_name") or "").strip()
        lot = self.env["stock.lot"].sudo().search(
            [("name", "=", name), ("product_id", "=", product.id), ("company_id", "=", move.company_id.id)],
            limit=1,
        )
        if lot:
            vals["lot_id"] = lot.id
        elif move.location_id.usage in QUANT_LOCATIONS:
            raise UserError(
                _("%(product)s has no lot/serial number %(lot)s.", product=product.display_name, lot=name)
            )

    def _lot_location(self, move: Any, lot_id: int | None) -> Any:
        """Where under the move's source the lot has the most free stock (the source itself if none)."""
        if not lot_id or move.location_id.usage not in QUANT_LOCATIONS:
            return move.location_id
        quants = self.env["stock.quant"].sudo().search(
            [
                ("lot_id", "=", lot_id),
                ("product_id", "=", move.product_id.id),
                ("location_id", "child_of", move.location_id.id),
                ("location_id.usage", "in", list(QUANT_LOCATIONS)),
            ]
        )
        best = max(quants, key=lambda q: (q.quantity - q.reserved_quantity, -q.id), default=None)
        return best.location_id if best else move.location_id

    def _check_lot(self) -> None:
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise UserError(
                    _(
                        "The lot/serial number %(lot)s is of %(other)s, not of %(product)s.",
                        lot=line.lot_id.name,
                        other=line.lot_id.product_id.display_name,
                        product=line.product_id.display_name,
                    )
                )
            if line._is_reservation() and not line.lot_id:
                raise UserError(
                    _(
                        "%(product)s leaves %(location)s: choose the lot/serial number to take.",
                        product=line.product_id.display_name,
                        location=line.location_id.complete_name,
                    )
                )

    def _hold(self, sign: int) -> None:
        """Hold (1) or give back (-1) the lines' quantities on their lots' quants, locked first."""
        if not self:
            return
        Quant = self.env["stock.quant"].sudo()
        rows = Quant._lock_lot_quants(self.mapped("product_id").ids, self.mapped("location_id").ids)
        changes: dict[tuple[int, int, int], dict] = {}
        for line in self:
            key = (line.product_id.id, line.location_id.id, line.lot_id.id)
            row = rows.get(key) or {"id": None, "quantity": 0.0, "reserved_quantity": 0.0}
            if sign > 0:
                free = round_qty(row["quantity"] - row["reserved_quantity"])
                if round_qty(line.quantity) > free:
                    raise UserError(
                        _(
                            "Only %(free)s %(uom)s of %(product)s, lot %(lot)s, are free in %(location)s "
                            "(%(quantity)s asked). Choose another lot or a smaller quantity.",
                            free=f"{max(free, 0.0):g}",
                            uom=line.product_id.uom_id.name,
                            product=line.product_id.display_name,
                            lot=line.lot_id.name,
                            location=line.location_id.complete_name,
                            quantity=f"{line.quantity:g}",
                        )
                    )
            reserved = max(0.0, round_qty(row["reserved_quantity"] + sign * line.quantity))
            row["reserved_quantity"] = reserved
            rows[key] = row
            if row["id"]:
                changes[key] = {"reserved_quantity": reserved}
        Quant._apply_lot_changes(rows, changes)
