"""The lines a draft invoice books, redrawn from its product lines whenever they change: each
product line's amounts, one tax line per tax and account (from the taxes' repartition), and one
receivable or payable line per instalment of the payment terms. The entry balances by construction:
the instalments take the opposite of everything else, in the company's currency and the invoice's."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from addons.account.models.account_move import INVOICE_TYPES, NO_SYNC, REFUND_TYPES, SALE_TYPES, product_sign
from core import _, clock, model
from core.exceptions import UserError


@model("account.move")
class AccountMoveSync:
    # -- the lines of an invoice ------------------------------------------------------------
    def _account_rate(self) -> float:
        """Units of the company's currency one unit of the invoice's currency is worth on its date."""
        company = self.company_id or self.env.company
        return self.env["res.currency"]._get_conversion_rate(
            self.currency_id, company.currency_id, company, self.invoice_date or self.date or clock.today()
        )

    def _account_sync_lines(self) -> None:
        """Redraw the tax and instalment lines of draft invoices from their product lines, and the
        product lines' amounts; the entry balances by construction."""
        for move in self.filtered(lambda m: m.state == "draft" and m.move_type in INVOICE_TYPES):
            move.with_context(**{NO_SYNC: True})._account_sync_invoice()

    def _account_sync_invoice(self) -> None:
        company = self.company_id or self.env.company
        company_currency, currency = company.currency_id, self.currency_id
        rate = self._account_rate()
        sign = product_sign(self.move_type)
        document = "refund" if self.move_type in REFUND_TYPES else "invoice"
        rounding = company.tax_calculation_rounding_method or "round_per_line"
        partner = self.partner_id.commercial_partner_id
        taxes: dict[tuple[int, int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
        total_balance = total_currency = 0.0
        for line in self.line_ids.filtered(lambda ln: ln.display_type == "product"):
            price = (line.price_unit or 0.0) * (1.0 - (line.discount or 0.0) / 100.0)
            result = line.tax_ids.compute_all(
                price,
                currency=currency,
                quantity=line.quantity,
                product=line.product_id,
                partner=partner,
                rounding_method=rounding,
            )
            subtotal = currency.round(result["total_excluded"])
            amount_currency = sign * subtotal
            balance = company_currency.round(amount_currency * rate)
            account = line.account_id or self._account_product_account(line.product_id)
            if not account:
                raise UserError(
                    _(
                        "No account for the line %(line)s of %(move)s: give it an account, or load a "
                        "chart of accounts for the company.",
                        line=line.name or line.product_id.display_name or "",
                        move=self.display_name,
                    )
                )
            line.write(
                {
                    "price_subtotal": subtotal,
                    "price_total": currency.round(subtotal + sum(t["amount"] for t in result["taxes"])),
                    "amount_currency": amount_currency,
                    "currency_id": currency.id,
                    "debit": max(balance, 0.0),
                    "credit": max(-balance, 0.0),
                    "partner_id": partner.id or False,
                    "account_id": account.id,
                }
            )
            total_balance += balance
            total_currency += amount_currency
            for tax_result in result["taxes"]:
                tax = self.env["account.tax"].browse(tax_result["id"])
                for repartition, factor in tax._account_tax_shares(document):
                    target = repartition.account_id or account
                    amounts = taxes[(tax.id, repartition.id, target.id)]
                    amounts[0] += tax_result["amount"] * factor
                    amounts[1] += tax_result["base"]
        self.line_ids.filtered(lambda ln: ln.display_type in ("tax", "payment_term")).unlink()
        Lines = self.env["account.move.line"]
        new_lines: list[dict[str, Any]] = []
        for (tax_id, repartition_id, account_id), (amount, base) in taxes.items():
            amount_currency = sign * currency.round(amount)
            if currency.is_zero(amount_currency):
                continue
            balance = company_currency.round(amount_currency * rate)
            total_balance += balance
            total_currency += amount_currency
            new_lines.append(
                {
                    "move_id": self.id,
                    "display_type": "tax",
                    "tax_line_id": tax_id,
                    "tax_repartition_line_id": repartition_id,
                    "account_id": account_id,
                    "name": self.env["account.tax"].browse(tax_id).name,
                    "currency_id": currency.id,
                    "amount_currency": amount_currency,
                    "debit": max(balance, 0.0),
                    "credit": max(-balance, 0.0),
                    "partner_id": partner.id or False,
                    "tax_base_amount": company_currency.round(abs(base * rate)),
                    "sequence": 9000,
                }
            )
        if self.line_ids or new_lines:
            new_lines += self._account_term_lines(-total_balance, -total_currency, partner)
        if new_lines:
            Lines.create(new_lines)

    def _account_term_lines(self, total: float, total_currency: float, partner: Any) -> list[dict[str, Any]]:
        company = self.company_id or self.env.company
        account = self._account_partner_account(partner)
        if not account:
            raise UserError(
                _(
                    "No receivable or payable account for %(move)s: load a chart of accounts for the "
                    "company or give the partner one.",
                    move=self.display_name,
                )
            )
        date = self.invoice_date or self.date or clock.today()
        instalments = self.invoice_payment_term_id._compute_terms(
            date, total, total_currency, company.currency_id, self.currency_id
        )
        return [
            {
                "move_id": self.id,
                "display_type": "payment_term",
                "account_id": account.id,
                "name": self.payment_reference or "",
                "currency_id": self.currency_id.id,
                "amount_currency": term["foreign_amount"],
                "debit": max(term["company_amount"], 0.0),
                "credit": max(-term["company_amount"], 0.0),
                "date_maturity": term["date"],
                "partner_id": partner.id or False,
                "sequence": 10000 + index,
            }
            for index, term in enumerate(instalments)
        ]

    def _account_partner_account(self, partner: Any) -> Any:
        company = self.company_id or self.env.company
        if self.move_type in SALE_TYPES:
            account = partner.property_account_receivable_id or company.account_default_receivable_id
        else:
            account = partner.property_account_payable_id or company.account_default_payable_id
        return self.fiscal_position_id.map_account(account) if account else account

    def _account_product_account(self, product: Any) -> Any:
        company = self.company_id or self.env.company
        template = product.product_tmpl_id if product else product
        if self.move_type in SALE_TYPES:
            account = (
                (template.property_account_income_id if template else None)
                or self.journal_id.default_account_id
                or company.account_default_income_id
            )
        else:
            account = (
                (template.property_account_expense_id if template else None)
                or self.journal_id.default_account_id
                or company.account_default_expense_id
            )
        return self.fiscal_position_id.map_account(account) if account else account
