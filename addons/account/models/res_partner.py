"""What a partner owes and was invoiced, from posted entries (one grouped query per batch)."""

from __future__ import annotations

import operator as op
from typing import Any

import sqlalchemy as sa

from core import _, model
from core.exceptions import ValidationError
from core.records.compute import flush_for_query

OPERATORS = {"=": op.eq, "!=": op.ne, "<": op.lt, "<=": op.le, ">": op.gt, ">=": op.ge}


@model("res.partner")
class ResPartnerAccount:
    def _search_credit(self, operator: str, value: Any) -> list[Any]:
        """Partners whose receivable (from posted items) compares to ``value``; one grouped query."""
        if operator not in OPERATORS or not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValidationError(
                _(
                    "Search the total receivable with a number and one of %(operators)s.",
                    operators=", ".join(OPERATORS),
                ),
                field="credit",
            )
        lines = self.env["account.move.line"]._table
        flush_for_query(self.env["account.move.line"])
        rows = self.env.cr.execute(
            sa.select(lines.c.partner_id, sa.func.sum(lines.c.amount_residual))
            .where(
                lines.c.parent_state == "posted",
                lines.c.account_type == "asset_receivable",
                lines.c.partner_id.is_not(None),
            )
            .group_by(lines.c.partner_id)
        )
        owing = {partner_id: round(float(total or 0.0), 2) for partner_id, total in rows}
        compare = OPERATORS[operator]
        if compare(0.0, value):  # partners without items match too
            return ["!", ("id", "in", [pid for pid, total in owing.items() if not compare(total, value)])]
        return [("id", "in", [pid for pid, total in owing.items() if compare(total, value)])]

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
