"""Quants of products tracked by lots or serial numbers: one per product, location and lot, locked
the same way as the others (``_lock_quants``) so two transactions never hand out the same unit."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import _, clock, model
from core.exceptions import UserError

LotKey = tuple[int, int, int]  # product, location, lot


@model("stock.quant")
class StockQuantLot:
    def _compute_display_name(self) -> None:
        super()._compute_display_name()
        for quant in self.filtered("lot_id"):
            quant.display_name = f"{quant.display_name} ({quant.lot_id.name})"

    def _lock_lot_quants(self, product_ids: list[int], location_ids: list[int]) -> dict[LotKey, dict]:
        """The current rows of the lot quants of ``product_ids`` in ``location_ids``, held until the
        transaction ends: ``{(product, location, lot): {"id", "quantity", "reserved_quantity", "lot_order"}}``
        where ``lot_order`` sorts the lots first created first (FIFO)."""
        if not product_ids or not location_ids:
            return {}
        self.env.flush()
        table, lots = self._table, self.env["stock.lot"]._table
        statement = (
            sa.select(
                table.c.id,
                table.c.product_id,
                table.c.location_id,
                table.c.lot_id,
                table.c.quantity,
                table.c.reserved_quantity,
                lots.c.create_date,
            )
            .join(lots, lots.c.id == table.c.lot_id)
            .where(table.c.product_id.in_(sorted(set(product_ids))))
            .where(table.c.location_id.in_(sorted(set(location_ids))))
            .order_by(table.c.id)  # one order for everyone: no deadlock between two reservers
        )
        if self.env.cr.dialect == "postgresql":
            statement = statement.with_for_update(of=table)
        rows: dict[LotKey, dict] = {}
        for row in self.env.cr.execute(statement):
            rows[(row.product_id, row.location_id, row.lot_id)] = {
                "id": row.id,
                "quantity": float(row.quantity or 0.0),
                "reserved_quantity": float(row.reserved_quantity or 0.0),
                "lot_order": (str(row.create_date or ""), row.lot_id),
            }
        if rows:
            fields = [self._fields[name] for name in ("quantity", "reserved_quantity", "available_quantity")]
            self.env.cache.invalidate(fields, [row["id"] for row in rows.values()])
        return rows

    def _apply_lot_changes(self, rows: dict[LotKey, dict], changes: dict[LotKey, dict]) -> None:
        """Write the new quantities of locked lot quants, creating missing ones."""
        to_create = []
        for (product, location, lot), values in changes.items():
            row = rows.get((product, location, lot))
            if row and row.get("id"):
                self.browse(row["id"]).write(values)
            else:
                to_create.append(
                    {
                        "product_id": product,
                        "location_id": location,
                        "lot_id": lot,
                        "in_date": clock.utcnow(),
                        "quantity": 0.0,
                        "reserved_quantity": 0.0,
                        **values,
                    }
                )
        if to_create:
            self.create(to_create)

    def create(self, vals_list: Any) -> Any:
        """A count of a tracked product names its lot (in inventory mode)."""
        if self.env.context.get("inventory_mode"):
            items = [vals_list] if isinstance(vals_list, dict) else vals_list
            for vals in items if isinstance(items, list) else ():
                if isinstance(vals, dict) and not vals.get("lot_id"):
                    product = self.env["product.product"].browse(vals.get("product_id") or [])
                    if product and product._is_lot_tracked():
                        raise UserError(
                            _(
                                "%(product)s is tracked by lots or serial numbers: set the lot/serial "
                                "number of the counted quantity.",
                                product=product.display_name,
                            )
                        )
        return super().create(vals_list)

    def _inventory_lot_line(self, source: Any, dest: Any, quantity: float) -> dict[str, Any]:
        """The move line of an inventory move of a lot quant (nothing for a quant without lot)."""
        if not self.lot_id:
            return {}
        line = {
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "location_id": source.id,
            "location_dest_id": dest.id,
            "quantity": quantity,
        }
        return {"move_line_ids": [(0, 0, line)]}
