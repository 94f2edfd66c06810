"""Stock moves: confirmed, then reserved on quants (``action_assign``), then done (validated), or
cancelled. Quantities on quants and move lines are in the product's unit; ``product_uom_qty`` and
``quantity`` of a move are in the move's unit."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from addons.stock.models.stock_quant import QUANT_LOCATIONS, round_qty
from core import _, clock, model
from core.exceptions import UserError

OPEN_STATES = ("waiting", "confirmed", "partially_available", "assigned")


def _by_id(model: Any, ids: list[Any]) -> dict[int, Any]:
    """The records of the plain ids among ``ids``, browsed together (they prefetch as one batch)."""
    wanted = list(dict.fromkeys(i for i in ids if isinstance(i, int) and not isinstance(i, bool) and i))
    return {record.id: record for record in model.browse(wanted)}


def _lookup(found: dict[int, Any], model: Any, value: Any) -> Any:
    if isinstance(value, int) and value in found:
        return found[value]
    return model.browse(value or [])


@model("stock.move")
class StockMove:
    def _compute_product_qty(self) -> None:
        for move in self:
            move.product_qty = move._to_product_uom(move.product_uom_qty)

    def _compute_reserved_quantity(self) -> None:
        for move in self:
            move.reserved_quantity = round_qty(sum(move.move_line_ids.mapped("quantity")))

    def _compute_display_name(self) -> None:
        for move in self:
            move.display_name = " - ".join(filter(None, [move.reference, move.product_id.display_name]))

    def _to_product_uom(self, qty: float) -> float:
        if not self.product_uom or self.product_uom == self.product_id.uom_id:
            return round_qty(qty)
        return round_qty(self.product_uom._compute_quantity(qty, self.product_id.uom_id, round=False))

    def _from_product_uom(self, qty: float) -> float:
        if not self.product_uom or self.product_uom == self.product_id.uom_id:
            return round_qty(qty)
        return round_qty(self.product_id.uom_id._compute_quantity(qty, self.product_uom, round=False))

    def _is_storable(self) -> bool:
        return self.product_id.type == "product"

    # -- create ----------------------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        """Moves take their unit and description from the product, and their locations, type,
        partner, origin, date and company from their transfer, unless given."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list) and all(isinstance(v, dict) for v in items):
            # one recordset per model: their records' fields are read for the whole batch at once
            products = _by_id(self.env["product.product"], [v.get("product_id") for v in items])
            pickings = _by_id(self.env["stock.picking"], [v.get("picking_id") for v in items])
            Product, Picking = self.env["product.product"], self.env["stock.picking"]
            for vals in items:
                product = _lookup(products, Product, vals.get("product_id"))
                if product:
                    if product.type == "service":
                        raise UserError(
                            _(
                                "%(product)s is a service: services are not moved in stock.",
                                product=product.display_name,
                            )
                        )
                    vals.setdefault("product_uom", product.uom_id.id)
                    vals.setdefault("name", product.display_name)
                picking = _lookup(pickings, Picking, vals.get("picking_id"))
                if picking:
                    vals.setdefault("location_id", picking.location_id.id)
                    vals.setdefault("location_dest_id", picking.location_dest_id.id)
                    vals.setdefault("picking_type_id", picking.picking_type_id.id)
                    vals.setdefault("partner_id", picking.partner_id.id)
                    vals.setdefault("origin", picking.origin or False)
                    vals.setdefault("date", picking.scheduled_date)
                    vals.setdefault("company_id", picking.company_id.id)
                    if picking.state not in ("draft", "cancel", "done") and "state" not in vals:
                        vals["state"] = "draft"  # confirmed below with the transfer's other moves
        moves = super().create(vals_list)
        started = moves.filtered(
            lambda m: m.state == "draft" and m.picking_id.state not in ("draft", "done", "cancel")
        )
        if started:
            started._action_confirm()
        return moves

    def write(self, vals: dict[str, Any]) -> bool:
        if set(vals) & {"product_id", "product_uom", "location_id", "location_dest_id"}:
            done = self.filtered(lambda m: m.state == "done")
            if done:
                raise UserError(
                    _(
                        "The move %(move)s is done: its product, unit and locations cannot change.",
                        move=done[:1].display_name,
                    )
                )
        if "quantity" in vals:
            done = self.filtered(lambda m: m.state in ("done", "cancel"))
            if done and any(round_qty(float(vals["quantity"] or 0)) != m.quantity for m in done):
                raise UserError(
                    _(
                        "The move %(move)s is %(state)s: its quantity cannot change.",
                        move=done[:1].display_name,
                        state=done[:1].state,
                    )
                )
        return super().write(vals)

    def unlink(self) -> bool:
        done = self.filtered(lambda m: m.state == "done")
        if done:
            raise UserError(_("Done stock moves cannot be deleted (%(move)s).", move=done[:1].display_name))
        self._do_unreserve()
        return super().unlink()

    # -- confirm and reserve ---------------------------------------------------------------
    def _action_confirm(self) -> Any:
        """New moves wait for stock; those that need none (consumables, goods coming from outside
        the warehouses) are ready at once, with their whole demand as quantity."""
        moves = self.filtered(lambda m: m.state == "draft")
        moves.write({"state": "confirmed"})
        moves.filtered(lambda m: not m._needs_reservation())._assign_whole()
        return moves

    def _assign_whole(self) -> None:
        """Moves that need no reservation: ready with their whole demand (one write per demand)."""
        by_demand: dict[float, list[int]] = defaultdict(list)
        for move in self:
            by_demand[move.product_uom_qty].append(move.id)
        for demand, ids in by_demand.items():
            self.browse(ids).write({"quantity": demand, "state": "assigned"})

    def _needs_reservation(self) -> bool:
        return self._is_storable() and self.location_id.usage in QUANT_LOCATIONS

    def _action_assign(self) -> list[dict[str, Any]]:
        """Reserve what the quants under each move's source location can give, locking them first.
        Returns what is missing: ``[{"move", "missing", "available"}]`` (product's unit)."""
        moves = self.filtered(lambda m: m.state in OPEN_STATES)
        moves.filtered(lambda m: not m._needs_reservation() and m.state != "assigned")._assign_whole()
        moves = moves.filtered(lambda m: m._needs_reservation() and m.state != "assigned")
        if not moves:
            return []
        Quant = self.env["stock.quant"].sudo()
        sources = moves._reservation_sources()
        rows = Quant._lock_quants(
            moves.mapped("product_id").ids, sorted({i for ids in sources.values() for i in ids})
        )
        moves._invalidate_reservations()
        ordered = sorted(rows.items(), key=lambda item: (str(item[1]["in_date"] or ""), item[1]["id"]))
        changes: dict[tuple[int, int], dict] = {}
        lines, missing = [], []
        updates: dict[tuple[float, str], list[int]] = defaultdict(list)  # one write per distinct value
        by_product: dict[int, list[tuple[tuple[int, int], dict]]] = defaultdict(list)
        for key, row in ordered:
            by_product[key[0]].append((key, row))
        for move in moves:
            held = round_qty(move.reserved_quantity)
            need = round_qty(move.product_qty - held)
            taken = 0.0
            product_id, source = move.product_id.id, (move.location_id.id, move.company_id.id)
            candidates = [(k, r) for k, r in by_product[product_id] if k[1] in sources[source]]
            for key, row in candidates:
                if need <= 0:
                    break
                free = round_qty(row["quantity"] - row["reserved_quantity"])
                if free <= 0:
                    continue
                take = min(need, free)
                row["reserved_quantity"] = round_qty(row["reserved_quantity"] + take)
                changes[key] = {"reserved_quantity": row["reserved_quantity"]}
                lines.append(
                    {
                        "move_id": move.id,
                        "product_id": product_id,
                        "location_id": key[1],
                        "location_dest_id": move.location_dest_id.id,
                        "quantity": take,
                    }
                )
                need, taken = round_qty(need - take), round_qty(taken + take)
            if need > 0:
                available = sum(max(0.0, r["quantity"] - r["reserved_quantity"]) for _k, r in candidates)
                missing.append({"move": move, "missing": need, "available": round_qty(available + taken)})
            reserved = round_qty(held + taken)
            state = "assigned" if need <= 0 else ("partially_available" if reserved > 0 else "confirmed")
            quantity = round_qty(move.quantity + move._from_product_uom(taken)) if taken else move.quantity
            if taken or move.state != state:
                updates[(quantity, state)].append(move.id)
        Quant._apply_changes(rows, changes)
        if lines:
            self.env["stock.move.line"].sudo().create(lines)
        for (quantity, state), ids in updates.items():
            self.browse(ids).write({"quantity": quantity, "state": state})
        return missing

    def _reservation_sources(self) -> dict[tuple[int, int], set[int]]:
        """(source location, company) of the moves → the locations under it holding stock of that
        company (or of none): a reservation never takes another company's stock."""
        Quant = self.env["stock.quant"].sudo()
        sources: dict[tuple[int, int], set[int]] = {}
        for location, company in {(m.location_id, m.company_id) for m in self}:
            sources[(location.id, company.id)] = {
                loc.id
                for loc in Quant._internal_locations(location)
                if not loc.company_id or loc.company_id == company
            }
        return sources

    def _invalidate_reservations(self) -> None:
        """Forget cached reservations of the moves (another transaction may have changed them)."""
        fields = [self._fields["reserved_quantity"], self._fields["move_line_ids"]]
        self.env.cache.invalidate(fields, self.ids)

    def _do_unreserve(self) -> None:
        """Give back what the moves hold on quants."""
        lines = self.sudo().mapped("move_line_ids")
        if not lines:
            return
        Quant = self.env["stock.quant"].sudo()
        rows = Quant._lock_quants(lines.mapped("product_id").ids, lines.mapped("location_id").ids)
        changes = {}
        for line in lines:
            key = (line.product_id.id, line.location_id.id)
            if key in rows:
                rows[key]["reserved_quantity"] = max(
                    0.0, round_qty(rows[key]["reserved_quantity"] - line.quantity)
                )
                changes[key] = {"reserved_quantity": rows[key]["reserved_quantity"]}
        Quant._apply_changes(rows, changes)
        lines.unlink()

    def _action_cancel(self) -> None:
        done = self.filtered(lambda m: m.state == "done")
        if done:
            raise UserError(
                _("The move %(move)s is done and cannot be cancelled.", move=done[:1].display_name)
            )
        moves = self.filtered(lambda m: m.state != "cancel")
        moves._do_unreserve()
        moves.write({"state": "cancel", "quantity": 0.0})

    # -- done ------------------------------------------------------------------------------
    def _action_done(self, inventory: bool = False) -> Any:
        """Move each move's ``quantity`` from its source to its destination: quants of internal
        locations lose and gain it. Refused, naming the product and the location, when a source does
        not have it, unless the company allows negative stock."""
        moves = self.filtered(lambda m: m.state not in ("done", "cancel"))
        empty = moves.filtered(lambda m: m.quantity <= 0)
        empty._action_cancel()
        moves -= empty
        if not moves:
            return moves
        storable = moves.filtered(lambda m: m._is_storable())
        Quant = self.env["stock.quant"].sudo()
        sources = {
            loc.id: Quant._internal_locations(loc).ids
            for loc in storable.mapped("location_id")
            if loc.usage in QUANT_LOCATIONS
        }
        dests = [loc.id for loc in storable.mapped("location_dest_id") if loc.usage in QUANT_LOCATIONS]
        reserved_lines = storable.sudo().mapped("move_line_ids")
        rows = Quant._lock_quants(
            storable.mapped("product_id").ids,
            sorted({i for ids in sources.values() for i in ids} | set(dests)),
        )
        changes: dict[tuple[int, int], dict] = {}
        for line in reserved_lines:  # the moves' own reservations are theirs to take
            key = (line.product_id.id, line.location_id.id)
            if key in rows:
                rows[key]["reserved_quantity"] = max(
                    0.0, round_qty(rows[key]["reserved_quantity"] - line.quantity)
                )
                changes.setdefault(key, {})["reserved_quantity"] = rows[key]["reserved_quantity"]
        for move in storable:
            qty = move._to_product_uom(move.quantity)
            product = move.product_id.id
            if move.location_id.id in sources:
                own = [ln.location_id.id for ln in move.move_line_ids]
                candidates = own + [loc for loc in sources[move.location_id.id] if loc not in own]
                candidates.sort(key=lambda loc: (loc not in own, rows.get((product, loc), {}).get("id") or 0))
                need = qty
                for loc in candidates:
                    row = rows.get((product, loc))
                    if not row or need <= 0:
                        continue
                    take = min(need, max(0.0, round_qty(row["quantity"] - row["reserved_quantity"])))
                    if take > 0:
                        row["quantity"] = round_qty(row["quantity"] - take)
                        changes.setdefault((product, loc), {})["quantity"] = row["quantity"]
                        need = round_qty(need - take)
                if need > 0:
                    move._check_negative(need, rows, sources[move.location_id.id])
                    key = (product, move.location_id.id)
                    row = rows.setdefault(key, {"id": None, "quantity": 0.0, "reserved_quantity": 0.0})
                    row["quantity"] = round_qty(row["quantity"] - need)
                    changes.setdefault(key, {})["quantity"] = row["quantity"]
            if move.location_dest_id.usage in QUANT_LOCATIONS:
                key = (product, move.location_dest_id.id)
                row = rows.setdefault(key, {"id": None, "quantity": 0.0, "reserved_quantity": 0.0})
                row["quantity"] = round_qty(row["quantity"] + qty)
                changes.setdefault(key, {})["quantity"] = row["quantity"]
        Quant._apply_changes(rows, changes)
        reserved_lines.unlink()
        moves.write({"state": "done", "picked": True, "date": clock.utcnow()})
        return moves

    def _check_negative(self, missing: float, rows: dict, location_ids: list[int]) -> None:
        if self.company_id.stock_allow_negative:
            return
        product = self.product_id
        available = sum(
            max(0.0, row["quantity"] - row["reserved_quantity"])
            for (prod, loc), row in rows.items()
            if prod == product.id and loc in location_ids
        )
        raise UserError(
            _(
                "Not enough %(product)s in %(location)s to move %(quantity)s %(uom)s: %(missing)s %(uom)s "
                "missing (%(available)s available and not reserved by other transfers). Receive more, "
                "lower the quantity, or allow negative stock in the settings.",
                product=product.display_name,
                location=self.location_id.complete_name,
                quantity=f"{self._to_product_uom(self.quantity):g}",
                uom=product.uom_id.name,
                missing=f"{missing:g}",
                available=f"{round_qty(available):g}",
            )
        )


def missing_message(missing: list[dict[str, Any]]) -> str:
    """One line per move that could not be reserved: product, location, needed and available."""
    grouped: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for item in missing:
        grouped[(item["move"].product_id.id, item["move"].location_id.id)].append(item)
    parts = []
    for items in grouped.values():
        move = items[0]["move"]
        parts.append(
            _(
                "%(product)s: %(missing)s %(uom)s missing in %(location)s (%(available)s available)",
                product=move.product_id.display_name,
                missing=f"{sum(i['missing'] for i in items):g}",
                uom=move.product_id.uom_id.name,
                location=move.location_id.complete_name,
                available=f"{items[0]['available']:g}",
            )
        )
    return "; ".join(parts)
