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
        moves = self.filtered(lambda m: m.state == "draft" and m.move_type in INVOICE_TYPES)
        moves.mapped("line_ids.tax_ids")  # read for all the invoices at once, not one query each
        stale = self.env["account.move.line"]
        new_lines: list[dict[str, Any]] = []
        for move in moves:
            redrawn = move.with_context(**{NO_SYNC: True})._account_sync_invoice()
            if redrawn is not None:
                stale |= redrawn[0]
                new_lines += redrawn[1]
        # the tax and instalment lines of all the invoices in two statements, not two per invoice
        stale.with_context(**{NO_SYNC: True}).unlink()
        if new_lines:
            self.env["account.move.line"].with_context(**{NO_SYNC: True}).create(new_lines)

    def _account_sync_invoice(self) -> tuple[Any, list[dict[str, Any]]] | None:
        """Set the amounts of the product lines; the tax and instalment lines to replace and their
        new values, or None when they are already drawn so (posting a synced draft)."""
        company = self.company_id or self.env.company
        company_currency, currency = company.currency_id, self.currency_id
        rate = self._account_rate()
        sign = product_sign(self.move_type)
        document = "refund" if self.move_type in REFUND_TYPES else "invoice"
        partner = self.partner_id.commercial_partner_id
        taxes: dict[tuple[int, int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
        total_balance = total_currency = 0.0
        for line in self.line_ids.filtered(lambda ln: ln.display_type == "product"):
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
            values, result = self._account_product_amounts(
                line.price_unit, line.discount, line.quantity, line.tax_ids, line.product_id, account, rate
            )
            amount_currency = values["amount_currency"]
            balance = values["debit"] - values["credit"]
            changed = _changed(line, values)
            if changed:
                line.write(changed)
            total_balance += balance
            total_currency += amount_currency
            for tax_result in result["taxes"]:
                tax = self.env["account.tax"].browse(tax_result["id"])
                for repartition, factor in tax._account_tax_shares(document):
                    target = repartition.account_id or account
                    amounts = taxes[(tax.id, repartition.id, target.id)]
                    amounts[0] += tax_result["amount"] * factor
                    amounts[1] += tax_result["base"]
        drawn = self.line_ids.filtered(lambda ln: ln.display_type in ("tax", "payment_term"))
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
        if self.line_ids - drawn or new_lines:
            new_lines += self._account_term_lines(-total_balance, -total_currency, partner)
        if _same_lines(drawn, new_lines):
            return None
        return drawn, new_lines

    def _account_product_amounts(
        self,
        price_unit: Any,
        discount: Any,
        quantity: Any,
        taxes: Any,
        product: Any,
        account: Any,
        rate: float,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The amounts of a product line of this invoice (the values its redraw writes) and the result
        of its taxes' computation."""
        company = self.company_id or self.env.company
        currency = self.currency_id
        partner = self.partner_id.commercial_partner_id
        price = (price_unit or 0.0) * (1.0 - (discount or 0.0) / 100.0)
        result = taxes.compute_all(
            price,
            currency=currency,
            quantity=quantity,
            product=product,
            partner=partner,
            rounding_method=company.tax_calculation_rounding_method or "round_per_line",
        )
        subtotal = currency.round(result["total_excluded"])
        amount_currency = product_sign(self.move_type) * subtotal
        balance = company.currency_id.round(amount_currency * rate)
        values = {
            "price_subtotal": subtotal,
            "price_total": currency.round(subtotal + sum(t["amount"] for t in result["taxes"])),
            "amount_currency": amount_currency,
            "currency_id": currency.id,
            "debit": max(balance, 0.0),
            "credit": max(-balance, 0.0),
            "partner_id": partner.id or False,
            "account_id": account.id,
        }
        return values, result

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


def _value(record: Any, name: str) -> Any:
    """A field's value as ``create``/``write`` take it (an id or False for a many2one)."""
    value = record[name]
    if record._fields[name].type == "many2one":
        return value.id or False
    return value


def _differs(held: Any, value: Any) -> bool:
    if held is None or value is None:
        return held is not value  # NULL is not 0.0 nor "": writing it would change the column
    if isinstance(held, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return abs(held - value) > 1e-9  # a float read back from its column may differ in the last bit
    return bool(held != value)


def _changed(record: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The part of ``values`` that differs from what ``record`` holds."""
    return {name: value for name, value in values.items() if _differs(_value(record, name), value)}


def _same_lines(lines: Any, values_list: list[dict[str, Any]]) -> bool:
    """Whether ``lines`` are exactly the lines ``values_list`` would create (in any order)."""
    if len(lines) != len(values_list):
        return False
    left = list(lines)
    for values in values_list:
        match = next((line for line in left if not _changed(line, values)), None)
        if match is None:
            return False
        left.remove(match)
    return True
