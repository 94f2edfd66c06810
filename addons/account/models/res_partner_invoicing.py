"""The partner's invoicing at a glance: its customer invoices, what they still ask for and how much of
it is overdue, in one grouped query per batch of partners (contacts count their company's)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import _, clock, model, public
from core.records.compute import flush_for_query


@model("res.partner")
class ResPartnerInvoicing:
    def _compute_invoicing_summary(self) -> None:
        commercial = {partner.id: partner.commercial_partner_id.id for partner in self if partner.id}
        ids = sorted(set(commercial.values()))
        counts: dict[int, int] = {}
        due: dict[int, float] = {}
        overdue: dict[int, float] = {}
        if ids:
            moves = self.env["account.move"]._table
            flush_for_query(self.env["account.move"])
            today = clock.today()
            late = sa.and_(moves.c.state == "posted", moves.c.invoice_date_due < today)
            rows = self.env.cr.execute(
                sa.select(
                    moves.c.commercial_partner_id,
                    sa.func.count(),
                    sa.func.sum(
                        sa.case((moves.c.state == "posted", moves.c.amount_residual_signed), else_=0)
                    ),
                    sa.func.sum(sa.case((late, moves.c.amount_residual_signed), else_=0)),
                )
                .where(
                    moves.c.commercial_partner_id.in_(ids),
                    moves.c.state != "cancel",
                    moves.c.move_type.in_(("out_invoice", "out_refund")),
                )
                .group_by(moves.c.commercial_partner_id)
            )
            for partner_id, count, total, total_late in rows:
                counts[partner_id] = int(count or 0)
                due[partner_id] = round(float(total or 0.0), 2)
                overdue[partner_id] = round(float(total_late or 0.0), 2)
        for partner in self:
            key = commercial.get(partner.id)
            partner.invoice_count = counts.get(key, 0)
            partner.total_due = due.get(key, 0.0)
            partner.total_overdue = overdue.get(key, 0.0)

    @public
    def action_view_partner_invoices(self) -> dict[str, Any]:
        """The customer invoices and credit notes of the partner (and its contacts)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": _("Invoices"),
            "view_mode": "list,form",
            "views": [[False, "list"], [False, "form"]],
            "domain": [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ],
            "context": {"default_move_type": "out_invoice", "default_partner_id": self.id},
        }
