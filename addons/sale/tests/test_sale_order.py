"""Quotations: numbering, what they take from the customer and the products, prices and totals."""

from __future__ import annotations

import pytest


def test_quotations_are_numbered_from_the_sequence(env, make_order):
    first, second = make_order(), make_order()
    assert first.name.startswith("S") and len(first.name) == 6
    assert int(second.name[1:]) == int(first.name[1:]) + 1


def test_customer_gives_addresses_and_pricelist(env, make_order):
    company = env.ref("base.res_partner_1")
    invoice = env["res.partner"].create({"name": "Accounts", "parent_id": company.id, "type": "invoice"})
    order = make_order(partner="base.res_partner_1")
    assert order.partner_invoice_id == invoice
    assert order.partner_shipping_id == company
    assert order.pricelist_id == env.ref("product.pricelist_resellers")
    assert order.currency_id == env.ref("base.EUR")


def test_customer_without_pricelist_gets_the_public_one(env, make_order):
    assert make_order().pricelist_id == env.ref("product.list0")


def test_salesperson_gives_the_team(env, make_order):
    assert make_order().team_id == env.ref("sales_team.team_sales_department")


def test_line_takes_description_unit_taxes_and_pricelist_price(env, make_order):
    order = make_order(("product_delivery_02", 10), partner="base.res_partner_1")
    line = order.order_line
    assert line.name == "[FURN_7777] Office Chair\nDelivered assembled, with a five-year warranty."
    assert line.product_uom == env.ref("uom.product_uom_unit")
    assert line.tax_id == env.ref("account_tax.tax_iva_21")
    assert line.price_unit == 99.0  # the resellers' price from 10 chairs


def test_quantity_change_reprices_a_quotation_line(env, make_order):
    line = make_order(("product_delivery_02", 1), partner="base.res_partner_1").order_line
    assert line.price_unit == pytest.approx(101.99)
    line.write({"product_uom_qty": 12})
    assert line.price_unit == 99.0


def test_given_price_is_kept(env, make_order):
    line = make_order(
        {"product_id": env.ref("product.product_delivery_02").id, "price_unit": 80.0}
    ).order_line
    assert line.price_unit == 80.0


def test_product_change_takes_the_new_product(env, make_order):
    line = make_order(("product_delivery_02", 1)).order_line
    line.write({"product_id": env.ref("product.product_book").id})
    assert (line.name.split("\n")[0], line.price_unit, line.tax_id) == (
        "[SUP_0007] Sales Handbook",
        25.0,
        env.ref("account_tax.tax_iva_4"),
    )


def test_totals_with_taxes_excluded(env, make_order):
    order = make_order(("product_delivery_02", 2), ("product_book", 3), ("product_coffee", 1))
    # 240 at 21%, 75 at 4%, 18 at 10%
    assert (order.amount_untaxed, order.amount_tax, order.amount_total) == (333.0, 55.2, 388.2)
    assert [line.price_total for line in order.order_line] == [290.4, 78.0, 19.8]


def test_totals_with_taxes_included(env, make_order):
    included = env.ref("account_tax.tax_iva_21_included")
    order = make_order(
        {
            "product_id": env.ref("product.product_mouse").id,
            "price_unit": 121.0,
            "product_uom_qty": 2,
            "tax_id": [(6, 0, included.ids)],
        }
    )
    assert (order.amount_untaxed, order.amount_tax, order.amount_total) == (200.0, 42.0, 242.0)


def test_discount_lowers_the_subtotal(env, make_order):
    order = make_order(
        {
            "product_id": env.ref("product.product_mouse").id,
            "price_unit": 100.0,
            "product_uom_qty": 3,
            "discount": 10,
        }
    )
    assert (order.amount_untaxed, order.amount_tax) == (270.0, 56.7)


def _small_lines(env):
    mouse = env.ref("product.product_mouse").id
    return [{"product_id": mouse, "price_unit": 0.35, "product_uom_qty": 1} for _ in range(3)]


def test_rounding_per_line_adds_rounded_taxes(env, make_order):
    order = make_order(*_small_lines(env))
    assert [line.price_tax for line in order.order_line] == [0.07, 0.07, 0.07]
    assert (order.amount_untaxed, order.amount_tax, order.amount_total) == (1.05, 0.21, 1.26)


def test_rounding_globally_rounds_each_tax_once(env, make_order):
    env.company.tax_calculation_rounding_method = "round_globally"
    order = make_order(*_small_lines(env))
    assert order.order_line[0].price_tax == pytest.approx(0.0735)
    assert (order.amount_untaxed, order.amount_tax, order.amount_total) == (1.05, 0.22, 1.27)


def test_global_rounding_with_taxes_included(env, make_order, make_tax):
    env.company.tax_calculation_rounding_method = "round_globally"
    included = env.ref("account_tax.tax_iva_21_included")
    mouse = env.ref("product.product_mouse").id
    order = make_order(*[{"product_id": mouse, "price_unit": 10.0, "tax_id": [(6, 0, included.ids)]}] * 3)
    # each line: 8.2645 + 1.7355; the tax of the three lines rounds once: 5.21
    assert order.amount_tax == 5.21
    assert order.amount_untaxed == pytest.approx(24.78)
    assert order.amount_total == pytest.approx(29.99)


def test_sections_and_notes_have_no_amount(env, make_order):
    order = make_order(
        {"display_type": "line_section", "name": "Furniture"},
        ("product_delivery_02", 1),
        {"display_type": "line_note", "name": "Delivered on Monday"},
    )
    section = order.order_line.filtered(lambda line: line.display_type == "line_section")
    assert (section.product_uom_qty, section.price_subtotal) == (0.0, 0.0)
    assert order.amount_untaxed == 120.0


def test_update_prices_follows_a_new_pricelist(env, make_order):
    order = make_order(("product_delivery_02", 1))
    assert order.order_line.price_unit == 120.0
    order.write({"pricelist_id": env.ref("product.pricelist_resellers").id})
    assert order.order_line.price_unit == 120.0  # lines keep their price until asked
    order.action_update_prices()
    assert order.order_line.price_unit == pytest.approx(101.99)


def test_partner_counts_its_orders_and_its_contacts(env, make_order):
    company = env.ref("base.res_partner_2")
    before = company.sale_order_count
    contact = env["res.partner"].create({"name": "Buyer", "parent_id": company.id})
    env["sale.order"].create({"partner_id": contact.id})
    make_order()
    env.invalidate_all()
    assert company.sale_order_count == before + 2


def test_demo_has_orders_in_every_state(env):
    Order = env["sale.order"]
    assert {
        state for state in ("draft", "sent", "sale", "cancel") if Order.search_count([("state", "=", state)])
    } == {"draft", "sent", "sale", "cancel"}
    assert Order.search_count([("locked", "=", True)]) >= 1


def test_form_changing_the_customer_changes_pricelist_and_addresses(env):
    customer = env.ref("base.res_partner_1")
    shown = {"partner_id": customer.id, "pricelist_id": env.ref("product.list0").id,
             "partner_invoice_id": False, "company_id": env.company.id}
    answer = env["sale.order"].onchange(shown, ["partner_id"], ["pricelist_id", "partner_invoice_id"])
    assert answer["value"]["pricelist_id"][0] == env.ref("product.pricelist_resellers").id
    assert answer["value"]["partner_invoice_id"][0] == customer.id


def test_form_changing_the_salesperson_changes_the_team(env):
    team = env["crm.team"].create({"name": "Retail"})
    seller = env["res.users"].create({"name": "Seller", "login": "seller_onchange"})
    env["crm.team.member"].create({"crm_team_id": team.id, "user_id": seller.id})
    answer = env["sale.order"].onchange({"user_id": seller.id, "team_id": False}, ["user_id"], ["team_id"])
    assert answer["value"]["team_id"][0] == team.id
