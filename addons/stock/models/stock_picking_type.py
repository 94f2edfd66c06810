"""Operation types: their default locations, numbering, and how many of their transfers are ready,
waiting or late (one grouped count for all the types shown)."""

from __future__ import annotations

from typing import Any

from core import _, clock, model, public


@model("stock.picking.type")
class StockPickingType:
    def _compute_picking_count(self) -> None:
        counts: dict[str, dict[int, int]] = {}
        Picking = self.env["stock.picking"]
        domains = {
            "count_picking_ready": [("state", "=", "assigned")],
            "count_picking_waiting": [("state", "in", ["confirmed", "waiting"])],
            "count_picking_late": [
                ("scheduled_date", "<", clock.utcnow()),
                ("state", "in", ["assigned", "waiting", "confirmed"]),
            ],
        }
        for name, domain in domains.items():
            groups = (
                Picking.read_group(
                    [("picking_type_id", "in", self.ids)] + domain, ["picking_type_id"], ["picking_type_id"]
                )
                if self.ids
                else []
            )
            counts[name] = {g["picking_type_id"][0]: g["picking_type_id_count"] for g in groups}
        for ptype in self:
            for name in domains:
                ptype[name] = counts[name].get(ptype.id, 0)
            ptype.picking_summary = _(
                "%(ready)s ready · %(waiting)s waiting · %(late)s late",
                ready=ptype.count_picking_ready,
                waiting=ptype.count_picking_waiting,
                late=ptype.count_picking_late,
            )

    def _compute_display_name(self) -> None:
        for ptype in self:
            name = ptype.name or ""
            ptype.display_name = f"{ptype.warehouse_id.name}: {name}" if ptype.warehouse_id else name

    def _default_source(self, partner_id: Any = None) -> Any:
        if self.default_location_src_id:
            return self.default_location_src_id
        if self.code == "incoming":
            return self.env.ref("stock.stock_location_suppliers")
        return self.warehouse_id.lot_stock_id

    def _default_destination(self, partner_id: Any = None) -> Any:
        if self.default_location_dest_id:
            return self.default_location_dest_id
        if self.code == "outgoing":
            return self.env.ref("stock.stock_location_customers")
        return self.warehouse_id.lot_stock_id

    def _open_pickings(self, domain: list[Any]) -> dict[str, Any]:
        self.ensure_one()
        action = self.env.ref("stock.action_picking_tree_all")
        return {
            "type": "ir.actions.act_window",
            "id": action.id,
            "name": self.display_name,
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("picking_type_id", "=", self.id)] + domain,
            "context": {"default_picking_type_id": self.id},
        }

    @public
    def get_action_picking_tree_ready(self) -> dict[str, Any]:
        """The transfers of this type that are ready."""
        return self._open_pickings([("state", "=", "assigned")])
