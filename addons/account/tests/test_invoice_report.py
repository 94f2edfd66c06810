"""The printed invoice: the company, the lines, the tax summary, the totals and the payment reference."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from addons.account.models.account_move_qr import epc_payload
from core.exceptions import ValidationError


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


def test_invoice_pdf_has_an_epc_payment_qr_code_when_the_bank_account_is_an_iban(env, make_invoice, chart):
    chart("journal_bnk1").bank_account_id = False  # the demo's
    env["res.partner.bank"].search([]).unlink()
    move = make_invoice((100.0, 1, env.ref("account_tax.tax_iva_21")), post=True)
    assert move._account_epc_payload() is None  # no bank account yet
    plain = PdfReader(io.BytesIO(move._report_pdf()))
    assert not any(page.images for page in plain.pages)
    with pytest.raises(ValidationError) as error:
        env["res.partner.bank"].create({"acc_number": "ES91 2100 0418 4502 0005 1330", "partner_id": 1})
    assert error.value.field == "acc_number" and "IBAN" in str(error.value)
    bank = env["res.partner.bank"].create(
        {
            "acc_number": "es9121000418450200051332",
            "partner_id": env.company.partner_id.id,
            "bank_bic": "CAIXESBBXXX",
        }
    )
    assert bank.acc_number == "ES91 2100 0418 4502 0005 1332" and bank.acc_type == "iban"
    chart("journal_bnk1").bank_account_id = bank
    payload = move._account_epc_payload().split("\n")
    assert payload[:8] == [
        "BCD",
        "002",
        "1",
        "SCT",
        "CAIXESBBXXX",
        env.company.name,
        "ES9121000418450200051332",
        "EUR121.00",
    ]
    assert payload[-1] == move.payment_reference
    reader = PdfReader(io.BytesIO(move._report_pdf()))
    assert sum(len(page.images) for page in reader.pages) == 1
    assert "Scan to pay" in "".join(page.extract_text() for page in reader.pages)
    # an RF creditor reference goes to the structured field; a dollar invoice has no code
    assert epc_payload("Co", "ES9121000418450200051332", 5, "RF18539007547034").split("\n")[9:] == [
        "RF18539007547034"
    ]
    usd = env.ref("base.USD")
    usd.active = True
    dollars = make_invoice((10.0, 1, None), currency_id=usd.id, post=True)
    assert dollars._account_epc_payload() is None
