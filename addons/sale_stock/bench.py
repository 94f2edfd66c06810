"""``erp bench`` scenario of sales and inventory: confirming orders with their deliveries, and
reserving their stock.

On a fresh copy of the empty template with sales and inventory installed, 1,000 quotations of 5
storable lines each (fewer when ``--size`` is smaller) are created through the record API, then
confirmed in batches: each confirmation creates the order's delivery, confirms it and reserves its
stock (orders/s). The reservations are then given back and ``action_assign`` is timed alone over
all the deliveries. Beside them, the same rows (orders, lines, deliveries, moves, reservations)
written as raw SQLAlchemy Core multi-row inserts, in a transaction rolled back, so the ratios stay
meaningful on a busy machine. Registered through the ``erp.benchmarks`` entry point.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.addon.lifecycle import install
from core.bench.fill import analyze
from core.bench.runner import BenchContext, scenario, timer
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

ORDERS = 1000
LINES = 5
BATCH = 100
TABLES = ("sale_order", "sale_order_line", "stock_picking", "stock_move", "stock_move_line")


def _env(cr: Any) -> Environment:
    return Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})


def _prepare(registry: Registry, orders: int) -> dict[str, Any]:
    """Five storable products with stock for every order, and a customer."""
    with registry.cursor() as cr:
        env = _env(cr)
        stock = env.ref("stock.warehouse0").lot_stock_id
        products = env["product.product"].create(
            [
                {"name": f"Bench product {i}", "detailed_type": "product", "list_price": 10 + i}
                for i in range(LINES)
            ]
        )
        quants = (
            env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                [
                    {"product_id": p.id, "location_id": stock.id, "inventory_quantity": orders * 3}
                    for p in products
                ]
            )
        )
        quants.action_apply_inventory()
        customer = env["res.partner"].create({"name": "Bench customer", "email": "bench@example.com"})
        return {"products": products.ids, "customer": customer.id}


def _create_orders(registry: Registry, ids: dict[str, Any], orders: int) -> tuple[list[int], float]:
    created: list[int] = []
    with timer() as elapsed:
        for offset in range(0, orders, BATCH):
            with registry.cursor() as cr:
                env = _env(cr)
                batch = env["sale.order"].create(
                    [
                        {
                            "partner_id": ids["customer"],
                            "order_line": [
                                (0, 0, {"product_id": p, "product_uom_qty": 1 + (n + i) % 3})
                                for i, p in enumerate(ids["products"])
                            ],
                        }
                        for n in range(offset, min(orders, offset + BATCH))
                    ]
                )
                created.extend(batch.ids)
    return created, elapsed["seconds"]


def _timed_batches(registry: Registry, ids: list[int], work: Any) -> float:
    with timer() as elapsed:
        for offset in range(0, len(ids), BATCH):
            with registry.cursor() as cr:
                work(_env(cr), ids[offset : offset + BATCH])
    return elapsed["seconds"]


def _raw_inserts(registry: Registry, order_ids: list[int]) -> float:
    """The rows the confirmation wrote, inserted again as raw multi-row statements (rolled back)."""
    with registry.cursor() as cr:
        env = _env(cr)
        pickings = env["stock.picking"].search([("sale_id", "in", order_ids)])
        wanted = {
            "sale_order": order_ids,
            "sale_order_line": env["sale.order.line"].search([("order_id", "in", order_ids)]).ids,
            "stock_picking": pickings.ids,
            "stock_move": pickings.mapped("move_ids").ids,
            "stock_move_line": pickings.mapped("move_line_ids").ids,
        }
        metadata = sa.MetaData()
        rows: dict[str, tuple[sa.Table, list[dict[str, Any]]]] = {}
        for name in TABLES:
            table = sa.Table(name, metadata, autoload_with=cr.connection)
            found = [
                dict(row._mapping) for row in cr.execute(sa.select(table).where(table.c.id.in_(wanted[name])))
            ]
            for row in found:
                row.pop("id")
                if "name" in row and name in ("sale_order", "stock_picking"):
                    row["name"] = f"{row['name']}-raw"
            rows[name] = (table, found)
        with timer() as elapsed:
            for table, found in rows.values():
                if found:
                    cr.execute(table.insert(), found)
        cr.rollback()
    return elapsed["seconds"]


@scenario("sale_stock_orders")
def sale_stock_orders(context: BenchContext) -> dict[str, Any]:
    with context.database("empty") as empty:
        registry = install(empty, ["sale", "stock"], demo=False)
        try:
            return _orders(context, registry)
        finally:
            Registry.forget(registry.url)


def _orders(context: BenchContext, registry: Registry) -> dict[str, Any]:
    orders = max(1, min(ORDERS, context.size))
    ids = _prepare(registry, orders)
    context.progress(f"record API create {orders} quotations of {LINES} lines")
    order_ids, create_seconds = _create_orders(registry, ids, orders)
    analyze(registry)
    context.progress(f"action_confirm {orders} orders with their deliveries")
    confirm_seconds = _timed_batches(
        registry, order_ids, lambda env, batch: env["sale.order"].browse(batch).action_confirm()
    )
    with registry.cursor() as cr:
        env = _env(cr)
        pickings = env["stock.picking"].search([("sale_id", "in", order_ids)])
        reserved = sum(pickings.mapped("move_ids").mapped("reserved_quantity"))
        picking_ids = pickings.ids
        pickings.do_unreserve()
    analyze(registry)
    context.progress(f"action_assign over {len(picking_ids)} deliveries")
    assign_seconds = _timed_batches(
        registry, picking_ids, lambda env, batch: env["stock.picking"].browse(batch).action_assign()
    )
    raw_seconds = _raw_inserts(registry, order_ids)
    confirm_rate = orders / confirm_seconds
    return {
        "orders": orders,
        "lines_per_order": LINES,
        "deliveries": len(picking_ids),
        "units_reserved_on_confirm": round(reserved),
        "create_orders_per_s": round(orders / create_seconds, 1),
        "confirm_orders_per_s": round(confirm_rate, 1),
        "assign_deliveries_per_s": round(len(picking_ids) / assign_seconds, 1),
        "raw_sql_orders_per_s": round(orders / raw_seconds, 1) if raw_seconds else None,
        "confirm_vs_raw_sql": round(confirm_seconds / raw_seconds, 1) if raw_seconds else None,
    }
