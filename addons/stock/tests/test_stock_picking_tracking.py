"""The chatter of a transfer shows its status changes (confirmed, reserved, validated, cancelled) and
the backorder made when it is validated in part."""
from __future__ import annotations


def _status_changes(picking):
    values = picking.message_ids.mapped("tracking_value_ids").filtered(lambda v: v.field_desc == "Status")
    return sorted((v.mail_message_id.id, v.id, v.old_value_display, v.new_value_display) for v in values)


def _steps(picking):
    return [(old, new) for _m, _v, old, new in _status_changes(picking)]


def test_confirm_reserve_and_validate_are_logged_as_status_changes(env, make_product, make_picking):
    product = make_product("Chair", stock=5)
    delivery = make_picking("out", (product, 2))
    delivery.action_confirm()
    delivery.action_assign()
    delivery.button_validate()
    assert _steps(delivery) == [("Draft", "Waiting"), ("Waiting", "Ready"), ("Ready", "Done")]


def test_partial_validation_logs_done_and_the_backorder(env, make_product, make_picking):
    product = make_product("Chair", stock=5)
    delivery = make_picking("out", (product, 4))
    delivery.action_assign()
    delivery.move_ids.write({"quantity": 1})
    wizard = env["stock.backorder.confirmation"].browse(delivery.button_validate()["res_id"])
    wizard.process()
    assert _steps(delivery)[-1] == ("Ready", "Done")
    backorder = delivery.backorder_ids
    assert any(backorder.name in (m.body or "") for m in delivery.message_ids)
    assert backorder.state == "assigned"


def test_cancelling_is_logged(env, make_product, make_picking):
    delivery = make_picking("out", (make_product("Chair"), 1))
    delivery.action_confirm()
    delivery.action_cancel()
    assert _steps(delivery)[-1] == ("Waiting", "Cancelled")


def test_nothing_is_logged_when_tracking_is_off(env, make_product, make_picking):
    delivery = make_picking("out", (make_product("Chair", stock=1), 1))
    delivery.with_context(tracking_disable=True).action_confirm()
    assert _steps(delivery) == []
