"""The order lines of the sales order form: taxes as tags in the line cells, editable as tags on a
quotation, and the delivered and invoiced quantities as columns once the order is confirmed."""
from __future__ import annotations

import re

from tests.fixtures.web_client import text


def _order(env, confirm: bool) -> tuple[int, int, int]:
    product = env.ref("product.product_delivery_02")
    order = env["sale.order"].create(
        {
            "partner_id": env.ref("base.res_partner_2").id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 3})],
        }
    )
    line = order.order_line
    line.write({"tax_id": [(6, 0, [env.ref("account_tax.tax_iva_21").id])]})
    if confirm:
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.write({"quantity": 2})
        env["stock.backorder.confirmation"].browse(picking.button_validate()["res_id"]).process_cancel_backorder()
    return order.id, line.id, env.ref("account_tax.tax_iva_4").id


def _headers(page: str) -> list[str]:
    table = re.search(r'<div class="o2m" data-name="order_line".*?<thead>(.*?)</thead>', page, re.S)
    assert table, "order lines table not found"
    cells = re.findall(r"<th[^>]*>(.*?)</th>", table.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in cells]


def test_quotation_lines_show_taxes_as_tags_and_no_delivered_column(login_as, in_db):
    admin = login_as("admin")
    order_id, _line_id, _tax = in_db(lambda env: _order(env, confirm=False))
    page = text(admin.get(f"/web/model/sale.order/{order_id}"))
    headers = _headers(page)
    assert "Taxes" in headers and "Delivered" not in headers and "Invoiced" not in headers
    assert re.search(r'<div class="tags combobox"[^>]*data-name="order_line-0-tax_id"', page)
    cell = re.search(r'data-name="order_line-0-tax_id".*?</div>', page, re.S).group(0)
    assert re.search(r'<li class="tag"><input type="hidden" name="order_line-0-tax_id" value="\d+">', cell)


def test_quotation_line_taxes_are_edited_as_tags(login_as, in_db):
    admin = login_as("admin")
    order_id, line_id, iva_4 = in_db(lambda env: _order(env, confirm=False))
    data = in_db(
        lambda env: {
            "csrf_token": admin.csrf,
            "partner_id": str(env.ref("base.res_partner_2").id),
            "company_id": str(env.company.id),
            "date_order": "2026-01-05T10:00",
            "order_line-0-id": str(line_id),
            "order_line-0-product_id": str(env["sale.order.line"].browse(line_id).product_id.id),
            "order_line-0-product_uom": str(env["sale.order.line"].browse(line_id).product_uom.id),
            "order_line-0-discount": "0",
            "order_line-0-name": env["sale.order.line"].browse(line_id).name,
            "order_line-0-product_uom_qty": "3",
            "order_line-0-tax_id": str(iva_4),
        }
    )
    response = admin.post(f"/web/model/sale.order/{order_id}", data=data)
    assert response.status_code == 302, text(response)[:2000]
    taxes = in_db(lambda env: env["sale.order.line"].browse(line_id).tax_id.ids)
    assert taxes == [iva_4]


def test_confirmed_order_lines_show_delivered_and_invoiced_quantities(login_as, in_db):
    admin = login_as("admin")
    order_id, _line_id, _tax = in_db(lambda env: _order(env, confirm=True))
    page = text(admin.get(f"/web/model/sale.order/{order_id}"))
    headers = _headers(page)
    assert "Delivered" in headers and "Invoiced" in headers
    delivered = headers.index("Delivered")
    row = re.search(r'<tr class="o2m-line">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert "2.00" in cells[delivered]
    taxes = cells[headers.index("Taxes")]
    assert 'class="tag"' in taxes and "combobox" not in taxes  # locked once the order is confirmed
    assert 'name="order_line-0-product_id"' not in row
