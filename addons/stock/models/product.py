"""Stock figures of products: on hand from the quants, incoming and outgoing from the open moves,
for the locations the context names (``location``: an id or a list, ``warehouse``: an id) or for
every warehouse of the company. Grouped queries for the whole recordset, never one per product."""

from __future__ import annotations

import operator as op_module
from typing import Any

from addons.stock.models.stock_quant import round_qty
from core import _, model, public
from core.exceptions import UserError

OPEN_MOVE_STATES = ["waiting", "confirmed", "partially_available", "assigned"]
STOCK_CONTEXT = ("location", "warehouse", "warehouse_id")
STOCK_FIELDS = ("qty_available", "virtual_available", "incoming_qty", "outgoing_qty")
COMPUTED_FOR = "stock.figures_context"  # the cursor's note of the context the cached figures are for


def stock_context_key(context: Any) -> tuple[Any, ...]:
    return tuple(str(context.get(key) or "") for key in STOCK_CONTEXT)


def refresh_for_context(records: Any) -> Any:
    """Cached stock figures were computed for one location context: another context recomputes them."""
    key = stock_context_key(records.env.context)
    if records.env.cr.data.get(COMPUTED_FOR, key) != key:
        env = records.env
        env.cache.invalidate(
            [env[name]._fields[f] for name in ("product.product", "product.template") for f in STOCK_FIELDS]
        )
    return records


def context_locations(env: Any) -> Any:
    """The internal locations the stock figures are for."""
    Location = env["stock.location"].sudo()
    context = env.context
    location = context.get("location")
    if location:
        ids = location if isinstance(location, (list, tuple)) else [location]
        return Location.search([("id", "child_of", [int(i) for i in ids])])
    warehouse = context.get("warehouse") or context.get("warehouse_id")
    if warehouse:
        views = env["stock.warehouse"].sudo().browse(int(warehouse)).mapped("view_location_id")
    else:
        views = (
            env["stock.warehouse"]
            .sudo()
            .search([("company_id", "in", env.companies.ids)])
            .mapped("view_location_id")
        )
    if not views:
        return Location
    return Location.search([("id", "child_of", views.ids), ("usage", "=", "internal")])


@model("product.product")
class ProductProductStock:
    def with_context(self, *args: Any, **kwargs: Any) -> Any:
        return refresh_for_context(super().with_context(*args, **kwargs))

    def _compute_quantities(self) -> None:
        self.env.cr.data[COMPUTED_FOR] = stock_context_key(self.env.context)
        figures = self._stock_figures()
        for product in self:
            on_hand, incoming, outgoing = figures.get(product.id, (0.0, 0.0, 0.0))
            product.qty_available = on_hand
            product.incoming_qty = incoming
            product.outgoing_qty = outgoing
            product.virtual_available = round_qty(on_hand + incoming - outgoing)

    def _stock_figures(self) -> dict[int, tuple[float, float, float]]:
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return {}
        locations = context_locations(self.env).ids
        env = self.env(su=True)
        on_hand: dict[int, float] = {}
        for group in env["stock.quant"].read_group(
            [("product_id", "in", ids), ("location_id", "in", locations)], ["quantity:sum"], ["product_id"]
        ):
            on_hand[group["product_id"][0]] = group["quantity"] or 0.0
        incoming: dict[int, float] = {}
        outgoing: dict[int, float] = {}
        base = [("product_id", "in", ids), ("state", "in", OPEN_MOVE_STATES)]
        for target, domain in (
            (incoming, [("location_dest_id", "in", locations), ("location_id", "not in", locations)]),
            (outgoing, [("location_id", "in", locations), ("location_dest_id", "not in", locations)]),
        ):
            for group in env["stock.move"].read_group(base + domain, ["product_qty:sum"], ["product_id"]):
                target[group["product_id"][0]] = group["product_qty"] or 0.0
        return {
            pid: (
                round_qty(on_hand.get(pid, 0.0)),
                round_qty(incoming.get(pid, 0.0)),
                round_qty(outgoing.get(pid, 0.0)),
            )
            for pid in ids
        }

    def _search_qty_available(self, operator: str, value: Any) -> list[Any]:
        if operator not in (">", ">=", "<", "<=", "=", "!="):
            raise UserError(
                _("Quantity on hand is searched with a comparison (>, <, =...), not %(op)s.", op=operator)
            )
        products = self.with_context(active_test=False).search([("type", "=", "product")])

        compare = {
            ">": op_module.gt,
            ">=": op_module.ge,
            "<": op_module.lt,
            "<=": op_module.le,
            "=": op_module.eq,
            "!=": op_module.ne,
        }[operator]
        figures = products._stock_figures()
        return [
            ("id", "in", [pid for pid, (qty, _i, _o) in figures.items() if compare(qty, float(value or 0))])
        ]

    def _stock_action(self, xmlid: str, domain: list[Any]) -> dict[str, Any]:
        action = self.env.ref(xmlid)
        return {
            "type": "ir.actions.act_window",
            "id": action.id,
            "name": action.name,
            "res_model": action.res_model,
            "view_mode": action.view_mode,
            "domain": domain,
            "context": {"search_default_internal_loc": 1},
        }

    @public
    def action_open_quants(self) -> dict[str, Any]:
        """The product's stock per location."""
        return self._stock_action("stock.dashboard_open_quants", [("product_id", "in", self.ids)])

    @public
    def action_product_forecast_report(self) -> dict[str, Any]:
        """The product's open moves: what comes in and what goes out."""
        return self._stock_action(
            "stock.stock_move_action", [("product_id", "in", self.ids), ("state", "in", OPEN_MOVE_STATES)]
        )


@model("product.template")
class ProductTemplateStock:
    def with_context(self, *args: Any, **kwargs: Any) -> Any:
        return refresh_for_context(super().with_context(*args, **kwargs))

    def _compute_quantities(self) -> None:
        self.env.cr.data[COMPUTED_FOR] = stock_context_key(self.env.context)
        variants = self.with_context(active_test=False).mapped("product_variant_ids")
        figures = variants._stock_figures()
        for template in self:
            totals = [0.0, 0.0, 0.0]
            for variant in template.with_context(active_test=False).product_variant_ids:
                for index, amount in enumerate(figures.get(variant.id, (0.0, 0.0, 0.0))):
                    totals[index] += amount
            template.qty_available, template.incoming_qty, template.outgoing_qty = (
                round_qty(t) for t in totals
            )
            template.virtual_available = round_qty(totals[0] + totals[1] - totals[2])

    @public
    def action_open_quants(self) -> dict[str, Any]:
        """The stock per location of the product's variants."""
        return self.mapped("product_variant_ids").action_open_quants()

    @public
    def action_product_forecast_report(self) -> dict[str, Any]:
        """The open moves of the product's variants."""
        return self.mapped("product_variant_ids").action_product_forecast_report()
