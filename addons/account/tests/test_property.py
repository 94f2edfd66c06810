"""Property: whatever invoices, credit notes and payments a customer gets, every entry balances and
what the customer owes on the receivable account equals the open residuals of their documents."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

line = st.tuples(st.decimals(min_value="0.01", max_value="5000", places=2), st.integers(1, 7), st.booleans())
document = st.tuples(st.sampled_from(["out_invoice", "out_refund"]), st.lists(line, min_size=1, max_size=4))
operation = st.one_of(
    st.tuples(st.just("document"), document),
    st.tuples(st.just("pay"), st.integers(0, 9), st.integers(1, 100)),
    st.tuples(st.just("reverse"), st.integers(0, 9)),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=8))
def test_random_documents_keep_the_books_balanced(env, operations):
    partner = env["res.partner"].create({"name": "Cliente propiedad", "is_company": True})
    iva = env.ref("account_tax.tax_iva_21")
    documents = env["account.move"]
    for op in operations:
        if op[0] == "document":
            move_type, lines = op[1]
            move = (
                env["account.move"]
                .with_context(default_move_type=move_type)
                .create(
                    {
                        "move_type": move_type,
                        "partner_id": partner.id,
                        "invoice_date": dt.date(2026, 3, 1),
                        "invoice_line_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": "p",
                                    "price_unit": float(price),
                                    "quantity": qty,
                                    "tax_ids": [(6, 0, iva.ids if taxed else [])],
                                },
                            )
                            for price, qty, taxed in lines
                        ],
                    }
                )
            )
            move.action_post()
            documents |= move
        elif op[0] == "pay" and documents:
            move = documents[op[1] % len(documents)]
            if move.amount_residual > 0:
                amount = max(0.01, round(move.amount_residual * op[2] / 100, 2))
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=move.ids
                ).create({"amount": amount}).action_create_payments()
        elif op[0] == "reverse" and documents:
            move = documents[op[1] % len(documents)]
            if move.payment_state == "not_paid" and not move.reversed_entry_id and not move.reversal_move_id:
                wizard = (
                    env["account.move.reversal"]
                    .with_context(active_model="account.move", active_ids=move.ids)
                    .create({})
                )
                documents |= env["account.move"].browse(wizard.reverse_moves()["res_id"])
    moves = env["account.move"].search([("partner_id", "=", partner.id)])
    for move in moves:
        assert move.state == "posted"
        assert round(sum(move.line_ids.mapped("debit")) - sum(move.line_ids.mapped("credit")), 2) == 0.0
        assert round(sum(move.line_ids.mapped("balance")), 2) == 0.0
    receivable = env["account.move.line"].search(
        [
            ("partner_id", "=", partner.id),
            ("parent_state", "=", "posted"),
            ("account_type", "=", "asset_receivable"),
        ]
    )
    invoices = moves.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
    owed = round(sum(receivable.mapped("balance")), 2)
    assert owed == round(sum(invoices.mapped("amount_residual_signed")), 2)
    assert owed == round(partner.credit, 2)
    for invoice in invoices:
        assert -0.001 <= invoice.amount_residual <= invoice.amount_total + 0.001
        expected = "not_paid" if invoice.amount_residual == invoice.amount_total else None
        if invoice.amount_residual == 0:
            assert invoice.payment_state in ("in_payment", "paid", "reversed")
        elif expected:
            assert invoice.payment_state == expected
        else:
            assert invoice.payment_state == "partial"
