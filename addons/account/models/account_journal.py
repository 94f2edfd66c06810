"""Journals: each numbers its entries from a gapless sequence of its own, restarted every year."""

from __future__ import annotations

from typing import Any

from core import _, model

# the prefix of the credit notes of a journal: R + its code (INV -> RINV)
REFUND_PREFIX = "R"
PADDING = 5


@model("account.journal")
class AccountJournal:
    def create(self, vals_list: Any) -> Any:
        """Journals get their gapless sequences (and sales and purchase journals one for credit notes)."""
        journals = super().create(vals_list)
        for journal in journals:
            journal._account_make_sequences()
        return journals

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if "code" in vals:
            for journal in self:
                journal.sequence_id.sudo().write({"prefix": f"{journal.code}/%(range_year)s/"})
                journal.refund_sequence_id.sudo().write(
                    {"prefix": f"{REFUND_PREFIX}{journal.code}/%(range_year)s/"}
                )
        return result

    def _account_make_sequences(self) -> None:
        Sequence = self.env["ir.sequence"].sudo()
        values: dict[str, Any] = {}
        common = {
            "implementation": "no_gap",
            "use_date_range": True,
            "padding": PADDING,
            "company_id": self.company_id.id,
        }
        if not self.sequence_id:
            values["sequence_id"] = Sequence.create(
                {
                    **common,
                    "name": _("%(journal)s Sequence", journal=self.name),
                    "prefix": f"{self.code}/%(range_year)s/",
                }
            ).id
        if not self.refund_sequence_id and self.type in ("sale", "purchase"):
            values["refund_sequence_id"] = Sequence.create(
                {
                    **common,
                    "name": _("%(journal)s Credit Notes Sequence", journal=self.name),
                    "prefix": f"{REFUND_PREFIX}{self.code}/%(range_year)s/",
                }
            ).id
        if values:
            self.write(values)

    def _compute_display_name(self) -> None:
        for journal in self:
            journal.display_name = (
                f"{journal.name} ({journal.code})" if journal.code else (journal.name or "")
            )
