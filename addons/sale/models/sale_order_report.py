"""The printed quotation or order: HTML from a Jinja template, turned into PDF by WeasyPrint, in
the customer's language."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from markupsafe import Markup

from addons.base.report import ReportTemplates, partner_address
from core import _, model, public

TEMPLATES = ReportTemplates(Path(__file__).resolve().parent.parent / "report")


@model("sale.order")
class SaleOrderReport:
    @public
    def action_print(self) -> dict[str, Any]:
        """The PDF of the orders, opened in a new browser tab."""
        ids = ",".join(str(i) for i in self.ids)
        return {"type": "ir.actions.act_url", "url": f"/sale/orders/{ids}/pdf", "target": "new"}

    def _report_filename(self) -> str:
        if len(self) != 1:
            return _("Orders") + ".pdf"
        return f"{self.type_name} - {self.name}.pdf".replace("/", "-")

    def _report_html(self) -> str:
        """The HTML of the printed orders (each in its customer's language, as far as one page can)."""
        return TEMPLATES.html(self, "sale_order_document.html", "_report_values")

    def _report_values(self) -> dict[str, Any]:
        currency = self.currency_id
        lang = self.env.lang

        def money(amount: float) -> str:
            return currency.format(amount, lang=lang)

        lines = []
        for line in self.order_line:
            lines.append(
                {
                    "display_type": line.display_type,
                    "name": line.name or "",
                    "description": (line.name or line.product_id.display_name or "").split("\n"),
                    "quantity": f"{line.product_uom_qty:g} {line.product_uom.name or ''}".strip(),
                    "price_unit": money(line.price_unit),
                    "discount": f"{line.discount:g}" if line.discount else "",
                    "taxes": line.tax_label or "",
                    "subtotal": money(line.price_subtotal),
                }
            )
        company = self.company_id
        return {
            "order": self,
            "company": company,
            "company_address": partner_address(company.partner_id) if company.partner_id else "",
            "kind": self.type_name,
            "invoice_address": partner_address(self.partner_invoice_id),
            "shipping_address": partner_address(self.partner_shipping_id),
            "date_order": self.date_order.strftime("%d/%m/%Y") if self.date_order else "",
            "validity_date": self.validity_date.strftime("%d/%m/%Y")
            if self.validity_date and self.state in ("draft", "sent")
            else "",
            "lines": lines,
            "amount_untaxed": money(self.amount_untaxed),
            "amount_tax": money(self.amount_tax),
            "amount_total": money(self.amount_total),
            "note": Markup(self.note) if self.note else "",
        }

    def _report_pdf(self) -> bytes:
        """The PDF of the orders."""
        return TEMPLATES.pdf(self._report_html())

    def _report_attachment(self) -> Any:
        """The PDF of one order as an attachment of the order."""
        self.ensure_one()
        return self.env["ir.attachment"].create(
            {
                "name": self._report_filename(),
                "res_model": self._name,
                "res_id": self.id,
                "datas": base64.b64encode(self._report_pdf()).decode(),
                "mimetype": "application/pdf",
            }
        )
