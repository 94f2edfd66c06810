"""Moves of products tracked by lots or serial numbers. Their move lines name the lot of every unit:
reserved on the lot's quant when the move takes stock from an internal location (first the lots
created first), typed in when it is received. The untracked moves keep the path of stock_move.py."""

from __future__ import annotations

from typing import Any

from addons.stock.models.stock_move import OPEN_STATES
from addons.stock.models.stock_quant import QUANT_LOCATIONS, round_qty
from core import _, clock, model
from core.exceptions import UserError


@model("stock.move")
class StockMoveLots:
    def _is_lot_tracked(self) -> bool:
        return self.product_id._is_lot_tracked()

    def _compute_lot_ids(self) -> None:
        for move in self:
            move.lot_ids = move.move_line_ids.mapped("lot_id")

    def _compute_reserved_quantity(self) -> None:
        tracked = self.filtered(lambda m: m._is_lot_tracked())
        super(StockMoveLots, self - tracked)._compute_reserved_quantity()
        for move in tracked:  # the lines of a done move, or of a receipt, are a record, not a reservation
            lines = move.move_line_ids.filtered(lambda line: line._is_reservation())
            move.reserved_quantity = round_qty(sum(lines.mapped("quantity")))

    # -- reserve ---------------------------------------------------------------------------
    def _action_assign(self) -> list[dict[str, Any]]:
        tracked = self.filtered(
            lambda m: m.state in OPEN_STATES
            and m.state != "assigned"
            and m._is_lot_tracked()
            and m._needs_reservation()
        )
        missing = super(StockMoveLots, self - tracked)._action_assign()
        return missing + tracked._assign_lots() if tracked else missing

    def _assign_lots(self) -> list[dict[str, Any]]:
        """Reserve the free quantity of the lots under each move's source location, the lots created
        first first, one line per lot (per unit for serial numbers). Returns what is missing."""
        Quant = self.env["stock.quant"].sudo()
        sources = self._reservation_sources()
        rows = Quant._lock_lot_quants(
            self.mapped("product_id").ids, sorted({i for ids in sources.values() for i in ids})
        )
        self._invalidate_reservations()
        ordered = sorted(rows.items(), key=lambda item: (item[1]["lot_order"], item[1]["id"]))
        lines, missing = [], []
        for move in self:
            need = round_qty(move.product_qty - move.reserved_quantity)
            taken = 0.0
            allowed = sources[(move.location_id.id, move.company_id.id)]
            candidates = [(k, r) for k, r in ordered if k[0] == move.product_id.id and k[1] in allowed]
            for (product_id, location_id, lot_id), row in candidates:
                free = round_qty(row["quantity"] - row["reserved_quantity"])
                if need <= 0 or free <= 0:
                    continue
                take = min(need, free)
                row["reserved_quantity"] = round_qty(row["reserved_quantity"] + take)
                lines.append(
                    {
                        "move_id": move.id,
                        "product_id": product_id,
                        "location_id": location_id,
                        "location_dest_id": move.location_dest_id.id,
                        "lot_id": lot_id,
                        "quantity": take,
                    }
                )
                need, taken = round_qty(need - take), round_qty(taken + take)
            if need > 0:
                available = sum(max(0.0, r["quantity"] - r["reserved_quantity"]) for _k, r in candidates)
                missing.append({"move": move, "missing": need, "available": round_qty(available + taken)})
        if lines:  # creating them holds the stock on the quants and updates the moves
            self.env["stock.move.line"].sudo().create(lines)
        return missing

    def _do_unreserve(self) -> None:
        tracked = self.filtered(lambda m: m._is_lot_tracked())
        super(StockMoveLots, self - tracked)._do_unreserve()
        lines = tracked.sudo().mapped("move_line_ids").filtered(lambda line: line._is_reservation())
        lines.unlink()  # gives back what they hold

    def _sync_lot_quantity(self) -> None:
        """An open tracked move moves what its lines say (as Odoo 17); one taking stock is available
        as far as its lines hold it."""
        for move in self.filtered(lambda m: m.state not in ("done", "cancel") and m._is_lot_tracked()):
            total = round_qty(sum(move.move_line_ids.mapped("quantity")))
            vals: dict[str, Any] = {"quantity": move._from_product_uom(total)}
            if move._needs_reservation() and move.state != "draft":
                full = total >= round_qty(move.product_qty)
                vals["state"] = "assigned" if full else ("partially_available" if total > 0 else "confirmed")
            if any(move[name] != value for name, value in vals.items()):
                move.write(vals)

    # -- done ------------------------------------------------------------------------------
    def _action_done(self, inventory: bool = False) -> Any:
        tracked = self.filtered(lambda m: m.state not in ("done", "cancel") and m._is_lot_tracked())
        tracked._check_lot_lines()  # before anything moves
        done = super(StockMoveLots, self - tracked)._action_done(inventory=inventory)
        return done | tracked._done_lots() if tracked else done

    def _done_lots(self) -> Any:
        """Move every line's quantity from its lot's quant in the source to the lot's quant in the
        destination; lots typed in on receipts are created. The lines stay: the lot's history."""
        empty = self.filtered(lambda m: m.quantity <= 0)
        empty._action_cancel()
        moves = self - empty
        if not moves:
            return moves
        moves._create_typed_lots()
        lines = moves.sudo().mapped("move_line_ids")
        locations = [
            loc.id
            for loc in lines.mapped("location_id") | lines.mapped("location_dest_id")
            if loc.usage in QUANT_LOCATIONS
        ]
        Quant = self.env["stock.quant"].sudo()
        rows = Quant._lock_lot_quants(moves.mapped("product_id").ids, locations)
        changes: dict[tuple[int, int, int], dict] = {}
        for line in lines:
            qty, lot = line.quantity, line.lot_id.id
            if line.location_id.usage in QUANT_LOCATIONS:
                key = (line.product_id.id, line.location_id.id, lot)
                row = rows.setdefault(key, {"id": None, "quantity": 0.0, "reserved_quantity": 0.0})
                if round_qty(row["quantity"] - qty) < 0 and not line.move_id.company_id.stock_allow_negative:
                    raise UserError(
                        _(
                            "Not enough %(product)s of lot %(lot)s in %(location)s to move %(quantity)s "
                            "%(uom)s (%(available)s there). Choose another lot or receive more.",
                            product=line.product_id.display_name,
                            lot=line.lot_id.name,
                            location=line.location_id.complete_name,
                            quantity=f"{qty:g}",
                            uom=line.product_id.uom_id.name,
                            available=f"{row['quantity']:g}",
                        )
                    )
                row["quantity"] = round_qty(row["quantity"] - qty)
                row["reserved_quantity"] = max(0.0, round_qty(row["reserved_quantity"] - qty))
                changes.setdefault(key, {}).update(
                    quantity=row["quantity"], reserved_quantity=row["reserved_quantity"]
                )
            if line.location_dest_id.usage in QUANT_LOCATIONS:
                key = (line.product_id.id, line.location_dest_id.id, lot)
                row = rows.setdefault(key, {"id": None, "quantity": 0.0, "reserved_quantity": 0.0})
                row["quantity"] = round_qty(row["quantity"] + qty)
                changes.setdefault(key, {})["quantity"] = row["quantity"]
        Quant._apply_lot_changes(rows, changes)
        moves.write({"state": "done", "picked": True, "date": clock.utcnow()})
        return moves

    def _create_typed_lots(self) -> None:
        """Lines of receipts carry the number typed in (``lot_name``): find or create that lot."""
        Lot = self.env["stock.lot"].sudo()
        lines = self.sudo().mapped("move_line_ids").filtered(lambda ln: not ln.lot_id)
        if not lines:
            return

        def key(line: Any) -> tuple[str, int, int]:
            return ((line.lot_name or "").strip(), line.product_id.id, line.move_id.company_id.id)

        wanted = {key(line) for line in lines}
        found = Lot.search(
            [
                ("name", "in", sorted({name for name, _p, _c in wanted})),
                ("product_id", "in", sorted({product for _n, product, _c in wanted})),
            ]
        )
        lots = {(lot.name, lot.product_id.id, lot.company_id.id): lot.id for lot in found}
        missing = sorted(wanted - set(lots))
        created = Lot.create([{"name": n, "product_id": p, "company_id": c} for n, p, c in missing])
        lots.update(zip(missing, created.ids))
        by_lot: dict[int, list[int]] = {}
        for line in lines:
            by_lot.setdefault(lots[key(line)], []).append(line.id)
        for lot_id, ids in by_lot.items():
            lines.browse(ids).write({"lot_id": lot_id})
