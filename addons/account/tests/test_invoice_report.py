"""The printed invoice: the company, the lines, the tax summary, the totals and the payment reference."""

from __future__ import annotations

import io

from pypdf import PdfReader


def test_invoice_pdf_shows_taxes_totals_and_payment_reference(env, make_invoice):
    iva21, iva4 = env.ref("account_tax.tax_iva_21"), env.ref("account_tax.tax_iva_4")
    move = make_invoice((100.0, 2, iva21), (25.0, 1, iva4), post=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(move._report_pdf())).pages)
    assert env.company.name in text and move.partner_id.name in text
    assert f"Invoice {move.name}" in text
    assert "VAT 21%" in text and "€42.00" in text and "€1.00" in text  # the tax summary
    assert "€268.00" in text  # the total: 225 + 42 + 1
    assert f"communication for your payment: {move.name}" in text.replace("\n", " ")


def test_print_action_opens_the_pdf_route(env, make_invoice):
    move = make_invoice((1.0, 1, None))
    assert move.action_print() == {
        "type": "ir.actions.act_url",
        "url": f"/account/invoices/{move.id}/pdf",
        "target": "new",
    }
    assert move._report_filename() == "Draft Invoice.pdf"
