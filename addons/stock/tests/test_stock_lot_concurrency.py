"""The last unit of a lot reserved by two transactions at once: exactly one gets it, the other is
told what is missing (the lot quants are locked as the others are)."""

from __future__ import annotations

import threading

from core.exceptions import UserError
from core.records.environment import SUPERUSER_ID, Environment


def _setup(registry) -> tuple[int, int]:
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        warehouse = env.ref("stock.warehouse0")
        product = env["product.product"].create(
            {"name": "Last Serial Camera", "detailed_type": "product", "tracking": "serial"}
        )
        lot = env["stock.lot"].create({"name": "CAM-1", "product_id": product.id})
        env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": product.id,
                "location_id": warehouse.lot_stock_id.id,
                "lot_id": lot.id,
                "inventory_quantity": 1,
            }
        ).action_apply_inventory()
        pickings = env["stock.picking"].create(
            [
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": env.ref("base.res_partner_2").id,
                    "move_ids": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
                }
                for _i in range(2)
            ]
        )
        pickings.action_confirm()
        return pickings.ids[0], pickings.ids[1]


def _reserve(registry, picking_id: int, results: dict, name: str) -> None:
    try:
        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            env["stock.picking"].browse(picking_id).action_assign()
            results[name] = "reserved"
    except UserError as error:
        results[name] = error.args[0] if error.args else str(error)
    except Exception as error:  # noqa: BLE001 - reported by the test's assertion
        results[name] = f"unexpected {type(error).__name__}: {error}"


def test_two_simultaneous_reservations_of_the_last_serial_one_wins(fresh_registry):
    registry = fresh_registry()
    first, second = _setup(registry)
    results: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def run(picking_id: int, name: str) -> None:
        barrier.wait(10)
        _reserve(registry, picking_id, results, name)

    threads = [threading.Thread(target=run, args=(pid, name)) for pid, name in ((first, "a"), (second, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results.values(), key=lambda v: v != "reserved")[0] == "reserved", results
    loser = next(v for v in results.values() if v != "reserved")
    assert "Last Serial Camera" in loser and "1 Units missing" in loser
    with registry.cursor(readonly=True) as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        pickings = env["stock.picking"].browse([first, second])
        assert sorted(sum(p.move_ids.mapped("quantity")) for p in pickings) == [0.0, 1.0]
        lines = pickings.mapped("move_ids.move_line_ids")
        assert len(lines) == 1 and lines.lot_id.name == "CAM-1"
        assert lines.lot_id.quant_ids.reserved_quantity == 1
