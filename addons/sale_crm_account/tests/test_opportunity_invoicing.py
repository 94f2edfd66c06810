"""The opportunity's invoiced revenue: the posted invoices of its orders, less credit notes."""

from __future__ import annotations

import re


def _invoice(env, order, post=True):
    wizard = (
        env["sale.advance.payment.inv"]
        .with_context(active_model="sale.order", active_ids=order.ids)
        .create({"advance_payment_method": "delivered"})
    )
    action = wizard.create_invoices()
    move = env["account.move"].browse(action["res_id"])
    if post:
        move.action_post()
    return move


def test_opportunity_sums_the_posted_invoices_of_its_orders(env):
    lead = env["crm.lead"].create(
        {"name": "Invoiced deal", "type": "opportunity", "partner_id": env.ref("base.res_partner_2").id}
    )
    order = env["sale.order"].browse(lead.action_sale_quotations_new()["res_id"])
    order.write(
        {
            "order_line": [
                (
                    0,
                    0,
                    {
                        "product_id": env.ref("product.product_delivery_02").id,
                        "product_uom_qty": 2,
                        "price_unit": 150.0,
                    },
                )
            ]
        }
    )
    order.action_confirm()
    assert lead.invoiced_amount == 0.0
    draft = _invoice(env, order, post=False)
    env.invalidate_all()
    assert lead.invoiced_amount == 0.0  # drafts are not revenue yet
    draft.action_post()
    env.invalidate_all()
    assert lead.invoiced_amount == 300.0
    assert env["account.move"].search(lead.action_view_invoices()["domain"]) == draft
    reversal = (
        env["account.move.reversal"]
        .with_context(active_model="account.move", active_ids=draft.ids)
        .create({"reason": "Returned"})
    )
    reversal.reverse_moves()
    env.invalidate_all()
    assert lead.invoiced_amount == 0.0


def test_opportunity_form_shows_the_invoiced_revenue(login_as, in_db):
    admin = login_as("admin")

    def make(env):
        lead = env["crm.lead"].create(
            {"name": "Shown deal", "type": "opportunity", "partner_id": env.ref("base.res_partner_2").id}
        )
        order = env["sale.order"].browse(lead.action_sale_quotations_new()["res_id"])
        order.write(
            {
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": env.ref("product.product_delivery_02").id,
                            "product_uom_qty": 1,
                            "price_unit": 80.0,
                        },
                    )
                ]
            }
        )
        order.action_confirm()
        _invoice(env, order)
        return lead.id

    lead_id = in_db(make)
    page = admin.get(f"/web/model/crm.lead/{lead_id}").get_data(as_text=True)
    box = re.search(r'<div class="stat-box" data-field="invoiced_amount">(.*?)</div>', page, re.S)
    assert box and "Invoiced" in box.group(1) and "80" in box.group(1)
