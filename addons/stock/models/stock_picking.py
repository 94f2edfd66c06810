"""Transfers: numbered by their operation type, confirmed, reserved (``action_assign``), validated
(``button_validate``) with a backorder for what is left, or cancelled. The state follows the moves."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from addons.stock.models.stock_move import missing_message
from addons.stock.models.stock_quant import round_qty
from core import _, clock, model, public
from core.exceptions import UserError

LOCATION_FIELDS = ("location_id", "location_dest_id")


@model("stock.picking")
class StockPicking:
    def _compute_state(self) -> None:
        for picking in self:
            states = set(picking.move_ids.mapped("state"))
            if not states or "draft" in states:
                picking.state = "cancel" if picking.state == "cancel" and not states else "draft"
            elif states == {"cancel"}:
                picking.state = "cancel"
            elif states <= {"done", "cancel"}:
                picking.state = "done"
            else:
                open_states = states - {"done", "cancel"}
                if open_states & {"assigned", "partially_available"}:
                    picking.state = "assigned"
                elif "waiting" in open_states:
                    picking.state = "waiting"
                else:
                    picking.state = "confirmed"

    # -- create and write ------------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        """Transfers numbered by their operation type's sequence (WH/OUT/00001), with its default
        locations unless given. The numbers of a batch are taken once per operation type."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list) and all(isinstance(v, dict) for v in items):
            wanted = {v.get("picking_type_id") for v in items if isinstance(v.get("picking_type_id"), int)}
            types = {t.id: t for t in self.env["stock.picking.type"].browse(sorted(wanted)).exists()}
            unnamed: dict[int, list[dict]] = {}
            for vals in items:
                ptype = types.get(vals.get("picking_type_id"))
                if not ptype:
                    continue
                vals.setdefault("location_id", ptype._default_source(vals.get("partner_id")).id)
                vals.setdefault("location_dest_id", ptype._default_destination(vals.get("partner_id")).id)
                if not vals.get("name") or vals["name"] == "/":
                    unnamed.setdefault(ptype.id, []).append(vals)
                vals.setdefault("company_id", ptype.company_id.id)
            for type_id, named in unnamed.items():
                sequence = types[type_id].sudo().sequence_id
                names = sequence.next_many_by_id(len(named)) if sequence else ["/"] * len(named)
                for vals, name in zip(named, names, strict=True):
                    vals["name"] = name
        return super().create(vals_list)

    def write(self, vals: dict[str, Any]) -> bool:
        # the form's scanner field: a barcode saved with the form counts one more unit, then empties
        scanned = vals.get("barcode_scan")
        if "barcode_scan" in vals:
            vals = {**vals, "barcode_scan": False}
        result = super().write(vals)
        if scanned:
            for picking in self:
                picking.on_barcode_scanned(scanned)
        moved = {name: vals[name] for name in LOCATION_FIELDS + ("partner_id",) if name in vals}
        if moved:
            open_moves = self.mapped("move_ids").filtered(lambda m: m.state not in ("done", "cancel"))
            if open_moves:
                if set(moved) & set(LOCATION_FIELDS):
                    open_moves._do_unreserve()
                open_moves.write(moved)
        return result

    def unlink(self) -> bool:
        done = self.filtered(lambda p: p.state == "done")
        if done:
            raise UserError(
                _("Done transfers cannot be deleted: %(names)s.", names=", ".join(done.mapped("name")))
            )
        self.mapped("move_ids")._do_unreserve()
        return super().unlink()

    # -- actions ---------------------------------------------------------------------------
    @public
    def action_confirm(self) -> bool:
        """Mark draft transfers as to do: their moves wait for stock, or are ready when they need none."""
        empty = self.filtered(lambda p: p.state == "draft" and not p.move_ids)
        if empty:
            raise UserError(
                _(
                    "Add a product to %(names)s before marking it as to do.",
                    names=", ".join(empty.mapped("name")),
                )
            )
        with self.env.holding_recompute():  # the transfers' states once, after all their moves
            self.mapped("move_ids").filtered(lambda m: m.state == "draft")._action_confirm()
        return True

    @public
    def action_assign(self) -> bool:
        """Check availability: reserve what the source locations hold for the moves. Refused, saying
        what is missing, when nothing at all could be reserved for a transfer that needs stock."""
        with self.env.holding_recompute():  # the transfers' states once, after all their moves
            self.filtered(lambda p: p.state == "draft").action_confirm()
            done = self.filtered(lambda p: p.state in ("done", "cancel"))
            if done:
                raise UserError(
                    _(
                        "%(names)s is done or cancelled: there is nothing to reserve.",
                        names=", ".join(done.mapped("name")),
                    )
                )
            missing = self.mapped("move_ids")._action_assign()
            if missing and not self.env.context.get("assign_quietly"):
                by_picking = {}
                for item in missing:
                    by_picking.setdefault(item["move"].picking_id, []).append(item)
                nothing = [
                    picking
                    for picking, items in by_picking.items()
                    if not any(m.reserved_quantity for m in picking.move_ids if m._needs_reservation())
                ]
                if nothing:
                    raise UserError(
                        _(
                            "Not available for %(picking)s: %(details)s.",
                            picking=nothing[0].name,
                            details=missing_message(by_picking[nothing[0]]),
                        )
                    )
        return True

    @public
    def do_unreserve(self) -> bool:
        """Give back the reserved stock."""
        moves = self.mapped("move_ids").filtered(lambda m: m.state not in ("done", "cancel", "draft"))
        with self.env.holding_recompute():
            moves._do_unreserve()
            moves.filtered(lambda m: m._needs_reservation()).write({"quantity": 0.0, "state": "confirmed"})
        return True

    @public
    def action_cancel(self) -> bool:
        """Cancel the transfers and give back what they reserved."""
        done = self.filtered(lambda p: p.state == "done")
        if done:
            raise UserError(
                _("Done transfers cannot be cancelled: %(names)s.", names=", ".join(done.mapped("name")))
            )
        with self.env.holding_recompute():
            self.mapped("move_ids").filtered(lambda m: m.state != "cancel")._action_cancel()
            self.filtered(lambda p: not p.move_ids).write({"state": "cancel"})
        return True

    @public
    def action_set_quantities_to_reservation(self) -> bool:
        """Set every open move's quantity to its whole demand (what "picking everything" means)."""
        for move in self.mapped("move_ids").filtered(lambda m: m.state not in ("done", "cancel")):
            move.write({"quantity": move.product_uom_qty, "picked": True})
        return True

    @public
    def button_validate(self) -> Any:
        """Validate the transfers: move the moves' quantities. When some demand is left, answer the
        backorder dialog (``stock.backorder.confirmation``) instead, unless told to skip it."""
        self.filtered(lambda p: p.state == "draft").action_confirm()
        wrong = self.filtered(lambda p: p.state in ("done", "cancel"))
        if wrong:
            raise UserError(
                _("%(names)s is already done or cancelled.", names=", ".join(wrong.mapped("name")))
            )
        for picking in self:
            moves = picking.move_ids.filtered(lambda m: m.state != "cancel")
            if not any(round_qty(m.quantity) > 0 for m in moves):
                raise UserError(
                    _(
                        "You cannot validate %(picking)s: no quantity is reserved or set. "
                        "Check availability or set the quantities first.",
                        picking=picking.name,
                    )
                )
        if not self.env.context.get("skip_backorder"):
            short = self.filtered(lambda p: p._has_remaining())
            if short:
                return short._action_backorder_wizard()
        self._action_done(cancel_backorder=bool(self.env.context.get("cancel_backorder")))
        return True

    @public
    def action_open_returns(self) -> dict[str, Any]:
        """The return dialog of a done transfer, its lines filled with what can still go back."""
        self.ensure_one()
        wizard = self.env["stock.return.picking"].create({"picking_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Reverse Transfer"),
            "res_model": "stock.return.picking",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
        }

    def _has_remaining(self) -> bool:
        return any(
            round_qty(m.quantity) < round_qty(m.product_uom_qty)
            for m in self.move_ids
            if m.state not in ("done", "cancel")
        )

    def _action_backorder_wizard(self) -> dict[str, Any]:
        wizard = self.env["stock.backorder.confirmation"].create({"pick_ids": [(6, 0, self.ids)]})
        return {
            "type": "ir.actions.act_window",
            "name": _("Create Backorder?"),
            "res_model": "stock.backorder.confirmation",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": {"default_pick_ids": [(6, 0, self.ids)], "button_validate_picking_ids": self.ids},
        }

    def _action_done(self, cancel_backorder: bool = False) -> bool:
        """Split what is left of each move into a backorder (or cancel it), then move the rest."""
        for picking in self:
            remainders = []
            for move in picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
                left = round_qty(move.product_uom_qty - move.quantity)
                if left <= 0:
                    continue
                if move.quantity <= 0:
                    remainders.append((move, None))
                    continue
                move.write({"product_uom_qty": move.quantity})
                remainders.append(
                    (
                        move,
                        move.copy_data(
                            {
                                "product_uom_qty": left,
                                "quantity": 0.0,
                                "backorder_of_id": move.id,
                                "state": "draft",
                                "picked": False,
                            }
                        )[0],
                    )
                )
            if remainders and cancel_backorder:
                moves = self.env["stock.move"]
                for move, vals in remainders:
                    moves |= (
                        move
                        if vals is None
                        else self.env["stock.move"].create({**vals, "picking_id": picking.id})
                    )
                moves._action_cancel()
            elif remainders:
                picking._create_backorder(remainders)
            picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))._action_done()
            picking.write({"date_done": clock.utcnow()})
        return True

    def _create_backorder(self, remainders: list[tuple[Any, dict | None]]) -> Any:
        backorder = self.copy({"name": "/", "move_ids": [], "backorder_id": self.id, "date_done": False})
        whole = self.env["stock.move"]
        for move, _vals in remainders:
            if _vals is None:
                whole |= move
        whole._do_unreserve()
        whole.write({"picking_id": backorder.id, "quantity": 0.0, "state": "draft"})
        split = [{**vals, "picking_id": backorder.id} for _move, vals in remainders if vals is not None]
        if split:
            self.env["stock.move"].create(split)
        backorder.action_confirm()
        backorder.with_context(assign_quietly=True).action_assign()
        if hasattr(self, "message_post"):
            self.message_post(body=Markup(_("The backorder %(name)s has been created.", name=backorder.name)))
        return backorder

    # -- barcode ---------------------------------------------------------------------------
    @public
    def on_barcode_scanned(self, barcode: str) -> bool:
        """Count one more unit of the product with ``barcode`` on the transfer: its move's quantity
        goes up by one (a new move when the product is not in the transfer yet)."""
        self.ensure_one()
        code = (barcode or "").strip()
        if not code:
            raise UserError(_("Scan or type a barcode first."))
        if self.state in ("done", "cancel"):
            raise UserError(
                _(
                    "%(picking)s is %(state)s: nothing can be scanned into it.",
                    picking=self.name,
                    state=self._fields["state"].labels().get(self.state, self.state),
                )
            )
        product = self.env["product.product"].search([("barcode", "=", code)], limit=1)
        if not product:
            raise UserError(_("No product has the barcode %(barcode)s.", barcode=code))
        move = self.move_ids.filtered(
            lambda m: m.product_id == product and m.state not in ("done", "cancel")
        )[:1]
        if move:
            move.write({"quantity": round_qty(move.quantity + 1), "picked": True})
        else:
            self.env["stock.move"].create(
                {
                    "picking_id": self.id,
                    "product_id": product.id,
                    "product_uom_qty": 1.0,
                    "quantity": 1.0,
                    "picked": True,
                }
            )
        return True
