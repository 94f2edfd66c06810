"""Quants: the stock of a product in an internal location. Every change of quantity or reservation
goes through ``_lock_quants`` first, which holds the rows (``SELECT ... FOR UPDATE`` on PostgreSQL;
SQLite serialises writers) so that two transactions never hand out the same unit."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import _, clock, model, public
from core.exceptions import AccessError, UserError
from core.numbers import float_round

ROUNDING = 0.001  # the precision of stock quantities (digits 16, 3)
QUANT_LOCATIONS = ("internal", "transit")


def round_qty(value: float) -> float:
    return float_round(value, ROUNDING)


@model("stock.quant")
class StockQuant:
    def _compute_available_quantity(self) -> None:
        for quant in self:
            quant.available_quantity = round_qty(quant.quantity - quant.reserved_quantity)

    def _compute_inventory_diff_quantity(self) -> None:
        for quant in self:
            quant.inventory_diff_quantity = (
                round_qty(quant.inventory_quantity - quant.quantity) if quant.inventory_quantity_set else 0.0
            )

    def _compute_display_name(self) -> None:
        for quant in self:
            quant.display_name = f"{quant.location_id.complete_name} - {quant.product_id.display_name}"

    # -- locking ---------------------------------------------------------------------------
    def _lock_quants(self, product_ids: list[int], location_ids: list[int]) -> dict[tuple[int, int], dict]:
        """The current rows of the quants of ``product_ids`` in ``location_ids``, held until the
        transaction ends: ``{(product_id, location_id): {"id", "quantity", "reserved_quantity", "in_date"}}``.
        Pending writes are flushed first and the rows read from the database, never from the cache."""
        if not product_ids or not location_ids:
            return {}
        self.env.flush()
        table = self._table
        statement = (
            sa.select(
                table.c.id,
                table.c.product_id,
                table.c.location_id,
                table.c.quantity,
                table.c.reserved_quantity,
                table.c.in_date,
            )
            .where(table.c.product_id.in_(sorted(set(product_ids))))
            .where(table.c.location_id.in_(sorted(set(location_ids))))
            .where(table.c.lot_id.is_(None))  # lot quants: _lock_lot_quants (stock_quant_lot.py)
            .order_by(table.c.id)  # one order for everyone: no deadlock between two reservers
        )
        if self.env.cr.dialect == "postgresql":
            statement = statement.with_for_update()
        rows = {}
        for row in self.env.cr.execute(statement):
            rows[(row.product_id, row.location_id)] = {
                "id": row.id,
                "quantity": float(row.quantity or 0.0),
                "reserved_quantity": float(row.reserved_quantity or 0.0),
                "in_date": row.in_date,
            }
        if rows:
            fields = [self._fields[name] for name in ("quantity", "reserved_quantity", "available_quantity")]
            self.env.cache.invalidate(fields, [row["id"] for row in rows.values()])
        return rows

    def _internal_locations(self, location: Any) -> Any:
        """The locations under ``location`` (itself included) that hold quants."""
        return self.env["stock.location"].search(
            [("id", "child_of", location.ids), ("usage", "in", list(QUANT_LOCATIONS))]
        )

    def _apply_changes(self, rows: dict[tuple[int, int], dict], changes: dict[tuple[int, int], dict]) -> None:
        """Write the new ``quantity``/``reserved_quantity`` of locked quants, creating missing ones."""
        to_create = []
        for key, values in changes.items():
            row = rows.get(key)
            if row and row.get("id"):
                self.browse(row["id"]).write(values)
            else:
                to_create.append(
                    {
                        "product_id": key[0],
                        "location_id": key[1],
                        "in_date": clock.utcnow(),
                        "quantity": 0.0,
                        "reserved_quantity": 0.0,
                        **values,
                    }
                )
        if to_create:
            self.create(to_create)

    # -- inventory mode --------------------------------------------------------------------
    def _check_stock_fields(self, vals: dict[str, Any]) -> None:
        """On-hand and reserved quantities change through moves only (never typed in)."""
        if not self.env.su and set(vals) & {"quantity", "reserved_quantity"}:
            raise AccessError(
                _(
                    "Quantities in stock change through transfers and inventory adjustments: "
                    "set a counted quantity and apply it instead."
                )
            )

    def create(self, vals_list: Any) -> Any:
        """Quants are created by moves; in inventory mode, one with a counted quantity for a
        product and location that already have a quant sets that quant's count instead."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        for vals in items if isinstance(items, list) else ():
            if isinstance(vals, dict):
                self._check_stock_fields(vals)
        if not self.env.context.get("inventory_mode") or not isinstance(items, list):
            return super().create(vals_list)
        result = self.browse()
        for vals in items:
            if "inventory_quantity" in vals:
                vals["inventory_quantity_set"] = True
            existing = self.search(
                [
                    ("product_id", "=", vals.get("product_id")),
                    ("location_id", "=", vals.get("location_id")),
                    ("lot_id", "=", vals.get("lot_id") or False),
                ],
                limit=1,
            )
            if existing:
                existing.write(
                    {
                        key: value
                        for key, value in vals.items()
                        if key
                        in ("inventory_quantity", "inventory_quantity_set", "user_id", "inventory_date")
                    }
                )
                result |= existing
            else:
                location = self.env["stock.location"].browse(vals.get("location_id"))
                if location.usage not in QUANT_LOCATIONS:
                    raise UserError(
                        _(
                            "Stock is counted in internal locations only; %(location)s is not one.",
                            location=location.complete_name or vals.get("location_id"),
                        )
                    )
                result |= super().create([{**vals, "quantity": 0.0, "reserved_quantity": 0.0}])
        return result

    def write(self, vals: dict[str, Any]) -> bool:
        self._check_stock_fields(vals)
        if "inventory_quantity" in vals and "inventory_quantity_set" not in vals:
            vals = {**vals, "inventory_quantity_set": True}
        return super().write(vals)

    @public
    def action_set_inventory_quantity_to_zero(self) -> bool:
        """Forget the counted quantities."""
        self.write({"inventory_quantity": 0.0, "inventory_quantity_set": False})
        return True

    @public
    def action_apply_inventory(self) -> bool:
        """Apply the counted quantities: a done move from or to the inventory loss location for each
        difference, so the stock becomes what was counted."""
        if not (self.env.su or self.env.user.has_group("stock.group_stock_manager")):
            raise AccessError(_("Only inventory administrators can apply counted quantities."))
        counted = self.filtered("inventory_quantity_set")
        if not counted:
            raise UserError(_("Set a counted quantity on the lines to apply first."))
        loss = self.env.ref("stock.stock_location_inventory")
        moves_vals = []
        for quant in counted:
            diff = round_qty(quant.inventory_quantity - quant.quantity)
            if not diff:
                continue
            source, dest = (loss, quant.location_id) if diff > 0 else (quant.location_id, loss)
            moves_vals.append(
                {
                    "name": _("Product Quantity Updated"),
                    "product_id": quant.product_id.id,
                    "product_uom": quant.product_id.uom_id.id,
                    "product_uom_qty": abs(diff),
                    "quantity": abs(diff),
                    "picked": True,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "company_id": quant.company_id.id or self.env.company.id,
                    "origin": _("Inventory Adjustment"),
                    **quant._inventory_lot_line(source, dest, abs(diff)),
                }
            )
        if moves_vals:
            moves = self.env["stock.move"].with_context(inventory_mode=False).create(moves_vals)
            moves._action_done(inventory=True)
        counted.write(
            {"inventory_quantity": 0.0, "inventory_quantity_set": False, "inventory_date": clock.today()}
        )
        return True
