"""Accounts of the chart: their group in the reports and whether their items are reconciled."""

from __future__ import annotations

from core import model

RECONCILED_TYPES = frozenset({"asset_receivable", "liability_payable"})


@model("account.account")
class AccountAccount:
    def _compute_internal_group(self) -> None:
        for account in self:
            kind = (account.account_type or "").split("_")[0]
            account.internal_group = (
                kind
                if kind in ("asset", "liability", "equity", "income", "expense")
                else ("off_balance" if kind == "off" else False)
            )

    def _compute_reconcile(self) -> None:
        for account in self:
            account.reconcile = account.account_type in RECONCILED_TYPES

    def _compute_display_name(self) -> None:
        for account in self:
            account.display_name = f"{account.code} {account.name}" if account.code else (account.name or "")
