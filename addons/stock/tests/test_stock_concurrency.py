"""The last unit reserved by two transactions at once: exactly one gets it, the other is told what
is missing. Real concurrent transactions on their own connections (threads), on a database copy
that the test commits into. On PostgreSQL the quants are locked (SELECT ... FOR UPDATE); SQLite
serialises writers."""

from __future__ import annotations

import threading
import time

from core.exceptions import UserError
from core.records.environment import SUPERUSER_ID, Environment


def _setup(registry) -> tuple[int, int]:
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        warehouse = env.ref("stock.warehouse0")
        product = env["product.product"].create({"name": "Last Desk", "detailed_type": "product"})
        quant = (
            env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {"product_id": product.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": 1}
            )
        )
        quant.action_apply_inventory()
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


def _reserve(registry, picking_id: int, results: dict, name: str, before_commit=None) -> None:
    try:
        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            env["stock.picking"].browse(picking_id).action_assign()
            results[name] = "reserved"
            if before_commit:
                before_commit()
    except UserError as error:
        results[name] = error.args[0] if error.args else str(error)
    except Exception as error:  # noqa: BLE001 - reported by the test's assertion
        results[name] = f"unexpected {type(error).__name__}: {error}"


def _reserved(registry, picking_ids) -> dict[int, float]:
    with registry.cursor(readonly=True) as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        return {p.id: sum(p.move_ids.mapped("quantity")) for p in env["stock.picking"].browse(picking_ids)}


def test_a_reservation_waits_for_the_one_holding_the_last_unit(fresh_registry):
    registry = fresh_registry()
    first, second = _setup(registry)
    results: dict[str, str] = {}
    first_reserved, second_started = threading.Event(), threading.Event()

    def hold() -> None:
        first_reserved.set()
        second_started.wait(10)
        time.sleep(0.5)  # the second transaction is now asking for the same quant

    def second_reserver() -> None:
        first_reserved.wait(10)
        second_started.set()
        _reserve(registry, second, results, "second")

    threads = [
        threading.Thread(target=_reserve, args=(registry, first, results, "first", hold)),
        threading.Thread(target=second_reserver),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results["first"] == "reserved"
    assert (
        "Last Desk" in results["second"] and "1 Units missing in WH/Stock (0 available)" in results["second"]
    )
    assert _reserved(registry, [first, second]) == {first: 1.0, second: 0.0}


def test_two_simultaneous_reservations_of_the_last_unit_one_wins(fresh_registry):
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
    assert sorted(results.values(), key=lambda v: v != "reserved")[0] == "reserved"
    loser = next(v for v in results.values() if v != "reserved")
    assert "1 Units missing" in loser
    assert sorted(_reserved(registry, [first, second]).values()) == [0.0, 1.0]
