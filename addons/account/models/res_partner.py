"""What a partner owes and was invoiced, from posted entries (one grouped query per batch)."""

from __future__ import annotations

import sqlalchemy as sa

from core import model
from core.records.compute import flush_for_query


@model("res.partner")
class ResPartnerAccount:
    def _compute_invoice_totals(self) -> None:
        ids = [partner.id for partner in self if partner.id]
        lines = self.env["account.move.line"]._table
        moves = self.env["account.move"]._table
        credit: dict[int, float] = {}
        invoiced: dict[int, float] = {}
        if ids:
            flush_for_query(self.env["account.move.line"])
            rows = self.env.cr.execute(
                sa.select(lines.c.partner_id, sa.func.sum(lines.c.amount_residual))
                .where(
                    lines.c.partner_id.in_(ids),
                    lines.c.parent_state == "posted",
                    lines.c.account_type == "asset_receivable",
                )
                .group_by(lines.c.partner_id)
            )
            credit = {partner_id: float(total or 0.0) for partner_id, total in rows}
            rows = self.env.cr.execute(
                sa.select(moves.c.commercial_partner_id, sa.func.sum(moves.c.amount_total_signed))
                .where(
                    moves.c.commercial_partner_id.in_(ids),
                    moves.c.state == "posted",
                    moves.c.move_type.in_(("out_invoice", "out_refund")),
                )
                .group_by(moves.c.commercial_partner_id)
            )
            invoiced = {partner_id: float(total or 0.0) for partner_id, total in rows}
        for partner in self:
            partner.credit = credit.get(partner.id, 0.0)
            partner.total_invoiced = invoiced.get(partner.id, 0.0)
