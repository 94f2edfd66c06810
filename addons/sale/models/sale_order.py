"""Quotations and sales orders: numbering, addresses and pricelist from the customer, the states
(quotation, sent, order, cancelled), locking, sending by email, and the totals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from markupsafe import Markup

from core import _, clock, model, public
from core.exceptions import UserError
from core.numbers import float_round

# what a locked order still lets through: the lock itself and the chatter's bookkeeping
LOCK_FREE_FIELDS = frozenset({"locked", "message_follower_ids", "activity_ids", "message_ids"})


@model("sale.order")
class SaleOrder:
    # -- defaults and computes -------------------------------------------------------------
    def _default_validity_date(self) -> dt.date | bool:
        """Today plus the company's "Default Quotation Validity" (no date when it is 0)."""
        days = self.env.company.sudo().quotation_validity_days
        return clock.today() + dt.timedelta(days=days) if days else False

    def _compute_is_expired(self) -> None:
        today = clock.today()
        for order in self:
            order.is_expired = (
                order.state in ("draft", "sent") and bool(order.validity_date) and order.validity_date < today
            )

    def _compute_partner_addresses(self) -> None:
        for order in self:
            partner = order.partner_id
            contacts = partner.commercial_partner_id.child_ids | partner.child_ids if partner else partner
            order.partner_invoice_id = contacts.filtered(lambda c: c.type == "invoice")[:1] or partner
            order.partner_shipping_id = contacts.filtered(lambda c: c.type == "delivery")[:1] or partner

    def _compute_pricelist_id(self) -> None:
        for order in self:
            order.pricelist_id = (
                order.partner_id._sale_pricelist(order.company_id)
                if order.partner_id
                else self.env["res.partner"]._sale_pricelist(order.company_id)
            )

    def _compute_currency_id(self) -> None:
        for order in self:
            order.currency_id = (
                order.pricelist_id.currency_id or order.company_id.currency_id or self.env.company.currency_id
            )

    def _compute_team_id(self) -> None:
        Team = self.env["crm.team"].sudo()
        for order in self:
            team = order.user_id.sale_team_id if order.user_id else Team
            if not team and order.user_id:
                # a salesperson in no team: the team they lead, else the company's first team
                company = [order.company_id.id or self.env.company.id, False]
                team = Team.search(
                    [("user_id", "=", order.user_id.id), ("company_id", "in", company)], limit=1
                ) or Team.search([("company_id", "in", company)], limit=1)
            order.team_id = team

    # forms send every field: a new customer or salesperson must replace what the form still shows
    def _onchange_partner_id(self) -> None:
        self._compute_partner_addresses()
        self._compute_pricelist_id()

    def _onchange_user_id(self) -> None:
        self._compute_team_id()

    def _compute_type_name(self) -> None:
        for order in self:
            order.type_name = _("Sales Order") if order.state == "sale" else _("Quotation")

    def _compute_amounts(self) -> None:
        """Totals of the lines: per line, the lines' rounded taxes added up; globally, each tax
        added up over the lines and rounded once."""
        for order in self:
            lines = order.order_line.filtered(lambda line: not line.display_type)
            step = order.currency_id.rounding or 0.01
            untaxed = float_round(sum(lines.mapped("price_subtotal")), step)
            if order.company_id.tax_calculation_rounding_method == "round_globally":
                by_tax: dict[int, float] = defaultdict(float)
                for line in lines:
                    for tax in line._taxes_computed()["taxes"]:
                        by_tax[tax["id"]] += tax["amount"]
                tax_total = sum(float_round(amount, step) for amount in by_tax.values())
            else:
                tax_total = sum(lines.mapped("price_tax"))
            order.amount_untaxed = untaxed
            order.amount_tax = float_round(tax_total, step)
            order.amount_total = float_round(untaxed + tax_total, step)

    def _compute_display_name(self) -> None:
        for order in self:
            order.display_name = order.name or ""

    # -- create, write, unlink -------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        """Orders numbered from the sale.order sequence (S00001) unless given a name."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list) and all(isinstance(v, dict) for v in items):
            Sequence = self.env["ir.sequence"].sudo()
            for vals in items:
                if not vals.get("name") or vals.get("name") == _("New") or vals.get("name") == "New":
                    vals["name"] = Sequence.next_by_code("sale.order") or "New"
        return super().create(vals_list)

    def write(self, vals: dict[str, Any]) -> bool:
        if set(vals) - LOCK_FREE_FIELDS:
            self._check_not_locked()
        return super().write(vals)

    def unlink(self) -> bool:
        confirmed = self.filtered(lambda order: order.state not in ("draft", "cancel"))
        if confirmed:
            raise UserError(
                _(
                    "You can only delete quotations and cancelled orders; cancel %(orders)s first.",
                    orders=", ".join(confirmed.mapped("name")),
                )
            )
        return super().unlink()

    def _check_not_locked(self) -> None:
        locked = self.filtered("locked")
        if locked:
            raise UserError(
                _(
                    "The order %(orders)s is locked: unlock it to change it.",
                    orders=", ".join(locked.mapped("name")),
                )
            )

    # -- actions ---------------------------------------------------------------------------
    @public
    def action_confirm(self) -> bool:
        """Confirm quotations into sales orders (the order date becomes now)."""
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(
                    _(
                        "Only quotations can be confirmed; %(order)s is %(state)s.",
                        order=order.name,
                        state=order._state_label(),
                    )
                )
            if not order.order_line.filtered(lambda line: not line.display_type):
                raise UserError(
                    _("Add a product to the quotation %(order)s before confirming it.", order=order.name)
                )
        self.write({"state": "sale", "date_order": clock.utcnow()})
        return True

    @public
    def action_cancel(self) -> bool:
        """Cancel quotations or orders (a locked order must be unlocked first)."""
        self._check_not_locked()
        done = self.filtered(lambda order: order.state == "cancel")
        if done:
            raise UserError(
                _("The order %(orders)s is already cancelled.", orders=", ".join(done.mapped("name")))
            )
        self.write({"state": "cancel"})
        return True

    @public
    def action_draft(self) -> bool:
        """A cancelled order or a sent quotation back to a quotation."""
        wrong = self.filtered(lambda order: order.state not in ("cancel", "sent"))
        if wrong:
            raise UserError(
                _(
                    "Only cancelled orders and sent quotations can be set back to quotation: %(orders)s.",
                    orders=", ".join(wrong.mapped("name")),
                )
            )
        self.write({"state": "draft"})
        return True

    @public
    def action_lock(self) -> bool:
        """Lock confirmed orders against any change."""
        wrong = self.filtered(lambda order: order.state != "sale")
        if wrong:
            raise UserError(
                _(
                    "Only confirmed sales orders can be locked: %(orders)s.",
                    orders=", ".join(wrong.mapped("name")),
                )
            )
        self.write({"locked": True})
        return True

    @public
    def action_unlock(self) -> bool:
        self.write({"locked": False})
        return True

    @public
    def action_update_prices(self) -> bool:
        """Reprice every product line of the quotations from their current pricelist."""
        self._check_not_locked()
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(
                    _("Prices of the confirmed order %(order)s cannot be updated.", order=order.name)
                )
            for line in order.order_line.filtered(lambda line: not line.display_type):
                line.write({"price_unit": line._pricelist_price()})
            order.message_post(
                body=_(
                    "Product prices have been recomputed according to pricelist %(pricelist)s.",
                    pricelist=order.pricelist_id.display_name or _("(none)"),
                )
            )
        return True

    @public
    def action_quotation_send(self) -> bool:
        """Email the quotation (its lines and totals) to the customer through the chatter; a draft
        quotation becomes sent. The PDF of the order joins the chatter message; the mail waits in the
        outgoing queue if it cannot leave at once."""
        for order in self:
            if not order.partner_id.email:
                raise UserError(
                    _(
                        "The customer %(customer)s has no email address: add one to send %(order)s.",
                        customer=order.partner_id.display_name,
                        order=order.name,
                    )
                )
            if order.state == "cancel":
                raise UserError(
                    _(
                        "The order %(order)s is cancelled: set it back to quotation to send it.",
                        order=order.name,
                    )
                )
            order.message_post(
                attachment_ids=[order._report_attachment().id],
                body=order._mail_body(),
                body_is_html=True,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=[order.partner_id.id],
                subject=_(
                    "%(company)s %(type)s (Ref %(order)s)",
                    company=order.company_id.name,
                    type=order.type_name,
                    order=order.name,
                ),
            )
        self.filtered(lambda order: order.state == "draft").write({"state": "sent"})
        return True

    def _state_label(self) -> str:
        return self._fields["state"].labels().get(self.state, self.state)

    def _online_paragraph(self) -> Markup:
        """The link to the online quotation, for quotations the customer can still accept."""
        if self.state not in ("draft", "sent"):
            return Markup("")
        return Markup('<p><a href="{url}">{label}</a></p>').format(
            url=self._portal_full_url(), label=_("View, accept or decline it online"))

    def _mail_body(self) -> Markup:
        """The email of the order: a greeting, the lines and the totals."""
        currency = self.currency_id
        rows = Markup("").join(
            Markup(
                "<tr><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td>"
                "<td style='text-align:right'>{}</td></tr>"
            ).format(
                line.name or line.product_id.display_name,
                f"{line.product_uom_qty:g} {line.product_uom.name or ''}",
                currency.format(line.price_unit),
                currency.format(line.price_subtotal),
            )
            for line in self.order_line
            if not line.display_type
        )
        intro = _(
            "Hello %(customer)s, here is your %(type)s %(order)s amounting to %(total)s.",
            customer=self.partner_id.name,
            type=self.type_name.lower(),
            order=self.name,
            total=currency.format(self.amount_total),
        )
        return Markup(
            "<p>{intro}</p><table><thead><tr><th>{desc}</th><th>{qty}</th><th>{price}</th>"
            "<th>{subtotal}</th></tr></thead><tbody>{rows}</tbody></table>"
            "<p>{untaxed}: {amount_untaxed}<br>{taxes}: {amount_tax}"
            "<br><strong>{total}: {amount_total}</strong></p>{online}"
        ).format(
            online=self._online_paragraph(),
            intro=intro,
            desc=_("Description"),
            qty=_("Quantity"),
            price=_("Unit Price"),
            subtotal=_("Amount"),
            rows=rows,
            untaxed=_("Untaxed Amount"),
            amount_untaxed=currency.format(self.amount_untaxed),
            taxes=_("Taxes"),
            amount_tax=currency.format(self.amount_tax),
            total=_("Total"),
            amount_total=currency.format(self.amount_total),
        )
