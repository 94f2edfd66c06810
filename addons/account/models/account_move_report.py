"""The printed invoice: HTML from a Jinja template (the company, the customer, the lines, a summary
per tax, the totals and the payment reference), turned into PDF by WeasyPrint in the customer's
language."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from addons.base.report import ReportTemplates, partner_address
from core import _, model, public
from core.exceptions import UserError

TEMPLATES = ReportTemplates(Path(__file__).resolve().parent.parent / "report")


@model("account.move")
class AccountMoveReport:
    @public
    def action_print(self) -> dict[str, Any]:
        """The PDF of the invoices, opened in a new browser tab."""
        if self.filtered(lambda move: not move.is_invoice):
            raise UserError(_("Only invoices, credit notes and bills can be printed."))
        ids = ",".join(str(i) for i in self.ids)
        return {"type": "ir.actions.act_url", "url": f"/account/invoices/{ids}/pdf", "target": "new"}

    def _report_filename(self) -> str:
        if len(self) != 1:
            return _("Invoices") + ".pdf"
        return f"{self._account_document_title()}.pdf".replace("/", "-")

    def _account_document_title(self) -> str:
        titles = {
            "out_invoice": _("Invoice"),
            "out_refund": _("Credit Note"),
            "in_invoice": _("Vendor Bill"),
            "in_refund": _("Vendor Credit Note"),
        }
        title = titles.get(self.move_type, _("Journal Entry"))
        if self.state == "draft":
            title = _("Draft %(document)s", document=title)
        return f"{title} {self.name}" if self.name and self.name != "/" else title

    def _report_html(self) -> str:
        return TEMPLATES.html(self, "account_invoice_document.html", "_account_report_values")

    def _account_report_values(self) -> dict[str, Any]:
        currency, lang = self.currency_id, self.env.lang

        def money(amount: float) -> str:
            return currency.format(amount, lang=lang)

        lines = []
        for line in self.line_ids.filtered(
            lambda ln: ln.display_type in ("product", "line_section", "line_note")
        ):
            lines.append(
                {
                    "display_type": line.display_type,
                    "name": line.name or "",
                    "description": (line.name or line.product_id.display_name or "").split("\n"),
                    "quantity": f"{line.quantity:g} {line.product_uom_id.name or ''}".strip(),
                    "price_unit": money(line.price_unit),
                    "discount": f"{line.discount:g}" if line.discount else "",
                    "taxes": ", ".join(line.tax_ids.mapped("name")),
                    "subtotal": money(line.price_subtotal),
                }
            )
        sign = -1 if self.move_type in ("out_invoice", "in_refund") else 1
        by_group: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for line in self.line_ids.filtered(lambda ln: ln.display_type == "tax"):
            group = line.tax_line_id.tax_group_id.name or line.tax_line_id.name
            by_group[group][0] += sign * line.amount_currency
            by_group[group][1] += line.tax_base_amount
        company = self.company_id
        terms = self.line_ids.filtered(lambda ln: ln.display_type == "payment_term").sorted("date_maturity")
        return {
            "move": self,
            "company": company,
            "title": self._account_document_title(),
            "company_address": partner_address(company.partner_id) if company.partner_id else "",
            "partner_address": partner_address(self.partner_id),
            "invoice_date": self.invoice_date.strftime("%d/%m/%Y") if self.invoice_date else "",
            "due_date": self.invoice_date_due.strftime("%d/%m/%Y") if self.invoice_date_due else "",
            "lines": lines,
            "tax_summary": [
                {"name": name, "base": money(amounts[1]), "amount": money(amounts[0])}
                for name, amounts in by_group.items()
            ],
            "instalments": [
                {
                    "date": term.date_maturity.strftime("%d/%m/%Y") if term.date_maturity else "",
                    "amount": money(abs(term.amount_currency)),
                }
                for term in terms
            ]
            if len(terms) > 1
            else [],
            "amount_untaxed": money(self.amount_untaxed),
            "amount_tax": money(self.amount_tax),
            "amount_total": money(self.amount_total),
            "amount_residual": money(self.amount_residual),
            "paid": self.state == "posted" and self.amount_residual != self.amount_total,
            "payment_reference": self.payment_reference or self.name,
            "fiscal_note": self.fiscal_position_id.note or "",
            "payment_qr": self._account_payment_qr(),
        }

    def _report_pdf(self) -> bytes:
        """The PDF of the invoices."""
        return TEMPLATES.pdf(self._report_html())
