"""From an opportunity to a quotation, and from a confirmed quotation to a won opportunity."""

from __future__ import annotations

import pytest

from core.exceptions import UserError


def quote(env, lead, *lines):
    order = env["sale.order"].browse(lead.action_sale_quotations_new()["res_id"])
    order.write(
        {
            "order_line": [
                (0, 0, {"product_id": env.ref(f"product.{xmlid}").id, "product_uom_qty": qty})
                for xmlid, qty in lines
            ]
        }
    )
    return order


def test_new_quotation_carries_the_opportunity_over(env, opportunity):
    action = opportunity.action_sale_quotations_new()
    order = env["sale.order"].browse(action["res_id"])
    assert (action["res_model"], order.state) == ("sale.order", "draft")
    assert order.partner_id == opportunity.partner_id
    assert order.user_id == opportunity.user_id and order.team_id == opportunity.team_id
    assert order.source_id == opportunity.source_id
    assert (order.opportunity_id, order.origin) == (opportunity, "Office refit")


def test_lead_without_customer_gets_one_from_its_names(env):
    lead = env["crm.lead"].create(
        {
            "name": "Chairs",
            "type": "opportunity",
            "partner_name": "Sillas Norte S.L.",
            "email_from": "compras@sillasnorte.example.com",
        }
    )
    order = env["sale.order"].browse(lead.action_sale_quotations_new()["res_id"])
    assert order.partner_id.name == "Sillas Norte S.L." and lead.partner_id == order.partner_id


def test_lead_with_a_known_email_quotes_that_customer(env):
    known = env.ref("base.res_partner_4")
    lead = env["crm.lead"].create({"name": "Repeat order", "type": "opportunity", "email_from": known.email})
    order = env["sale.order"].browse(lead.action_sale_quotations_new()["res_id"])
    assert order.partner_id == known


def test_lost_opportunity_is_not_quoted(env, opportunity):
    opportunity.write({"active": False})
    with pytest.raises(UserError, match="lost"):
        opportunity.action_sale_quotations_new()


def test_opportunity_counts_and_totals_its_quotations(env, opportunity):
    quote(env, opportunity, ("product_delivery_02", 2))
    quote(env, opportunity, ("product_book", 4))
    assert (opportunity.quotation_count, opportunity.quotation_amount_total) == (2, 340.0)
    assert (opportunity.sale_order_count, opportunity.sale_amount_total) == (0, 0.0)


def test_confirming_wins_the_opportunity_with_the_order_amount(env, opportunity):
    first = quote(env, opportunity, ("product_delivery_02", 2))
    second = quote(env, opportunity, ("product_book", 4))
    first.action_confirm()
    assert opportunity.won_status == "won" and opportunity.probability == 100
    assert opportunity.expected_revenue == 240.0
    second.action_confirm()
    assert opportunity.expected_revenue == 340.0
    assert (opportunity.quotation_count, opportunity.sale_order_count, opportunity.sale_amount_total) == (
        0,
        2,
        340.0,
    )


def test_demo_opportunities_have_quotations_and_wins(env):
    quoted = env["crm.lead"].search([("order_ids", "!=", False)])
    assert len(quoted) >= 6
    assert len(quoted.filtered(lambda lead: lead.won_status == "won")) >= 3


def test_new_quotation_over_rpc(admin):
    lead_id = admin(
        "crm.lead",
        "create",
        {
            "name": "RPC deal",
            "type": "opportunity",
            "partner_id": admin("ir.model.data", "xmlid_to_res_id", "base.res_partner_4"),
        },
    )
    action = admin("crm.lead", "action_sale_quotations_new", [lead_id])
    assert action["res_model"] == "sale.order"
    order = admin("sale.order", "read", [action["res_id"]], ["opportunity_id", "partner_id", "state"])[0]
    assert order["opportunity_id"][0] == lead_id and order["state"] == "draft"
