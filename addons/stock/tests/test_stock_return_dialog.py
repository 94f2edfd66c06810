"""The return dialog in the web client: its lines are what the transfer moved, so it offers no
"Add a line" and no remove button (the view's create: false / delete: false), and the server
refuses a line posted all the same."""
from __future__ import annotations

import pytest

from tests.fixtures.web_client import text

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def admin(login_as):
    return login_as("admin")


@pytest.fixture
def done_delivery(in_db):
    def make(env):
        product = env["product.product"].create({"name": "Return Dialog Lamp", "detailed_type": "product"})
        stock = env.ref("stock.warehouse0").lot_stock_id
        env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": product.id, "location_id": stock.id, "inventory_quantity": 5}
        ).action_apply_inventory()
        delivery = env["stock.picking"].create(
            {
                "picking_type_id": env.ref("stock.warehouse0").out_type_id.id,
                "partner_id": env.ref("base.res_partner_2").id,
                "move_ids": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
            }
        )
        delivery.action_confirm()
        delivery.action_assign()
        delivery.button_validate()
        return delivery.id

    return in_db(make)


def _dialog_token(admin, delivery_id):
    step = admin.post(
        f"/web/data/stock.picking/{delivery_id}/button/action_open_returns",
        data={"csrf_token": admin.csrf},
        headers=FETCH,
    ).get_json()
    assert step["type"] == "dialog", step
    return step["url"].split("a=")[1]


def _return_line(env, delivery_id):
    return env["stock.return.picking"].search([("picking_id", "=", delivery_id)]).product_return_moves.id


def test_return_dialog_offers_no_add_a_line_nor_remove_button(admin, done_delivery):
    token = _dialog_token(admin, done_delivery)
    fragment = text(admin.get(f"/web/dialog?a={token}", headers=FETCH))
    assert "Return Dialog Lamp" in fragment
    assert "Add a line" not in fragment and "o2m-template" not in fragment
    assert "remove-line" not in fragment
    assert 'name="product_return_moves-0-id"' in fragment  # the line is still posted back


def test_a_line_posted_into_the_return_dialog_is_refused(admin, in_db, done_delivery):
    token = _dialog_token(admin, done_delivery)
    line_id = in_db(lambda env: _return_line(env, done_delivery))
    answer = admin.post(
        f"/web/dialog/button/action_create_returns?a={token}",
        data={
            "csrf_token": admin.csrf,
            "product_return_moves-0-id": str(line_id),
            "product_return_moves-0-quantity": "1",
            "product_return_moves-1-id": "",
            "product_return_moves-1-quantity": "3",
        },
        headers=FETCH,
    )
    assert answer.status_code == 422
    assert "Lines cannot be added to this list." in text(answer)
    assert in_db(lambda env: env["stock.picking"].browse(done_delivery).return_ids.ids) == []


def test_a_line_removed_from_the_return_dialog_is_refused(admin, in_db, done_delivery):
    token = _dialog_token(admin, done_delivery)
    line_id = in_db(lambda env: _return_line(env, done_delivery))
    answer = admin.post(
        f"/web/dialog/button/action_create_returns?a={token}",
        data={
            "csrf_token": admin.csrf,
            "product_return_moves-0-id": str(line_id),
            "product_return_moves-0-remove": "y",
        },
        headers=FETCH,
    )
    assert answer.status_code == 422
    assert "Lines of this list cannot be removed." in text(answer)
    assert in_db(lambda env: env["stock.return.picking.line"].browse(line_id).exists().ids) == [line_id]
