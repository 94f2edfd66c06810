"""Lots and serial numbers: receipts name the lot of every unit before they are validated, serial
numbers are one unit each and never twice in stock, deliveries reserve the lots created first and the
user can choose another lot, and the lot knows where it is and how it moved."""
from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError


@pytest.fixture
def make_tracked(env, warehouse):
    """``make_tracked("lot", {"L1": 5})``: a storable product tracked by lot or serial, with that
    much of each lot counted into WH/Stock (lots created in that order)."""
    counter = iter(range(1, 10_000))

    def make(tracking: str, stock: dict[str, float] | None = None, name: str = "Tracked"):
        product = env["product.product"].create(
            {"name": f"{name} {next(counter)}", "detailed_type": "product", "tracking": tracking}
        )
        for lot_name, qty in (stock or {}).items():
            lot = env["stock.lot"].create({"name": lot_name, "product_id": product.id})
            env["stock.quant"].with_context(inventory_mode=True).create(
                {
                    "product_id": product.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "lot_id": lot.id,
                    "inventory_quantity": qty,
                }
            ).action_apply_inventory()
        return product

    return make


def _lot(env, product, name):
    return env["stock.lot"].search([("product_id", "=", product.id), ("name", "=", name)])


def _receive(make_picking, product, qty, lines):
    receipt = make_picking("in", (product, qty))
    receipt.action_confirm()
    receipt.write({"move_line_ids": [(0, 0, {"product_id": product.id, **line}) for line in lines]})
    return receipt


def test_lot_numbers_are_unique_per_product_and_company(env, make_tracked):
    product = make_tracked("lot")
    env["stock.lot"].create({"name": "LOT-1", "product_id": product.id})
    env["stock.lot"].create({"name": "LOT-1", "product_id": make_tracked("lot").id})  # another product
    with pytest.raises((UserError, ValidationError), match="unique per product and company"):
        env["stock.lot"].create({"name": "LOT-1", "product_id": product.id})


def test_a_lot_needs_a_tracked_product(env, make_product):
    with pytest.raises(UserError, match="is not tracked by lots"):
        env["stock.lot"].create({"name": "NOPE", "product_id": make_product("Plain").id})


def test_receipt_without_lot_is_refused_naming_the_product(env, make_tracked, make_picking):
    product = make_tracked("lot", name="Flour")
    receipt = make_picking("in", (product, 5))
    receipt.action_confirm()
    with pytest.raises(UserError, match=r"Flour \d+ in .*set the lot/serial numbers of the 5 Units"):
        receipt.button_validate()
    receipt.write({"move_line_ids": [(0, 0, {"product_id": product.id, "quantity": 5})]})
    with pytest.raises(UserError, match=r"line 1 of .*set a lot/serial number"):
        receipt.button_validate()
    assert receipt.state == "assigned" and not env["stock.lot"].search([("product_id", "=", product.id)])


def test_received_lot_is_created_with_its_stock_and_history(env, make_tracked, make_picking, warehouse):
    product = make_tracked("lot")
    receipt = _receive(make_picking, product, 5, [{"lot_name": "L-2026-01", "quantity": 5}])
    assert receipt.move_ids.quantity == 5
    assert receipt.button_validate() is True and receipt.state == "done"
    lot = _lot(env, product, "L-2026-01")
    assert lot.product_qty == 5 and lot.company_id == env.company
    quant = env["stock.quant"].search([("lot_id", "=", lot.id)])
    assert quant.location_id == warehouse.lot_stock_id and quant.quantity == 5
    assert lot.move_line_ids.move_id == receipt.move_ids and receipt.move_ids.lot_ids == lot
    assert receipt.move_ids.reserved_quantity == 0
    assert product.qty_available == 5
    assert lot.action_lot_open_quants()["domain"][0] == ("lot_id", "in", lot.ids)


def test_lines_must_cover_the_quantity_moved(env, make_tracked, make_picking):
    product = make_tracked("lot")
    receipt = _receive(make_picking, product, 5, [{"lot_name": "PART", "quantity": 3}])
    receipt.move_ids.write({"quantity": 5})
    with pytest.raises(UserError, match="cover 3 Units but 5 Units are to be moved"):
        receipt.button_validate()


def test_a_lot_received_again_adds_to_the_same_lot(env, make_tracked, make_picking):
    product = make_tracked("lot", {"SAME": 2})
    receipt = _receive(make_picking, product, 3, [{"lot_name": "SAME", "quantity": 3}])
    receipt.button_validate()
    assert len(_lot(env, product, "SAME")) == 1 and _lot(env, product, "SAME").product_qty == 5


def test_serial_numbers_are_one_unit_each(env, make_tracked, make_picking):
    product = make_tracked("serial", name="Phone")
    receipt = _receive(make_picking, product, 2, [{"lot_name": "SN-1", "quantity": 2}])
    with pytest.raises(UserError, match=r"tracked by serial number: line 1 .*\(SN-1\) moves 2 units"):
        receipt.button_validate()


def test_a_serial_number_given_twice_is_refused(env, make_tracked, make_picking):
    product = make_tracked("serial")
    receipt = _receive(
        make_picking, product, 2, [{"lot_name": "SN-9", "quantity": 1}, {"lot_name": "SN-9", "quantity": 1}]
    )
    with pytest.raises(UserError, match="serial number SN-9 .* is given twice"):
        receipt.button_validate()


def test_a_serial_number_already_in_stock_is_refused(env, make_tracked, make_picking):
    product = make_tracked("serial", {"SN-100": 1})
    receipt = _receive(make_picking, product, 1, [{"lot_name": "SN-100", "quantity": 1}])
    with pytest.raises(UserError, match=r"SN-100 .* is already in stock \(WH/Stock\)"):
        receipt.button_validate()
    assert _lot(env, product, "SN-100").product_qty == 1


def test_serials_received_one_per_unit(env, make_tracked, make_picking):
    product = make_tracked("serial")
    receipt = _receive(
        make_picking, product, 3, [{"lot_name": f"SN-{i}", "quantity": 1} for i in range(1, 4)]
    )
    receipt.button_validate()
    lots = env["stock.lot"].search([("product_id", "=", product.id)])
    assert sorted(lots.mapped("name")) == ["SN-1", "SN-2", "SN-3"]
    assert lots.mapped("product_qty") == [1.0, 1.0, 1.0]


def test_delivery_reserves_the_lots_created_first(env, make_tracked, make_picking):
    product = make_tracked("lot", {"OLD": 5, "NEW": 5})
    delivery = make_picking("out", (product, 7))
    delivery.action_confirm()
    delivery.action_assign()
    move = delivery.move_ids
    assert move.state == "assigned" and move.quantity == 7 and move.reserved_quantity == 7
    assert [(ln.lot_id.name, ln.quantity) for ln in move.move_line_ids] == [("OLD", 5.0), ("NEW", 2.0)]
    assert _lot(env, product, "NEW").quant_ids.reserved_quantity == 2
    delivery.button_validate()
    assert delivery.state == "done"
    assert _lot(env, product, "OLD").product_qty == 0 and _lot(env, product, "NEW").product_qty == 3
    assert _lot(env, product, "NEW").quant_ids.reserved_quantity == 0
    assert product.qty_available == 3


def test_delivery_of_more_than_the_lots_hold_is_partial(env, make_tracked, make_picking):
    product = make_tracked("lot", {"ONLY": 2})
    delivery = make_picking("out", (product, 5))
    delivery.action_confirm()
    delivery.action_assign()
    assert delivery.move_ids.state == "partially_available" and delivery.move_ids.quantity == 2


def test_the_user_chooses_another_lot(env, make_tracked, make_picking):
    product = make_tracked("lot", {"FIRST": 4, "SECOND": 4})
    delivery = make_picking("out", (product, 3))
    delivery.action_confirm()
    delivery.action_assign()
    line = delivery.move_ids.move_line_ids
    second = _lot(env, product, "SECOND")
    line.write({"lot_id": second.id})
    assert _lot(env, product, "FIRST").quant_ids.reserved_quantity == 0
    assert second.quant_ids.reserved_quantity == 3
    delivery.button_validate()
    assert second.product_qty == 1 and _lot(env, product, "FIRST").product_qty == 4


def test_a_lot_without_enough_free_stock_is_refused(env, make_tracked, make_picking):
    product = make_tracked("lot", {"BIG": 5, "SMALL": 1})
    delivery = make_picking("out", (product, 3))
    delivery.action_confirm()
    delivery.action_assign()
    with pytest.raises(UserError, match=r"Only 1 Units of .*, lot SMALL, are free in WH/Stock \(3 asked\)"):
        delivery.move_ids.move_line_ids.write({"lot_id": _lot(env, product, "SMALL").id})


def test_a_lot_typed_into_the_detailed_operations_of_a_delivery(env, make_tracked, make_picking):
    product = make_tracked("lot", {"A": 2, "B": 2})
    delivery = make_picking("out", (product, 3))
    delivery.action_confirm()
    delivery.write({"move_line_ids": [(0, 0, {"product_id": product.id, "lot_name": "B", "quantity": 2})]})
    move = delivery.move_ids
    assert move.quantity == 2 and move.state == "partially_available"
    assert _lot(env, product, "B").quant_ids.reserved_quantity == 2
    with pytest.raises(UserError, match="has no lot/serial number ZZZ"):
        unknown = {"product_id": product.id, "lot_name": "ZZZ", "quantity": 1}
        delivery.write({"move_line_ids": [(0, 0, unknown)]})


def test_a_line_for_a_product_not_in_the_transfer_is_refused(env, make_tracked, make_picking, make_product):
    delivery = make_picking("out", (make_tracked("lot", {"X": 1}), 1))
    other = make_tracked("lot", name="Stranger")
    with pytest.raises(UserError, match=r"Stranger \d+ is not among the operations of"):
        delivery.write({"move_line_ids": [(0, 0, {"product_id": other.id, "quantity": 1})]})


def test_unreserving_gives_the_lot_back(env, make_tracked, make_picking):
    product = make_tracked("lot", {"BACK": 3})
    delivery = make_picking("out", (product, 2))
    delivery.action_assign()
    delivery.do_unreserve()
    assert not delivery.move_ids.move_line_ids and delivery.move_ids.quantity == 0
    assert _lot(env, product, "BACK").quant_ids.reserved_quantity == 0


def test_done_lines_are_the_lots_history(env, make_tracked, make_picking):
    product = make_tracked("lot")
    receipt = _receive(make_picking, product, 1, [{"lot_name": "H", "quantity": 1}])
    receipt.button_validate()
    with pytest.raises(UserError, match="history of their lots"):
        receipt.move_line_ids.unlink()
    with pytest.raises(UserError, match="lines of done transfers cannot change"):
        receipt.move_line_ids.write({"quantity": 4})


def test_transfers_are_found_by_lot(env, make_tracked, make_picking):
    product = make_tracked("lot")
    receipt = _receive(make_picking, product, 1, [{"lot_name": "FIND-ME", "quantity": 1}])
    receipt.button_validate()
    found = env["stock.picking"].search([("move_line_ids.lot_id.name", "ilike", "FIND-ME")])
    assert found == receipt
    assert env["stock.picking"].search([("lot_id", "=", _lot(env, product, "FIND-ME").id)]) == receipt


def test_tracking_cannot_change_while_the_product_has_stock(env, make_product):
    product = make_product("Stocked", stock=2)
    with pytest.raises(UserError, match="tracking of Stocked .* cannot change while it has stock"):
        product.product_tmpl_id.write({"tracking": "lot"})
    empty = make_product("Empty")
    empty.product_tmpl_id.write({"tracking": "serial"})
    assert empty.tracking == "serial"


def test_counting_a_tracked_product_needs_its_lot(env, make_tracked, warehouse):
    product = make_tracked("lot", name="Counted")
    with pytest.raises(UserError, match=r"Counted \d+ is tracked by lots .*set the lot/serial number"):
        env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": product.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": 3}
        )


def test_counting_a_lot_down_moves_that_lot(env, make_tracked, warehouse):
    product = make_tracked("lot", {"C1": 5, "C2": 5})
    lot = _lot(env, product, "C1")
    env["stock.quant"].with_context(inventory_mode=True).create(
        {"product_id": product.id, "location_id": warehouse.lot_stock_id.id, "lot_id": lot.id,
         "inventory_quantity": 2}
    ).action_apply_inventory()
    assert lot.product_qty == 2 and _lot(env, product, "C2").product_qty == 5


def test_untracked_reservations_are_not_edited_as_lines(env, make_product, make_picking):
    product = make_product("Plain", stock=5)
    delivery = make_picking("out", (product, 2))
    delivery.action_assign()
    with pytest.raises(UserError, match="is not tracked by lots"):
        delivery.move_ids.move_line_ids.write({"quantity": 1})


def test_demo_lots_are_in_stock(env):
    flour, phone = env.ref("stock.product_lot_flour"), env.ref("stock.product_serial_phone")
    assert flour.tracking == "lot" and phone.tracking == "serial"
    flour_lots = env["stock.lot"].search([("product_id", "=", flour.id)])
    assert sorted(flour_lots.mapped("product_qty")) == [15.0, 20.0]
    assert phone.qty_available == 5 and len(env["stock.lot"].search([("product_id", "=", phone.id)])) == 5


def test_quants_are_unique_per_product_location_and_lot(env, make_tracked, make_product, warehouse):
    product = make_tracked("lot", {"U1": 1, "U2": 1})
    assert len(env["stock.quant"].search([("product_id", "=", product.id)])) == 2
    lot = _lot(env, product, "U1")
    values = {"product_id": product.id, "location_id": warehouse.lot_stock_id.id}
    with pytest.raises(Exception, match="(?i)unique|duplicate"), env.cr.savepoint():
        env["stock.quant"].sudo().create([{**values, "lot_id": lot.id}])
    plain = make_product("Plain", stock=1)
    plain_values = {"product_id": plain.id, "location_id": warehouse.lot_stock_id.id}
    with pytest.raises(Exception, match="(?i)unique|duplicate"), env.cr.savepoint():
        env["stock.quant"].sudo().create([plain_values])


def test_a_return_brings_back_the_lots_that_left(env, make_tracked, make_picking, warehouse):
    product = make_tracked("lot", {"R1": 2, "R2": 5})
    delivery = make_picking("out", (product, 4))
    delivery.action_assign()
    delivery.button_validate()
    wizard = env["stock.return.picking"].browse(delivery.action_open_returns()["res_id"])
    wizard.product_return_moves.write({"quantity": 3})
    back = env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
    assert [(ln.lot_id.name, ln.quantity) for ln in back.move_line_ids] == [("R1", 2.0), ("R2", 1.0)]
    back.button_validate()
    assert _lot(env, product, "R1").product_qty == 2 and _lot(env, product, "R2").product_qty == 4


def test_detailed_operations_take_no_line_of_an_untracked_product(env, make_product, make_picking):
    product = make_product("Loose", stock=5)
    delivery = make_picking("out", (product, 2))
    delivery.action_confirm()
    with pytest.raises(UserError, match=r"Loose \d+ is not tracked .*Operations tab"):
        delivery.write({"move_line_ids": [(0, 0, {"product_id": product.id, "quantity": 1})]})
    assert not delivery.move_line_ids
