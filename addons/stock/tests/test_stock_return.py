"""Returns of done transfers: the dialog offers what was moved and not returned yet, refuses more,
and the return receives the goods back into stock."""
from __future__ import annotations

import pytest

from core.exceptions import UserError


def _delivered(env, make_product, make_picking, stock=10, qty=4):
    product = make_product("Lamp", stock=stock)
    delivery = make_picking("out", (product, qty))
    delivery.action_confirm()
    delivery.action_assign()
    assert delivery.button_validate() is True
    return product, delivery


def _wizard(env, delivery):
    action = delivery.action_open_returns()
    assert action["res_model"] == "stock.return.picking" and action["target"] == "new"
    return env["stock.return.picking"].browse(action["res_id"])


def test_return_of_a_delivery_receives_the_goods_back_into_stock(env, warehouse, make_product, make_picking):
    product, delivery = _delivered(env, make_product, make_picking)
    wizard = _wizard(env, delivery)
    assert wizard.product_return_moves.quantity == 4
    assert wizard.location_id == warehouse.lot_stock_id
    wizard.product_return_moves.write({"quantity": 3})
    back = env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
    assert back.picking_type_id == warehouse.in_type_id and back.return_id == delivery
    assert back.location_id == delivery.location_dest_id and back.location_dest_id == warehouse.lot_stock_id
    assert back.move_ids.origin_returned_move_id == delivery.move_ids
    assert back.state == "assigned"
    back.button_validate()
    assert back.state == "done"
    assert product.with_context(location=warehouse.lot_stock_id.id).qty_available == 9


def test_return_offers_only_what_was_not_returned_yet_and_refuses_more(env, make_product, make_picking):
    _product, delivery = _delivered(env, make_product, make_picking)
    first = _wizard(env, delivery)
    first.product_return_moves.write({"quantity": 3})
    first.action_create_returns()  # not validated yet: it counts all the same
    second = _wizard(env, delivery)
    assert second.product_return_moves.quantity == 1
    second.product_return_moves.write({"quantity": 2})
    with pytest.raises(UserError, match="at most 1"):
        second.action_create_returns()
    assert len(delivery.return_ids) == 1


def test_nothing_to_return_and_undone_transfers_are_refused(env, make_product, make_picking):
    product, delivery = _delivered(env, make_product, make_picking)
    wizard = _wizard(env, delivery)
    wizard.product_return_moves.write({"quantity": 0})
    with pytest.raises(UserError, match="at least one product"):
        wizard.action_create_returns()
    draft = make_picking("out", (product, 1))
    with pytest.raises(UserError, match="only done transfers"):
        draft.action_open_returns()
