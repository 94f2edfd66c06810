"""Transfers: reservation, validation, backorders, receipts, and stock that never goes negative."""

from __future__ import annotations

import pytest

from core.exceptions import UserError
from core.i18n import use_lang


def quant_of(env, product, location):
    return env["stock.quant"].search([("product_id", "=", product.id), ("location_id", "=", location.id)])


def test_warehouse_creation_makes_locations_and_numbered_operation_types(env):
    wh = env["stock.warehouse"].create({"name": "Zaragoza", "code": "ZGZ"})
    assert wh.lot_stock_id.complete_name == "ZGZ/Stock"
    assert wh.lot_stock_id.usage == "internal" and wh.view_location_id.usage == "view"
    assert {wh.in_type_id.code, wh.out_type_id.code, wh.int_type_id.code} == {
        "incoming",
        "outgoing",
        "internal",
    }
    delivery = env["stock.picking"].create({"picking_type_id": wh.out_type_id.id})
    assert delivery.name == "ZGZ/OUT/00001"
    assert delivery.location_id == wh.lot_stock_id
    assert delivery.location_dest_id == env.ref("stock.stock_location_customers")
    receipt = env["stock.picking"].create({"picking_type_id": wh.in_type_id.id})
    assert receipt.name == "ZGZ/IN/00001"
    assert receipt.location_id == env.ref("stock.stock_location_suppliers")


def test_location_complete_name_follows_the_tree(env, warehouse):
    shelf = env["stock.location"].create({"name": "Shelf 1", "location_id": warehouse.lot_stock_id.id})
    assert shelf.complete_name == "WH/Stock/Shelf 1"
    warehouse.lot_stock_id.write({"name": "Main"})
    assert shelf.complete_name == "WH/Main/Shelf 1"
    with pytest.raises(Exception, match="inside itself"):
        warehouse.lot_stock_id.write({"location_id": shelf.id})


def test_assign_reserves_available_stock_and_validate_moves_it(env, warehouse, make_product, make_picking):
    desk = make_product("Desk", stock=5)
    delivery = make_picking("out", (desk, 3))
    delivery.action_confirm()
    assert delivery.state == "confirmed"
    delivery.action_assign()
    assert delivery.state == "assigned"
    move = delivery.move_ids
    assert move.quantity == 3 and move.reserved_quantity == 3 and move.state == "assigned"
    quant = quant_of(env, desk, warehouse.lot_stock_id)
    assert quant.quantity == 5 and quant.reserved_quantity == 3 and quant.available_quantity == 2
    assert desk.qty_available == 5 and desk.outgoing_qty == 3 and desk.virtual_available == 2
    assert delivery.button_validate() is True
    assert delivery.state == "done" and move.state == "done"
    assert quant.quantity == 2 and quant.reserved_quantity == 0
    assert desk.qty_available == 2 and desk.outgoing_qty == 0
    assert not env["stock.move.line"].search([("move_id", "=", move.id)])


def test_assign_reserves_what_there_is_and_the_rest_stays_waiting(env, make_product, make_picking):
    chair = make_product("Chair", stock=2)
    delivery = make_picking("out", (chair, 5))
    delivery.action_assign()
    assert delivery.move_ids.state == "partially_available"
    assert delivery.move_ids.quantity == 2
    assert delivery.state == "assigned"


def test_assign_with_nothing_available_says_what_is_missing(env, make_product, make_picking):
    lamp = make_product("Lamp", stock=0)
    delivery = make_picking("out", (lamp, 2))
    with pytest.raises(UserError, match=rf"{lamp.name}: 2 Units missing in WH/Stock \(0 available\)"):
        delivery.action_assign()


def test_reservations_never_hand_out_the_same_unit_twice(env, make_product, make_picking):
    box = make_product("Box", stock=1)
    first, second = make_picking("out", (box, 1)), make_picking("out", (box, 1))
    first.action_assign()
    with pytest.raises(UserError, match="1 Units missing"):
        second.action_assign()
    assert first.move_ids.quantity == 1 and second.move_ids.quantity == 0


def test_partial_validation_asks_for_a_backorder_and_process_makes_it(
    env, warehouse, make_product, make_picking
):
    desk = make_product("Desk", stock=10)
    delivery = make_picking("out", (desk, 5))
    delivery.action_assign()
    delivery.move_ids.write({"quantity": 3})
    action = delivery.button_validate()
    assert action["res_model"] == "stock.backorder.confirmation" and action["target"] == "new"
    assert delivery.state == "assigned"  # nothing moved yet
    wizard = env["stock.backorder.confirmation"].browse(action["res_id"])
    assert "2 Units of 5 left" in wizard.summary
    wizard.process()
    assert delivery.state == "done" and delivery.move_ids.product_uom_qty == 3
    backorder = env["stock.picking"].search([("backorder_id", "=", delivery.id)])
    assert backorder.move_ids.product_uom_qty == 2
    assert backorder.state == "assigned" and backorder.move_ids.quantity == 2
    assert quant_of(env, desk, warehouse.lot_stock_id).quantity == 7
    assert quant_of(env, desk, warehouse.lot_stock_id).reserved_quantity == 2


def test_no_backorder_cancels_what_is_left(env, make_product, make_picking):
    desk = make_product("Desk", stock=10)
    delivery = make_picking("out", (desk, 5))
    delivery.action_assign()
    delivery.move_ids.write({"quantity": 4})
    wizard = env["stock.backorder.confirmation"].browse(delivery.button_validate()["res_id"])
    wizard.process_cancel_backorder()
    assert delivery.state == "done"
    assert not env["stock.picking"].search([("backorder_id", "=", delivery.id)])
    assert sorted(delivery.move_ids.mapped("state")) == ["cancel", "done"]
    assert desk.qty_available == 6


def test_validate_without_any_quantity_is_refused(env, make_product, make_picking):
    lamp = make_product("Lamp", stock=0)
    delivery = make_picking("out", (lamp, 1))
    delivery.action_confirm()
    with pytest.raises(UserError, match="no quantity is reserved or set"):
        delivery.button_validate()


def test_receipt_from_a_vendor_adds_stock(env, warehouse, make_product, make_picking):
    paper = make_product("Paper")
    receipt = make_picking("in", (paper, 12))
    receipt.action_confirm()
    assert receipt.state == "assigned" and receipt.move_ids.quantity == 12
    assert paper.incoming_qty == 12 and paper.virtual_available == 12
    receipt.button_validate()
    assert receipt.state == "done"
    assert paper.qty_available == 12 and quant_of(env, paper, warehouse.lot_stock_id).quantity == 12


def test_negative_stock_is_refused_naming_product_and_location(env, make_product, make_picking):
    pen = make_product("Pen", stock=2)
    delivery = make_picking("out", (pen, 5))
    delivery.action_confirm()
    delivery.move_ids.write({"quantity": 5})
    with pytest.raises(UserError, match=rf"Not enough {pen.name} in WH/Stock .* 3 Units missing"):
        delivery.button_validate()
    assert pen.qty_available == 2


def test_negative_stock_allowed_by_the_company_setting(env, make_product, make_picking):
    env.company.write({"stock_allow_negative": True})
    pen = make_product("Pen", stock=2)
    delivery = make_picking("out", (pen, 5))
    delivery.action_confirm()
    delivery.move_ids.write({"quantity": 5})
    delivery.button_validate()
    assert pen.qty_available == -3


def test_validation_does_not_take_units_reserved_by_another_transfer(env, make_product, make_picking):
    cup = make_product("Cup", stock=3)
    reserved = make_picking("out", (cup, 3))
    reserved.action_assign()
    other = make_picking("out", (cup, 1))
    other.action_confirm()
    other.move_ids.write({"quantity": 1})
    with pytest.raises(UserError, match="0 available and not reserved"):
        other.button_validate()


def test_cancel_gives_back_the_reservation(env, warehouse, make_product, make_picking):
    cup = make_product("Cup", stock=3)
    delivery = make_picking("out", (cup, 2))
    delivery.action_assign()
    delivery.action_cancel()
    assert delivery.state == "cancel"
    assert quant_of(env, cup, warehouse.lot_stock_id).reserved_quantity == 0


def test_consumables_are_ready_without_stock(env, make_product, make_picking):
    napkin = make_product("Napkin", type="consu")
    delivery = make_picking("out", (napkin, 50))
    delivery.action_assign()
    assert delivery.state == "assigned" and delivery.move_ids.quantity == 50
    delivery.button_validate()
    assert delivery.state == "done"


def test_barcode_scan_counts_one_more_unit(env, make_product, make_picking):
    desk = make_product("Desk", stock=5, barcode="8410000999991")
    delivery = make_picking("out", (desk, 3))
    delivery.action_confirm()
    delivery.on_barcode_scanned("8410000999991")
    delivery.write({"barcode_scan": "8410000999991"})  # what the form's scanner field does
    assert delivery.move_ids.quantity == 2 and delivery.barcode_scan is False
    with pytest.raises(UserError, match="No product has the barcode 000"):
        delivery.on_barcode_scanned("000")


def test_product_figures_per_warehouse_context(env, warehouse, make_product):
    other = env["stock.warehouse"].create({"name": "Huesca", "code": "HU"})
    desk = make_product("Desk", stock=4)
    from addons.stock.tests.fixtures import set_stock

    set_stock(env, desk, 6, other.lot_stock_id)
    assert desk.qty_available == 10
    assert desk.with_context(warehouse=other.id).qty_available == 6
    assert desk.with_context(location=warehouse.lot_stock_id.id).qty_available == 4
    assert desk.product_tmpl_id.qty_available == 10


def test_refusals_and_labels_in_spanish(env, make_product, make_picking):
    lamp = make_product("Lamp", stock=0)
    delivery = make_picking("out", (lamp, 2)).with_context(lang="es_ES")
    with (
        use_lang("es_ES"),
        pytest.raises(UserError, match=r"No disponible para .*faltan 2 Unidades en WH/Stock"),
    ):
        delivery.action_assign()
    with use_lang("es_ES"):
        assert delivery._fields["state"].labels()["assigned"] == "Preparado"
    assert env.ref("stock.warehouse0").out_type_id.with_context(lang="es_ES").name == "Órdenes de entrega"


def test_overview_counts_ready_and_waiting_transfers(env, warehouse, make_product, make_picking):
    out = warehouse.out_type_id
    before = (out.count_picking_ready, out.count_picking_waiting)
    make_picking("out", (make_product("Desk", stock=5), 1)).action_assign()
    make_picking("out", (make_product("Lamp"), 1)).action_confirm()
    env.invalidate_all()
    assert (out.count_picking_ready, out.count_picking_waiting) == (before[0] + 1, before[1] + 1)
    assert out.picking_summary.startswith(f"{before[0] + 1} ready")


def test_transfers_created_together_get_consecutive_numbers_per_operation_type(
    env, warehouse, make_product
):
    product = make_product()
    partner = env.ref("base.res_partner_2").id
    kinds = [warehouse.out_type_id, warehouse.in_type_id, warehouse.out_type_id]
    pickings = env["stock.picking"].create(
        [
            {"picking_type_id": t.id, "partner_id": partner, "move_ids": [(0, 0, {"product_id": product.id})]}
            for t in kinds
        ]
    )
    out_numbers = [int(p.name.rsplit("/", 1)[1]) for p in pickings if p.picking_type_id == kinds[0]]
    assert out_numbers[1] == out_numbers[0] + 1
    assert pickings[1].name.startswith(f"{warehouse.code}/IN/")
    assert pickings[0].location_dest_id == env.ref("stock.stock_location_customers")
