"""Bank statements: each line books its amount on the bank account against the suspense account in a
posted entry of the bank journal, where it waits to be reconciled."""

from __future__ import annotations

from typing import Any

from addons.account.models.account_move import NO_SYNC
from core import _, model
from core.exceptions import UserError, ValidationError


@model("account.bank.statement")
class AccountBankStatement:
    def _compute_balance_end(self) -> None:
        for statement in self:
            statement.balance_end = (statement.balance_start or 0.0) + sum(
                statement.line_ids.mapped("amount")
            )

    def _compute_lines_to_reconcile(self) -> None:
        for statement in self:
            statement.lines_to_reconcile = len(statement.line_ids.filtered(lambda ln: not ln.is_reconciled))
            currency = statement.currency_id
            statement.is_complete = bool(statement.line_ids) and currency.is_zero(
                statement.balance_end - (statement.balance_end_real or 0.0)
            )

    def create(self, vals_list: Any) -> Any:
        """Lines given with the statement take its journal and date unless they have their own."""
        for vals in [vals_list] if isinstance(vals_list, dict) else vals_list:
            if not isinstance(vals, dict):
                continue
            for command in vals.get("line_ids") or []:
                if isinstance(command, (list, tuple)) and command[0] == 0 and isinstance(command[2], dict):
                    command[2].setdefault("journal_id", vals.get("journal_id"))
                    if vals.get("date"):
                        command[2].setdefault("date", vals["date"])
        return super().create(vals_list)


@model("account.bank.statement.line")
class AccountBankStatementLine:
    def create(self, vals_list: Any) -> Any:
        """Each new line gets its posted entry: bank account against suspense account."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        Statement = self.env["account.bank.statement"]
        for vals in items if isinstance(items, list) else []:
            if isinstance(vals, dict) and not vals.get("journal_id") and vals.get("statement_id"):
                vals["journal_id"] = Statement.browse(vals["statement_id"]).journal_id.id
        lines = super().create(vals_list)
        for line in lines:
            line._account_make_entry()
        return lines

    def write(self, vals: dict[str, Any]) -> bool:
        booked = sorted(name for name in ("amount", "date", "journal_id") if name in vals)
        changed = [
            name for name in booked for line in self.filtered("move_id") if _differs(line, name, vals[name])
        ]
        if changed:
            raise UserError(
                _(
                    "The %(fields)s of an imported bank line cannot change: its entry is posted. Delete "
                    "the line (when not reconciled) and import it again.",
                    fields=", ".join(sorted(set(changed))),
                )
            )
        return super().write(vals)

    def unlink(self) -> bool:
        if self.filtered("is_reconciled") or self.mapped("move_id.line_ids").filtered(
            lambda ln: ln.matched_debit_ids or ln.matched_credit_ids
        ):
            raise UserError(_("A reconciled bank line cannot be deleted: undo its reconciliation first."))
        moves = self.mapped("move_id")
        result = super().unlink()
        # the entries are cancelled rather than deleted, so that their numbers stay taken
        for move in moves.exists():
            move.button_draft()
            move.button_cancel()
        return result

    def _account_suspense_account(self) -> Any:
        account = self.journal_id.suspense_account_id or self.company_id.account_journal_suspense_account_id
        if not account:
            raise ValidationError(
                _(
                    "The journal %(journal)s has no suspense account: set one on the journal or the "
                    "company's in the accounting settings.",
                    journal=self.journal_id.display_name,
                ),
                field="journal_id",
            )
        return account

    def _account_make_entry(self) -> None:
        journal = self.journal_id
        if journal.type != "bank":
            raise ValidationError(
                _(
                    "Bank statement lines go to a bank journal, not %(journal)s.",
                    journal=journal.display_name,
                ),
                field="journal_id",
            )
        if not journal.default_account_id:
            raise ValidationError(
                _("The journal %(journal)s has no bank account.", journal=journal.display_name),
                field="journal_id",
            )
        suspense = self._account_suspense_account()
        amount = self.currency_id.round(self.amount)
        common = {"partner_id": self.partner_id.commercial_partner_id.id or False, "name": self.payment_ref}
        move = (
            self.env["account.move"]
            .with_context(default_move_type="entry")
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": self.date,
                    "ref": self.ref or self.payment_ref,
                    "partner_id": common["partner_id"],
                    "statement_line_id": self.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                **common,
                                "account_id": journal.default_account_id.id,
                                "debit": max(amount, 0.0),
                                "credit": max(-amount, 0.0),
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                **common,
                                "account_id": suspense.id,
                                "debit": max(-amount, 0.0),
                                "credit": max(amount, 0.0),
                            },
                        ),
                    ],
                }
            )
        )
        move.action_post()
        super(AccountBankStatementLine, self.with_context(**{NO_SYNC: True})).write({"move_id": move.id})

    def _account_suspense_lines(self) -> Any:
        suspense = self._account_suspense_account()
        return self.move_id.line_ids.filtered(lambda ln: ln.account_id == suspense)

    def _compute_amount_residual(self) -> None:
        for line in self:
            if not line.move_id:
                line.amount_residual = line.amount
                continue
            suspense = (
                line.journal_id.suspense_account_id or line.company_id.account_journal_suspense_account_id
            )
            left = line.move_id.line_ids.filtered(lambda ln, acc=suspense: ln.account_id == acc)
            line.amount_residual = -sum(left.mapped("balance"))

    def _compute_display_name(self) -> None:
        for line in self:
            line.display_name = " - ".join(p for p in (line.payment_ref, line.ref) if p) or _("Bank line")


def _differs(line: Any, name: str, value: Any) -> bool:
    """Whether writing ``value`` (as a client sends it) changes the line's ``name``."""
    current = line[name]
    if name == "amount":
        try:
            return not line.currency_id.is_zero(float(value) - current)
        except (TypeError, ValueError):
            return True
    if name == "date":
        return str(value)[:10] != (current.isoformat() if current else "")
    return (value.id if hasattr(value, "id") else value) != current.id
