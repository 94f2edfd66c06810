"""Taxes booked to accounts, fiscal positions mapping taxes and accounts, payment terms' due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import model


@model("account.tax")
class AccountTaxAccounting:
    def create(self, vals_list: Any) -> Any:
        """A tax created without distribution gets Odoo's default one: the base, and 100 % of the tax
        (on the product line's account), for invoices and for refunds."""
        taxes = super().create(vals_list)
        missing = taxes.filtered(lambda tax: not tax.repartition_line_ids)
        if missing:
            Lines = self.env["account.tax.repartition.line"].sudo()
            Lines.create(
                [
                    {"tax_id": tax.id, "document_type": kind, "repartition_type": rep, "sequence": seq}
                    for tax in missing
                    for kind in ("invoice", "refund")
                    for seq, rep in ((1, "base"), (2, "tax"))
                ]
            )
        return taxes

    def _account_tax_shares(self, document_type: str) -> list[tuple[Any, float]]:
        """(repartition line, factor) of the tax amount for invoices or refunds."""
        lines = self.repartition_line_ids.filtered(
            lambda line: line.document_type == document_type and line.repartition_type == "tax"
        )
        if not self.repartition_line_ids:
            # a tax made before accounting was installed: all of it on the product line's account
            return [(lines, 1.0)]
        return [
            (line, (line.factor_percent or 0.0) / 100.0)
            for line in lines.sorted(lambda x: (x.sequence, x.id))
        ]


@model("account.fiscal.position")
class AccountFiscalPosition:
    def map_tax(self, taxes: Any) -> Any:
        """``taxes`` as this position maps them (a source without destination is removed)."""
        if not self:
            return taxes
        result = taxes.browse()
        for tax in taxes:
            mappings = self.tax_ids.filtered(lambda m, tax=tax: m.tax_src_id == tax)
            if not mappings:
                result |= tax
            for mapping in mappings:
                result |= mapping.tax_dest_id
        return result

    def map_account(self, account: Any) -> Any:
        """``account``, or the account this position uses instead."""
        for mapping in self.account_ids:
            if mapping.account_src_id == account:
                return mapping.account_dest_id
        return account


@model("account.payment.term")
class AccountPaymentTerm:
    def _compute_terms(
        self, date_ref: dt.date, total: float, total_currency: float, company_currency: Any, currency: Any
    ) -> list[dict[str, Any]]:
        """The instalments of ``total`` (company currency) and ``total_currency`` from ``date_ref``:
        ``[{"date", "company_amount", "foreign_amount"}]``; the last takes the rounding remainder."""
        lines = self.line_ids.sorted(lambda line: (line.nb_days, line.id)) if self else []
        if not lines:
            return [{"date": date_ref, "company_amount": total, "foreign_amount": total_currency}]
        result = []
        left, left_currency = total, total_currency
        for index, line in enumerate(lines):
            date = date_ref + dt.timedelta(days=line.nb_days or 0)
            if index == len(lines) - 1:
                amount, amount_currency = company_currency.round(left), currency.round(left_currency)
            elif line.value == "fixed":
                sign = 1 if total_currency >= 0 else -1
                amount_currency = currency.round(sign * line.value_amount)
                amount = (
                    company_currency.round(amount_currency * (total / total_currency))
                    if total_currency
                    else 0.0
                )
            else:
                amount = company_currency.round(total * line.value_amount / 100.0)
                amount_currency = currency.round(total_currency * line.value_amount / 100.0)
            left -= amount
            left_currency -= amount_currency
            result.append({"date": date, "company_amount": amount, "foreign_amount": amount_currency})
        return result
