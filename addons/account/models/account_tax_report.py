"""Spain's VAT return (modelo 303) from the tax grids: each box sums the posted journal items whose tax
(for a base) or tax repartition line (for a tax amount) carries the box's tag, in one SQL query."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import model, public
from core.i18n import _lt
from core.records.compute import flush_for_query

from .account_report import report_period

# (box, label, sign or the boxes it adds up): a sign turns the items' balance into the box (sales are credits)
MODELO_303: tuple[tuple[str, Any, int | tuple[tuple[str, int], ...]], ...] = (
    ("01", _lt("Accrued VAT 4%: taxable base"), -1),
    ("03", _lt("Accrued VAT 4%: tax"), -1),
    ("04", _lt("Accrued VAT 10%: taxable base"), -1),
    ("06", _lt("Accrued VAT 10%: tax"), -1),
    ("07", _lt("Accrued VAT 21%: taxable base"), -1),
    ("09", _lt("Accrued VAT 21%: tax"), -1),
    ("27", _lt("Total accrued tax"), (("03", 1), ("06", 1), ("09", 1))),
    ("28", _lt("Deductible VAT on current domestic purchases: taxable base"), 1),
    ("29", _lt("Deductible VAT on current domestic purchases: tax"), 1),
    ("45", _lt("Total deductible tax"), (("29", 1),)),
    ("46", _lt("Result of the general regime (27 - 45)"), (("27", 1), ("45", -1))),
)


@model("account.tax")
class AccountTaxReport:
    @public
    def tax_report(
        self,
        date_from: Any = None,
        date_to: Any = None,
        journal_ids: list[int] | None = None,
        company_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """The boxes of the modelo 303 over [date_from, date_to]: ``{"box", "label", "amount", "total"}``
        (``total``: a box adding up others), in the return's order."""
        start, end = report_period(date_from, date_to)
        sums = self._tax_grid_sums(start, end, journal_ids, company_id or self.env.company.id)
        amounts: dict[str, float] = {}
        boxes = []
        for box, label, rule in MODELO_303:
            if isinstance(rule, tuple):
                amounts[box] = round(sum(amounts[other] * sign for other, sign in rule), 2)
            else:
                amounts[box] = round(rule * sums.get(box, 0.0), 2)
            boxes.append(
                {"box": box, "label": str(label), "amount": amounts[box], "total": isinstance(rule, tuple)}
            )
        return boxes

    def _tax_grid_sums(
        self, start: Any, end: Any, journal_ids: list[int] | None, company: int
    ) -> dict[str, float]:
        """The balance of the posted items per tax grid: base items through their taxes' base
        repartition lines, tax items through their own repartition line; an item counts once per grid."""
        Line = self.env["account.move.line"]
        flush_for_query(Line)
        tables = self.env.registry.metadata.tables
        lines, tags = Line._table, self.env["account.account.tag"]._table
        repartitions = self.env["account.tax.repartition.line"]._table
        line_taxes_field = Line._fields["tax_ids"]
        line_taxes = tables[line_taxes_field.relation]
        tag_field = self.env["account.tax.repartition.line"]._fields["tag_ids"]
        tag_rel = tables[tag_field.relation]
        conditions = [lines.c.parent_state == "posted", lines.c.company_id == company]
        if start is not None:
            conditions.append(lines.c.date >= start)
        if end is not None:
            conditions.append(lines.c.date <= end)
        if journal_ids:
            conditions.append(lines.c.journal_id.in_([int(i) for i in journal_ids]))
        rel_line, rel_tag = tag_rel.c[tag_field.column1], tag_rel.c[tag_field.column2]
        base = (
            sa.select(lines.c.id, tags.c.name, lines.c.balance)
            .select_from(
                lines.join(line_taxes, line_taxes.c[line_taxes_field.column1] == lines.c.id)
                .join(
                    repartitions,
                    sa.and_(
                        repartitions.c.tax_id == line_taxes.c[line_taxes_field.column2],
                        repartitions.c.repartition_type == "base",
                    ),
                )
                .join(tag_rel, rel_line == repartitions.c.id)
                .join(tags, tags.c.id == rel_tag)
            )
            .where(*conditions)
        )
        amount = (
            sa.select(lines.c.id, tags.c.name, lines.c.balance)
            .select_from(
                lines.join(tag_rel, rel_line == lines.c.tax_repartition_line_id).join(
                    tags, tags.c.id == rel_tag
                )
            )
            .where(*conditions)
        )
        items = sa.union(base, amount).subquery()  # union drops an item counted twice for one grid
        query = sa.select(items.c.name, sa.func.sum(items.c.balance)).group_by(items.c.name)
        return {name: float(total or 0) for name, total in self.env.cr.execute(query).all()}

    def _tax_grid_domain(self, box: str) -> list[Any]:
        """The journal items behind the box ``box`` (its base or tax items), as a domain."""
        tags = self.env["account.account.tag"].search([("name", "=", box), ("applicability", "=", "taxes")])
        repartitions = self.env["account.tax.repartition.line"].search([("tag_ids", "in", tags.ids)])
        base = repartitions.filtered(lambda r: r.repartition_type == "base")
        tax = repartitions - base
        return [
            "|",
            ("tax_ids", "in", base.mapped("tax_id").ids or [0]),
            ("tax_repartition_line_id", "in", tax.ids or [0]),
        ]
