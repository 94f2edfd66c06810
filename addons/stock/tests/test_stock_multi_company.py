"""Warehouses of other companies: a new company gets its own warehouse, locations and operation
types; reservations and moves never touch another company's stock."""
from __future__ import annotations

import pytest

from addons.stock.tests.fixtures import set_stock
from core.exceptions import UserError


@pytest.fixture
def other_company(env):
    return env["res.company"].create({"name": "Andes Trading"})


def _other_warehouse(env, company):
    return env["stock.warehouse"].search([("company_id", "=", company.id)])


def test_a_new_company_gets_its_warehouse_locations_and_operation_types(env, other_company, warehouse):
    wh = _other_warehouse(env, other_company)
    assert len(wh) == 1 and wh.code == "ANDES" and wh.name == "Andes Trading"
    assert wh.lot_stock_id.company_id == other_company and wh.lot_stock_id.usage == "internal"
    assert wh.lot_stock_id.complete_name == "ANDES/Stock"
    types = wh.in_type_id | wh.out_type_id | wh.int_type_id
    assert set(types.mapped("company_id")) == {other_company}
    assert wh.out_type_id.default_location_src_id == wh.lot_stock_id
    assert wh.lot_stock_id != warehouse.lot_stock_id


def test_warehouse_codes_of_new_companies_stay_distinct(env):
    first, second = env["res.company"].create([{"name": "Andes Trading"}, {"name": "Andes Travel"}])
    codes = {_other_warehouse(env, first).code, _other_warehouse(env, second).code}
    assert codes == {"ANDES", "ANDE2"}


def test_reservation_takes_only_the_stock_of_the_transfer_company(env, other_company, make_product):
    product = make_product("Shared Lamp", stock=5)  # in the first company's warehouse
    wh = _other_warehouse(env, other_company)
    set_stock(env, product, 2, wh.lot_stock_id)
    partner = env.ref("base.res_partner_2")
    delivery = env["stock.picking"].create(
        {
            "picking_type_id": wh.out_type_id.id,
            "partner_id": partner.id,
            "move_ids": [(0, 0, {"product_id": product.id, "product_uom_qty": 4})],
        }
    )
    assert delivery.company_id == other_company and delivery.name.startswith("ANDES/OUT/")
    delivery.action_confirm()
    delivery.action_assign()
    assert delivery.move_ids.reserved_quantity == 2
    assert set(delivery.move_ids.move_line_ids.mapped("location_id")) == {wh.lot_stock_id}


def test_nothing_is_reserved_from_another_company_under_a_shared_parent(env, other_company, make_product):
    product = make_product("Lonely Lamp")
    Location = env["stock.location"]
    shared = Location.create({"name": "Shared dock", "usage": "internal", "company_id": False})
    bay = Location.create(
        {"name": "Bay", "usage": "internal", "location_id": shared.id, "company_id": env.company.id}
    )
    set_stock(env, product, 5, bay)

    def move_of(company):
        move = env["stock.move"].create(
            {
                "product_id": product.id,
                "product_uom_qty": 1,
                "location_id": shared.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "company_id": company.id,
            }
        )
        move._action_confirm()
        return move, move._action_assign()

    theirs, missing = move_of(other_company)
    assert theirs.reserved_quantity == 0 and missing[0]["available"] == 0
    mine, missing = move_of(env.company)
    assert mine.reserved_quantity == 1 and not missing


def test_a_move_cannot_use_another_company_location(env, other_company, make_product, warehouse):
    product = make_product("Lamp")
    with pytest.raises(UserError, match="belongs to"):
        env["stock.move"].create(
            {
                "product_id": product.id,
                "product_uom_qty": 1,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "company_id": other_company.id,
            }
        )


def test_companies_made_before_the_install_have_a_warehouse_too(env):
    companies = env["res.company"].search([])
    assert len(companies) > 1  # the demo's second company
    for company in companies:
        assert env["stock.warehouse"].search_count([("company_id", "=", company.id)]) >= 1, company.name
