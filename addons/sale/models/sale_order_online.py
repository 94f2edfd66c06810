"""The online quotation: a link the customer opens without an account (its secret is the order's
``access_token``), to accept the quotation by typing their name as signature, or to decline it."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from core import _, clock, model, public
from core.exceptions import UserError, ValidationError


@model("sale.order")
class SaleOrderOnline:
    def _portal_token(self) -> str:
        """The order's access token, made the first time a link is needed."""
        self.ensure_one()
        if not self.access_token:
            self.sudo().write({"access_token": secrets.token_urlsafe(24)})
        return self.access_token

    @public
    def get_portal_url(self) -> str:
        """The path of the customer's online quotation (with its secret), as Odoo names it."""
        self.ensure_one()
        return f"/sale/online/{self.id}?access_token={self._portal_token()}"

    def _portal_full_url(self) -> str:
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url") or "http://localhost:8069"
        return base.rstrip("/") + self.get_portal_url()

    def _check_portal_token(self, token: str) -> bool:
        """Whether ``token`` opens this order (a missing or tampered one never does)."""
        return bool(self.access_token and token and hmac.compare_digest(self.access_token, str(token)))

    def _online_check_open(self) -> None:
        if self.state not in ("draft", "sent"):
            raise UserError(_("The quotation %(order)s is no longer open: it is %(state)s.",
                              order=self.name, state=self._state_label()))
        if self.validity_date and self.validity_date < clock.today():
            raise UserError(_("The quotation %(order)s expired on %(date)s: ask us for a new one.",
                              order=self.name, date=self.validity_date.isoformat()))

    def _online_accept(self, signer: str) -> None:
        """Accept the quotation on the customer's behalf: signed with ``signer``, then confirmed."""
        self.ensure_one()
        signer = (signer or "").strip()
        if not signer:
            raise ValidationError(_("Type your full name to sign the quotation."), field="name")
        self._online_check_open()
        self.write({"signed_by": signer[:120], "signed_on": clock.utcnow()})
        self.action_confirm()
        self.message_post(body=_("Accepted online, signed by %(name)s.", name=signer[:120]),
                          message_type="comment", subtype_xmlid="mail.mt_note")

    def _online_decline(self, reason: str) -> None:
        """Decline the quotation on the customer's behalf, keeping their reason in the chatter."""
        self.ensure_one()
        self._online_check_open()
        self.action_cancel()
        reason = (reason or "").strip()[:2000]
        body = (_("Declined online: %(reason)s", reason=reason) if reason
                else _("Declined online, without a reason."))
        self.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")

    def _online_view(self) -> dict[str, Any]:
        """What the online quotation page shows."""
        currency = self.currency_id
        lines = [{"section": bool(line.display_type), "name": line.name or line.product_id.display_name,
                  "quantity": f"{line.product_uom_qty:g} {line.product_uom.name or ''}".strip(),
                  "price": currency.format(line.price_unit), "discount": line.discount,
                  "subtotal": currency.format(line.price_subtotal)}
                 for line in self.order_line]
        return {"id": self.id, "name": self.name, "type_name": self.type_name, "state": self.state,
                "state_label": self._state_label(), "company": self.company_id.name,
                "customer": self.partner_id.display_name, "salesperson": self.user_id.name or "",
                "date": self.date_order, "validity_date": self.validity_date, "lines": lines,
                "untaxed": currency.format(self.amount_untaxed), "taxes": currency.format(self.amount_tax),
                "total": currency.format(self.amount_total), "signed_by": self.signed_by or "",
                "signed_on": self.signed_on, "open": self.state in ("draft", "sent")}
