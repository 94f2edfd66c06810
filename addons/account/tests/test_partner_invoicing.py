"""The partner's invoicing at a glance: invoices count, amount due and overdue, balance, smart buttons."""

from __future__ import annotations

import datetime as dt
import re

from core import clock


def test_partner_counts_invoices_due_and_overdue(env, make_invoice):
    partner = env["res.partner"].create({"name": "Glance Ltd", "is_company": True})
    contact = env["res.partner"].create({"name": "Ann", "parent_id": partner.id})
    today = clock.today()
    old = make_invoice((100.0, 1), partner="base.res_partner_2", post=False)
    old.write({"partner_id": partner.id, "invoice_date": today - dt.timedelta(days=90)})
    old.action_post()
    fresh = make_invoice((40.0, 1))
    fresh.write({"partner_id": contact.id, "invoice_date": today})
    fresh.action_post()
    draft = make_invoice((7.0, 1))
    draft.write({"partner_id": partner.id})
    refund = make_invoice((10.0, 1), move_type="out_refund")
    refund.write({"partner_id": partner.id, "invoice_date": today})
    refund.action_post()
    env.invalidate_all()
    assert partner.invoice_count == 4
    assert partner.total_due == 130.0  # 100 + 40 - 10; the draft asks for nothing yet
    assert partner.total_overdue == 100.0
    assert partner.credit == 130.0
    assert (contact.invoice_count, contact.total_due) == (4, 130.0)
    action = partner.action_view_partner_invoices()
    found = env["account.move"].search(action["domain"])
    assert found == old | fresh | draft | refund
    wizard = env["account.payment.register"].with_context(active_model="account.move", active_ids=old.ids)
    wizard.create({"amount": 60.0}).action_create_payments()
    env.invalidate_all()
    assert (partner.total_due, partner.total_overdue, partner.credit) == (70.0, 40.0, 70.0)


def test_partner_form_shows_the_invoicing_smart_buttons(login_as, in_db):
    admin = login_as("admin")

    def make(env):
        partner = env["res.partner"].create({"name": "Smart Buttons SL", "is_company": True})
        move = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-01-05",
                "invoice_line_ids": [(0, 0, {"name": "Desk", "price_unit": 250.0, "quantity": 1})],
            }
        )
        move.action_post()
        return partner.id

    partner_id = in_db(make)
    page = admin.get(f"/web/model/res.partner/{partner_id}").get_data(as_text=True)
    for field, label in (
        ("invoice_count", "Invoices"),
        ("total_due", "Due"),
        ("total_overdue", "Overdue"),
        ("credit", "Balance"),
    ):
        box = re.search(rf'<div class="stat-box" data-field="{field}">(.*?)</div>', page, re.S)
        assert box and label in box.group(1), field
    assert "action_view_partner_invoices" in page
