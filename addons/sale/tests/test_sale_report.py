"""The printed quotation: a PDF of the order's lines and totals, in the customer's language, from the
form's Print button and attached when the quotation is sent."""

from __future__ import annotations

import io

import pypdf
import pytest


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_shows_the_lines_and_totals(env, make_order):
    order = make_order(("product_delivery_02", 2), ("product_book", 3), client_order_ref="PO-77")
    text = pdf_text(order._report_pdf())
    assert f"Quotation {order.name}" in text
    assert "Ayuntamiento de Villanueva" in text and "PO-77" in text
    assert "[FURN_7777] Office Chair" in text and "VAT 4%" in text
    assert "Untaxed Amount €315.00" in text and "Total €368.40" in text
    order.action_confirm()
    assert f"Sales Order {order.name}" in pdf_text(order._report_pdf())


def test_pdf_speaks_the_customer_language(env, make_order):
    env.ref("base.res_partner_2").write({"lang": "es_ES"})
    order = make_order(("product_delivery_02", 1))
    text = pdf_text(order._report_pdf())
    assert f"Presupuesto {order.name}" in text
    assert "Silla de oficina" in text and "Base imponible" in text and "IVA 21%" in text


def test_sections_print_as_titles(env, make_order):
    order = make_order(
        {"display_type": "line_section", "name": "Furniture for the hall"}, ("product_delivery_02", 1)
    )
    assert "Furniture for the hall" in pdf_text(order._report_pdf())


def test_print_button_opens_the_pdf(env, make_order):
    order = make_order(("product_delivery_02", 1))
    assert order.action_print() == {
        "type": "ir.actions.act_url",
        "url": f"/sale/orders/{order.id}/pdf",
        "target": "new",
    }


def test_sending_attaches_the_pdf_to_the_message(env, make_order):
    order = make_order(("product_delivery_02", 1))
    order.action_quotation_send()
    message = order.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
    [attachment] = message.attachment_ids
    assert attachment.name == f"Quotation - {order.name}.pdf" and attachment.mimetype == "application/pdf"


def test_pdf_route_serves_the_salesperson_own_orders_only(login_as, in_db):
    def prepare(env):
        demo = env.ref("base.user_demo")
        demo.write({"groups_id": [(4, env.ref("sales_team.group_sale_salesman").id)]})
        product = env.ref("product.product_delivery_02").id
        Order = env["sale.order"]
        mine = Order.create(
            {
                "partner_id": env.ref("base.res_partner_2").id,
                "user_id": demo.id,
                "order_line": [(0, 0, {"product_id": product})],
            }
        )
        other = Order.create(
            {
                "partner_id": env.ref("base.res_partner_2").id,
                "user_id": env.ref("base.user_admin").id,
                "order_line": [(0, 0, {"product_id": product})],
            }
        )
        return mine.id, mine.name, other.id

    mine, name, other = in_db(prepare)
    client = login_as("demo")
    response = client.get(f"/sale/orders/{mine}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert name in pdf_text(response.data)
    assert f"Quotation - {name}.pdf" in response.headers["Content-Disposition"]
    refused = client.get(f"/sale/orders/{other}/pdf")
    assert refused.status_code in (403, 404)


@pytest.mark.parametrize("path", ["/sale/orders/999999/pdf", "/sale/orders/x/pdf"])
def test_pdf_route_of_missing_orders_is_not_found(login_as, path):
    assert login_as("admin").get(path).status_code == 404
