"""Warehouses: a new one gets its locations (WH and WH/Stock) and its receipt, delivery and internal
operation types, each numbered by a sequence of its own (WH/IN/00001)."""

from __future__ import annotations

from typing import Any

from core import _, model

TYPES = (
    # code, name, sequence code, sequence
    ("incoming", "Receipts", "IN", 1),
    ("outgoing", "Delivery Orders", "OUT", 2),
    ("internal", "Internal Transfers", "INT", 3),
)


@model("stock.warehouse")
class StockWarehouse:
    def create(self, vals_list: Any) -> Any:
        warehouses = super().create(vals_list)
        for warehouse in warehouses:
            warehouse._create_locations_and_types()
        return warehouses

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if "code" in vals:
            for warehouse in self:
                warehouse.view_location_id.sudo().write({"name": warehouse.code})
        return result

    def _create_locations_and_types(self) -> None:
        Location = self.env["stock.location"].sudo()
        parent = self.env.ref("stock.stock_location_locations", raise_if_not_found=False)
        view = Location.create(
            {
                "name": self.code,
                "usage": "view",
                "location_id": parent.id if parent else False,
                "company_id": self.company_id.id,
                "warehouse_id": self.id,
            }
        )
        stock = Location.create(
            {
                "name": _("Stock"),
                "usage": "internal",
                "location_id": view.id,
                "company_id": self.company_id.id,
                "warehouse_id": self.id,
            }
        )
        customers = self.env.ref("stock.stock_location_customers", raise_if_not_found=False)
        suppliers = self.env.ref("stock.stock_location_suppliers", raise_if_not_found=False)
        Sequence, Type = self.env["ir.sequence"].sudo(), self.env["stock.picking.type"].sudo()
        created = {}
        for code, name, prefix, order in TYPES:
            sequence = Sequence.create(
                {
                    "name": f"{self.name} {name}",
                    "prefix": f"{self.code}/{prefix}/",
                    "padding": 5,
                    "company_id": self.company_id.id,
                    "code": f"stock.picking.{self.code.lower()}.{prefix.lower()}",
                }
            )
            created[code] = Type.create(
                {
                    "name": {"en_US": name, "es_ES": _SPANISH[name]},
                    "code": code,
                    "sequence": order,
                    "sequence_code": prefix,
                    "sequence_id": sequence.id,
                    "warehouse_id": self.id,
                    "company_id": self.company_id.id,
                    "default_location_src_id": stock.id
                    if code != "incoming"
                    else (suppliers.id if suppliers else False),
                    "default_location_dest_id": stock.id
                    if code != "outgoing"
                    else (customers.id if customers else False),
                }
            )
        self.sudo().write(
            {
                "view_location_id": view.id,
                "lot_stock_id": stock.id,
                "in_type_id": created["incoming"].id,
                "out_type_id": created["outgoing"].id,
                "int_type_id": created["internal"].id,
            }
        )


_SPANISH = {
    "Receipts": "Recepciones",
    "Delivery Orders": "Órdenes de entrega",
    "Internal Transfers": "Transferencias internas",
}
