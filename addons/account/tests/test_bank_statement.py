"""Bank statements: CSV and CAMT.053 imports, suggested matches by reference and amount, reconciliation
by hand, and payments that wait "in payment" until their bank line is reconciled."""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path

import pytest

from core.exceptions import UserError, ValidationError

DATA = Path(__file__).parent / "data"


def register(env, moves, **values):
    wizard = env["account.payment.register"].with_context(active_model="account.move", active_ids=moves.ids)
    return wizard.create(values).action_create_payments()


def import_file(env, content: bytes, **values):
    wizard = env["account.bank.statement.import"].create(
        {
            "data_file": base64.b64encode(content).decode(),
            "journal_id": env.ref(f"account_chart.{env.ref('base.main_company').id}_journal_bnk1").id,
            **values,
        }
    )
    action = wizard.action_import()
    return env["account.bank.statement"].browse(action["res_id"])


@pytest.fixture
def invoice(env, make_invoice):
    return make_invoice((100.0, 1, env.ref("account_tax.tax_iva_21")), post=True)


def test_csv_import_books_lines_in_suspense_and_suggests_by_reference(env, invoice, chart):
    csv = (
        "date,label,reference,partner,amount\n"
        f"2026-06-03,Transfer {invoice.payment_reference.lower()},T-1,,121.00\n"
        "2026-06-04,Bank fees,,,-4.50\n"
    ).encode()
    statement = import_file(env, csv, statement_name="June")
    assert statement.name == "June" and len(statement.line_ids) == 2
    assert statement.balance_end_real == 116.5 and statement.is_complete
    first, fees = statement.line_ids.sorted("sequence")
    assert first.move_id.state == "posted" and first.amount_residual == 121.0
    suspense = first.move_id.line_ids.filtered(lambda ln: ln.account_id == chart("suspense"))
    assert suspense.credit == 121.0
    assert first.counterpart_line_ids.move_id == invoice and "reference" in first.match_reason
    assert first.partner_id == invoice.partner_id
    first.action_reconcile()
    assert first.is_reconciled and first.amount_residual == 0.0
    assert invoice.payment_state == "paid" and invoice.amount_residual == 0.0
    assert not first.move_id.line_ids.filtered(lambda ln: ln.account_id == chart("suspense"))
    # the fees have no match: booked by hand to an expense account
    assert not fees.counterpart_line_ids
    with pytest.raises(ValidationError) as error:
        fees.action_reconcile()
    assert error.value.field == "counterpart_line_ids"
    fees.write({"writeoff_account_id": chart("expense").id, "writeoff_label": "Fees"})
    fees.action_reconcile()
    assert fees.is_reconciled
    expense = fees.move_id.line_ids.filtered(lambda ln: ln.account_id == chart("expense"))
    assert expense.debit == 4.5
    assert statement.lines_to_reconcile == 0


def test_csv_column_mapping_and_errors_name_the_line(env, invoice):
    csv = b"Fecha;Concepto;Importe\n03/06/2026;Cobro;121,00\n04/06/2026;Otro;abc\n"
    mapping = {
        "csv_delimiter": ";",
        "csv_date_format": "%d/%m/%Y",
        "csv_decimal_separator": ",",
        "csv_date_column": "Fecha",
        "csv_label_column": "Concepto",
        "csv_amount_column": "Importe",
    }
    before = env["account.bank.statement"].search_count([])
    with pytest.raises(ValidationError) as error:
        import_file(env, csv, **mapping)
    assert "Line 3" in str(error.value) and "'abc'" in str(error.value)
    assert error.value.field == "csv_amount_column"
    assert env["account.bank.statement"].search_count([]) == before
    with pytest.raises(ValidationError) as error:
        import_file(env, csv, **{**mapping, "csv_amount_column": "Amount"})
    assert "'amount'" in str(error.value) and error.value.field == "csv_amount_column"
    with pytest.raises(ValidationError) as error:
        import_file(env, b"date,label,amount\n2026-13-01,x,1\n")
    assert "Line 2" in str(error.value) and error.value.field == "csv_date_column"
    statement = import_file(env, csv.split(b"04/06")[0], **mapping)
    line = statement.line_ids
    assert (line.date, line.amount, line.payment_ref) == (dt.date(2026, 6, 3), 121.0, "Cobro")


def test_suggestion_by_amount_for_the_partner(env, make_invoice):
    invoice = make_invoice((77.77, 1), post=True)
    make_invoice((77.77, 1), post=True, partner="base.res_partner_3")
    csv = f"date,label,partner,amount\n2026-06-03,Transfer,{invoice.partner_id.name},77.77\n".encode()
    line = import_file(env, csv).line_ids
    assert line.counterpart_line_ids.move_id == invoice and "amount" in line.match_reason
    line.action_reconcile()
    assert invoice.payment_state == "paid"


def test_payment_is_in_payment_until_its_bank_line_is_reconciled(env, invoice, chart):
    register(env, invoice, payment_date=dt.date(2026, 6, 1))
    assert invoice.payment_state == "in_payment" and invoice.amount_residual == 0.0
    payment = invoice.line_ids.mapped("matched_credit_ids.credit_move_id.move_id.payment_id")
    assert not payment.is_matched
    outstanding = payment.move_id.line_ids.filtered(lambda ln: ln.account_id == chart("outstanding_receipts"))
    assert outstanding.debit == 121.0
    csv = f"date,label,partner,amount\n2026-06-02,SEPA credit,{invoice.partner_id.name},121.00\n".encode()
    line = import_file(env, csv).line_ids
    assert line.counterpart_line_ids == outstanding and line.partner_id == invoice.partner_id
    line.action_reconcile()
    assert payment.is_matched and invoice.payment_state == "paid"
    line.action_undo_reconciliation()
    assert not line.is_reconciled and line.amount_residual == 121.0
    assert invoice.payment_state == "in_payment" and not payment.is_matched


def test_partial_bank_line_and_hand_matching_of_two_invoices(env, make_invoice):
    first = make_invoice((100.0, 1), post=True)
    second = make_invoice((50.0, 1), post=True)
    line = import_file(env, b"date,label,amount\n2026-06-05,Two invoices,120\n").line_ids
    line.write(
        {
            "counterpart_line_ids": [
                (
                    6,
                    0,
                    (first | second)
                    .mapped("line_ids")
                    .filtered(lambda ln: ln.display_type == "payment_term")
                    .ids,
                )
            ]
        }
    )
    line.action_reconcile()
    assert line.is_reconciled
    assert (first.payment_state, second.payment_state) == ("paid", "partial")
    assert second.amount_residual == 30.0
    with pytest.raises(UserError):
        line.action_reconcile()


def test_camt053_import(env, invoice):
    xml = (DATA / "camt053.xml").read_text().replace("PAYREF", invoice.payment_reference).encode()
    statement = import_file(env, xml, file_format="camt053")
    assert statement.name == "STMT-2026-06" and statement.balance_start == 1000.0
    assert statement.balance_end_real == 1116.5 and statement.is_complete
    incoming, fee = statement.line_ids.sorted("sequence")
    assert incoming.amount == 121.0 and incoming.date == dt.date(2026, 6, 3)
    assert incoming.ref == "E2E-1" and incoming.partner_name == "Deco Addict"
    assert incoming.counterpart_line_ids.move_id == invoice
    assert fee.amount == -4.5
    statement.line_ids.action_accept_suggestions()
    assert incoming.is_reconciled and not fee.is_reconciled and invoice.payment_state == "paid"


def test_camt053_errors(env):
    with pytest.raises(ValidationError) as error:
        import_file(env, b"<not xml", file_format="camt053")
    assert "XML" in str(error.value) and error.value.field == "data_file"
    with pytest.raises(ValidationError) as error:
        import_file(env, b"<Document><Other/></Document>", file_format="camt053")
    assert "CAMT.053" in str(error.value)


def test_matching_a_payment_by_hand_over_the_record_api_pays_the_invoice(env, invoice, chart):
    register(env, invoice, payment_date=dt.date(2026, 6, 1))
    payment = invoice.line_ids.mapped("matched_credit_ids.credit_move_id.move_id.payment_id")
    outstanding = payment.move_id.line_ids.filtered(lambda ln: ln.account_id == chart("outstanding_receipts"))
    # an accountant's own entry: the money arrived on the bank account
    entry = env["account.move"].create(
        {
            "move_type": "entry",
            "journal_id": chart("journal_misc").id,
            "line_ids": [
                (0, 0, {"account_id": chart("bank").id, "debit": 121.0}),
                (0, 0, {"account_id": chart("outstanding_receipts").id, "credit": 121.0}),
            ],
        }
    )
    entry.action_post()
    (outstanding | entry.line_ids.filtered(lambda ln: ln.credit)).reconcile()
    assert invoice.payment_state == "paid"
    outstanding.remove_move_reconcile()
    assert invoice.payment_state == "in_payment"


def test_the_screen_lists_the_partners_open_items(env, make_invoice):
    invoice = make_invoice((30.0, 1), post=True)
    other = make_invoice((31.0, 1), post=True, partner="base.res_partner_3")
    csv = f"date,label,partner,amount\n2026-06-05,Something,{invoice.partner_id.name},999\n".encode()
    line = import_file(env, csv).line_ids
    assert not line.counterpart_line_ids
    moves = line.candidate_line_ids.mapped("move_id")
    assert invoice in moves and other not in moves


def test_the_reconciliation_screen_lists_open_items_as_a_table(login_as, in_db):
    admin = login_as("admin")

    def make(env):
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": env.ref("base.res_partner_2").id,
                "invoice_line_ids": [(0, 0, {"name": "Audit", "price_unit": 64.0, "quantity": 1})],
            }
        )
        invoice.action_post()
        journal = env["account.journal"].search([("type", "=", "bank")], limit=1)
        line = env["account.bank.statement.line"].create(
            {
                "journal_id": journal.id,
                "payment_ref": "Unclear",
                "amount": 10.0,
                "partner_id": invoice.partner_id.id,
            }
        )
        return line.id, invoice.name

    line_id, number = in_db(make)
    page = admin.get(f"/web/model/account.bank.statement.line/{line_id}").get_data(as_text=True)
    table = re.search(r'data-field="candidate_line_ids">(.*?)</table>', page, re.S)
    assert table and "<th" in table.group(1) and number in table.group(1) and "64.00" in table.group(1)


def test_camt053_finds_the_journal_from_its_iban(env, invoice, chart):
    xml = (DATA / "camt053.xml").read_bytes()
    demo_account = chart("journal_bnk1").bank_account_id
    chart("journal_bnk1").bank_account_id = False
    demo_account.unlink()
    with pytest.raises(ValidationError) as error:
        import_file(env, xml, file_format="camt053", journal_id=False)
    assert "ES9121000418450200051332" in str(error.value) and error.value.field == "journal_id"
    chart("journal_bnk1").bank_account_id = env["res.partner.bank"].create(
        {"acc_number": "ES91 2100 0418 4502 0005 1332", "partner_id": env.company.partner_id.id}
    )
    statement = import_file(env, xml, file_format="camt053", journal_id=False)
    assert statement.journal_id == chart("journal_bnk1")


def test_a_booked_bank_line_keeps_its_amount_and_date(env):
    line = import_file(env, b"date,label,amount\n2026-06-05,Kept,50\n").line_ids
    line.write({"amount": 50.0, "date": "2026-06-05", "ref": "R-1"})  # unchanged values pass
    with pytest.raises(UserError) as error:
        line.write({"amount": 60.0})
    assert "amount" in str(error.value)
    assert line.amount == 50.0 and line.ref == "R-1"


def test_payments_list_shows_whether_the_bank_matched_them(login_as):
    page = login_as("admin").get("/web/model/account.payment").get_data(as_text=True)
    assert "Is Matched With a Bank Statement" in page
