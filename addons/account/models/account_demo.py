"""Demo accounting: the generic chart on the demo company, and a seeded mix of customer invoices,
credit notes, vendor bills and payments."""

from __future__ import annotations

import datetime as dt
import random

from core import clock, model


@model("res.company")
class ResCompanyDemo:
    def _demo_load_chart(self) -> bool:
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            company.action_load_chart_template("generic_coa")
        return True


@model("account.move")
class AccountMoveDemo:
    def _demo_generate_invoices(self, seed: int = 11) -> bool:
        """Invoices and bills over the last months, some paid, some partly, some overdue; True."""
        rng = random.Random(seed)
        partners = self.env["res.partner"].search(
            [("is_company", "=", True), ("id", "!=", self.env.company.partner_id.id)], limit=8
        )
        products = self.env["product.product"].search([("sale_ok", "=", True)], limit=10)
        if not partners or not products:
            return True
        terms = [
            self.env.ref(f"account.account_payment_term_{key}") for key in ("immediate", "30days", "30_60")
        ]
        today = clock.today()
        for index in range(12):
            move_type = "in_invoice" if index % 4 == 3 else "out_invoice"
            date = today - dt.timedelta(days=rng.randint(5, 120))
            move = self.with_context(default_move_type=move_type).create(
                {
                    "move_type": move_type,
                    "partner_id": partners[index % len(partners)].id,
                    "invoice_date": date,
                    "invoice_payment_term_id": terms[index % len(terms)].id,
                    "ref": f"SUP-{index:03d}" if move_type == "in_invoice" else False,
                    "invoice_line_ids": [
                        (0, 0, {"product_id": product.id, "quantity": rng.choice([1, 2, 3, 5])})
                        for product in rng.sample(list(products), k=rng.randint(1, 3))
                    ],
                }
            )
            if index == 11:
                continue  # one draft left to finish
            move.action_post()
            if index % 3 == 0:
                move._demo_pay(move.amount_residual, date + dt.timedelta(days=10))
            elif index % 3 == 1:
                move._demo_pay(round(move.amount_residual / 2, 2), date + dt.timedelta(days=20))
        self._demo_foreign_invoice(partners[0], products[0], today)
        return True

    def _demo_foreign_invoice(self, partner: object, product: object, today: dt.date) -> None:
        """An invoice in US dollars, at a rate of the company's own, half paid."""
        usd = self.env.ref("base.USD", raise_if_not_found=False)
        if usd is None:
            return
        usd.sudo().write({"active": True})
        self.env["res.currency.rate"].sudo().create(
            {
                "currency_id": usd.id,
                "name": today - dt.timedelta(days=60),
                "rate": 1.08,
                "company_id": self.env.company.id,
            }
        )
        move = self.with_context(default_move_type="out_invoice").create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "currency_id": usd.id,
                "invoice_date": today - dt.timedelta(days=45),
                "ref": "USD-001",
                "invoice_line_ids": [(0, 0, {"product_id": product.id, "quantity": 4})],
            }
        )
        move.action_post()
        move._demo_pay(round(move.amount_residual / 2, 2), today - dt.timedelta(days=15))

    def _demo_pay(self, amount: float, date: dt.date) -> None:
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=self.ids)
            .create({"amount": amount, "payment_date": date})
        )
        wizard.action_create_payments()
