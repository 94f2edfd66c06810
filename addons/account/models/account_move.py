"""Journal entries and invoices: the lines an invoice books (products, taxes, instalments), its
amounts, posting into a balanced entry numbered from the journal's gapless sequence."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from addons.account.models.account_move_lock import unlocked
from core import _, clock, model, public
from core.exceptions import UserError, ValidationError
from core.records.compute import mark_to_compute, recompute_pending

INVOICE_TYPES = ("out_invoice", "out_refund", "in_invoice", "in_refund")
SALE_TYPES = ("out_invoice", "out_refund")
REFUND_TYPES = ("out_refund", "in_refund")
# product lines of these are credited (income of a sale, a vendor's refund of an expense)
INBOUND_TYPES = ("out_invoice", "in_refund")
JOURNAL_TYPE = {
    "out_invoice": "sale",
    "out_refund": "sale",
    "in_invoice": "purchase",
    "in_refund": "purchase",
    "entry": "general",
}
# fields of a draft invoice whose change redraws its tax and instalment lines
SYNC_FIELDS = frozenset(
    {
        "invoice_line_ids",
        "line_ids",
        "currency_id",
        "partner_id",
        "invoice_date",
        "date",
        "invoice_payment_term_id",
        "fiscal_position_id",
        "move_type",
        "journal_id",
    }
)
NO_SYNC = "account_no_sync"


def product_sign(move_type: str) -> int:
    """-1 when the product lines of ``move_type`` are credited, else 1."""
    return -1 if move_type in INBOUND_TYPES else 1


@model("account.move")
class AccountMove:
    # -- defaults ---------------------------------------------------------------------------
    def _default_journal_id(self, move_type: str | None = None) -> int | bool:
        move_type = move_type or self.env.context.get("default_move_type") or "entry"
        journal = self.env["account.journal"].search(
            [("type", "=", JOURNAL_TYPE.get(move_type, "general")), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        return journal.id or False

    def _default_currency_id(self) -> int | bool:
        journal = self.env["account.journal"].browse(self.env.context.get("default_journal_id") or [])
        currency = journal.currency_id or self.env.company.currency_id
        return currency.id or False

    # -- computes ---------------------------------------------------------------------------
    def _compute_is_invoice(self) -> None:
        for move in self:
            move.is_invoice = move.move_type in INVOICE_TYPES

    def _compute_invoice_date_due(self) -> None:
        for move in self:
            dates = [
                line.date_maturity
                for line in move.line_ids
                if line.display_type == "payment_term" and line.date_maturity
            ]
            move.invoice_date_due = max(dates) if dates else (move.invoice_date or False)

    def _compute_amount(self) -> None:
        for move in self:
            lines = move.line_ids
            if move.move_type in INVOICE_TYPES:
                sign = product_sign(move.move_type)
                terms = lines.filtered(lambda line: line.display_type == "payment_term")
                untaxed = sign * sum(
                    lines.filtered(lambda ln: ln.display_type == "product").mapped("amount_currency")
                )
                tax = sign * sum(
                    lines.filtered(lambda ln: ln.display_type == "tax").mapped("amount_currency")
                )
                currency = move.currency_id
                move.amount_untaxed = currency.round(untaxed) if currency else untaxed
                move.amount_tax = currency.round(tax) if currency else tax
                move.amount_total = currency.round(untaxed + tax) if currency else untaxed + tax
                move.amount_residual = -sign * sum(terms.mapped("amount_residual_currency"))
                move.amount_total_signed = sum(terms.mapped("balance"))
                move.amount_residual_signed = sum(terms.mapped("amount_residual"))
            else:
                total = sum(line.debit for line in lines)
                move.amount_untaxed = move.amount_total = move.amount_total_signed = total
                move.amount_tax = move.amount_residual = move.amount_residual_signed = 0.0

    def _compute_payment_state(self) -> None:
        for move in self:
            currency = move.currency_id
            if move.state != "posted" or move.move_type not in INVOICE_TYPES:
                move.payment_state = "not_paid"
            elif currency.is_zero(move.amount_residual):
                if move._account_reversed_by_credit_note():
                    move.payment_state = "reversed"
                else:
                    move.payment_state = "in_payment" if move._account_waits_for_bank() else "paid"
            elif currency.is_zero(move.amount_residual - move.amount_total):
                move.payment_state = "not_paid"
            else:
                move.payment_state = "partial"

    def _account_settling_moves(self) -> Any:
        terms = self.line_ids.filtered(lambda line: line.display_type == "payment_term")
        partials = terms.mapped("matched_debit_ids") | terms.mapped("matched_credit_ids")
        return (partials.mapped("debit_move_id") | partials.mapped("credit_move_id")).mapped("move_id") - self

    def _account_waits_for_bank(self) -> bool:
        """Whether a payment that settled the invoice still waits on an outstanding account for its
        bank statement line."""
        for payment_move in self._account_settling_moves().filtered("payment_id"):
            waiting = payment_move.line_ids.filtered(
                lambda ln: ln.account_id.reconcile
                and ln.account_type not in ("asset_receivable", "liability_payable")
                and not ln.reconciled
            )
            if waiting:
                return True
        return False

    def account_refresh_payment_state(self) -> None:
        """Recompute the payment state of these invoices (a bank reconciliation changes it from afar)."""
        if self:
            mark_to_compute(self, {self._fields["payment_state"]: set(self.ids)})
            recompute_pending(self)

    def _account_reversed_by_credit_note(self) -> bool:
        """Whether what settled the invoice is its own reversal."""
        terms = self.line_ids.filtered(lambda line: line.display_type == "payment_term")
        partials = terms.mapped("matched_debit_ids") | terms.mapped("matched_credit_ids")
        others = (partials.mapped("debit_move_id") | partials.mapped("credit_move_id")).mapped(
            "move_id"
        ) - self
        return bool(others) and all(
            other.reversed_entry_id == self or self.reversed_entry_id == other for other in others
        )

    def _check_unique_name(self) -> bool:
        """No two posted entries of a journal share a number (one query for a batch of postings)."""
        moves = self.filtered(lambda m: m.state == "posted" and m.name and m.name != "/")
        if not moves:
            return True
        holders = self.search(
            [
                ("journal_id", "in", moves.mapped("journal_id").ids),
                ("name", "in", list(set(moves.mapped("name")))),
                ("state", "=", "posted"),
            ]
        )
        taken = {(move.journal_id.id, move.name) for move in moves}
        seen: set[tuple[int, str]] = set()
        for holder in holders:
            key = (holder.journal_id.id, holder.name)
            if key in taken and key in seen:
                return False
            seen.add(key)
        return True

    def _compute_display_name(self) -> None:
        for move in self:
            if move.name and move.name != "/":
                move.display_name = move.name
            else:
                label = move._fields["move_type"].labels().get(move.move_type, move.move_type)
                move.display_name = _("Draft %(type)s", type=label) + (f" ({move.id})" if move.id else "")

    # -- create, write ----------------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        """Entries go to the first journal of their type (sales for customer invoices...) unless given one."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        journals: dict[str, int | bool] = {}  # one search per type for a batch
        for vals in items if isinstance(items, list) else []:
            if isinstance(vals, dict) and not vals.get("journal_id") and vals.get("move_type"):
                move_type = vals["move_type"]
                if move_type not in journals:
                    journals[move_type] = self._default_journal_id(move_type)
                vals["journal_id"] = journals[move_type]
        moves = super(AccountMove, self.with_context(**{NO_SYNC: True})).create(vals_list)
        moves = moves.with_context(**{NO_SYNC: self.env.context.get(NO_SYNC, False)})
        if not self.env.context.get(NO_SYNC):
            moves._account_sync_lines()
        return moves.with_env(self.env)

    def write(self, vals: dict[str, Any]) -> bool:
        result = super(AccountMove, self.with_context(**{NO_SYNC: True})).write(vals)
        if SYNC_FIELDS & set(vals) and not self.env.context.get(NO_SYNC):
            self._account_sync_lines()
        return result

    # -- posting ----------------------------------------------------------------------------
    @public
    def action_post(self) -> bool:
        """Post draft entries: invoices get their date, lines and number; every entry must balance.
        Returns False, as Odoo does."""
        for move in self:
            move._account_check_postable()
        undated = self.filtered(lambda m: m.move_type in INVOICE_TYPES and not m.invoice_date)
        if undated:
            undated.write({"invoice_date": clock.today()})
        self._account_sync_lines()
        ordered = self.sorted(lambda m: (m.date, m.id))
        for move in ordered:
            move._account_check_balanced()
        numbers = ordered.filtered(lambda m: not m.name or m.name == "/")._account_next_numbers()
        for move in ordered:
            # what differs from one entry to the next is written while still draft; the state of
            # them all at once below (one statement, one check of the numbers' uniqueness)
            values: dict[str, Any] = {}
            if move.id in numbers:
                values["name"] = numbers[move.id]
            if move.move_type in INVOICE_TYPES and not move.payment_reference:
                values["payment_reference"] = values.get("name") or move.name
            if move.move_type in INVOICE_TYPES and move.date != move.invoice_date:
                values["date"] = move.invoice_date
            if values:
                move.with_context(**{NO_SYNC: True}).write(values)
            terms = move.line_ids.filtered(lambda ln: ln.display_type == "payment_term" and not ln.name)
            if terms:
                terms.with_context(**{NO_SYNC: True}).write({"name": move.payment_reference})
        ordered.with_context(**{NO_SYNC: True}).write({"state": "posted", "posted_before": True})
        return False

    def _account_check_postable(self) -> None:
        if self.state != "draft":
            raise UserError(
                _(
                    "Only draft entries can be posted; %(move)s is %(state)s.",
                    move=self.display_name,
                    state=self._fields["state"].labels().get(self.state, self.state),
                )
            )
        if self.move_type in INVOICE_TYPES:
            if not self.partner_id:
                raise ValidationError(
                    _("The invoice %(move)s needs a partner to be posted.", move=self.display_name),
                    field="partner_id",
                )
            if not self.line_ids.filtered(lambda ln: ln.display_type == "product"):
                raise UserError(_("Add a line to %(move)s before posting it.", move=self.display_name))
        journal_company = self.journal_id.company_id
        if any(line.account_id.company_id != journal_company for line in self.line_ids if line.account_id):
            raise ValidationError(
                _(
                    "The entry %(move)s books accounts of another company than its journal's.",
                    move=self.display_name,
                ),
                field="line_ids",
            )

    def _account_check_balanced(self) -> None:
        lines = self.line_ids.filtered(lambda ln: ln.display_type not in ("line_section", "line_note"))
        if not lines:
            raise UserError(_("The entry %(move)s has no journal items.", move=self.display_name))
        missing = lines.filtered(lambda ln: not ln.account_id)
        if missing:
            raise ValidationError(
                _("Every journal item of %(move)s needs an account.", move=self.display_name),
                field="account_id",
            )
        deprecated = lines.mapped("account_id").filtered("deprecated")
        if deprecated:
            raise ValidationError(
                _("The account %(account)s is deprecated.", account=deprecated[0].display_name),
                field="account_id",
            )
        currency = (self.company_id or self.env.company).currency_id
        debit, credit = sum(lines.mapped("debit")), sum(lines.mapped("credit"))
        if not currency.is_zero(debit - credit):
            raise UserError(
                _(
                    "The entry %(move)s is not balanced: debits %(debit)s, credits %(credit)s.",
                    move=self.display_name,
                    debit=currency.format(debit),
                    credit=currency.format(credit),
                )
            )

    def _account_next_numbers(self) -> dict[int, str]:
        """The next numbers of these entries' journal sequences (the credit note sequence for refunds)
        in the year of their dates, in the order of ``self``: one statement per sequence and year. The
        journal rows stay locked to the end of the transaction, so numbers are consecutive and none is
        lost."""
        table = self.env["account.journal"]._table
        batches: dict[Any, list[Any]] = {}
        for journal in self.mapped("journal_id").sudo().sorted("id"):
            if not journal.sequence_id:
                journal._account_make_sequences()
            lock = sa.select(table.c.id).where(table.c.id == journal.id)
            if self.env.cr.dialect == "postgresql":
                # NO KEY UPDATE: postings wait for each other, not for the key-share locks that inserting
                # journal items takes on the journal row (FOR UPDATE would deadlock against those)
                lock = lock.with_for_update(key_share=True)
            self.env.cr.execute(lock)
        for move in self:
            journal = move.journal_id.sudo()
            sequence = (
                journal.refund_sequence_id
                if move.move_type in REFUND_TYPES and journal.refund_sequence_id
                else journal.sequence_id
            )
            batches.setdefault(sequence, []).append(move)
        numbers: dict[int, str] = {}
        for sequence, moves in batches.items():
            dates = [(move.invoice_date or move.date or clock.today()).isoformat() for move in moves]
            for move, number in zip(moves, sequence.next_for_dates(dates), strict=True):
                numbers[move.id] = number
        return numbers

    # -- draft, cancel ----------------------------------------------------------------------
    @public
    def button_draft(self) -> bool:
        """Posted or cancelled entries back to draft, where the journal allows it and nothing is
        reconciled with them; the number stays theirs."""
        for move in self:
            if move.state == "draft":
                continue
            if move.state == "posted" and move.journal_id.restrict_mode_hash_table:
                raise UserError(
                    _(
                        "The journal %(journal)s locks posted entries: reverse %(move)s with a credit "
                        "note instead.",
                        journal=move.journal_id.display_name,
                        move=move.display_name,
                    )
                )
            if move.line_ids.mapped("matched_debit_ids") or move.line_ids.mapped("matched_credit_ids"):
                raise UserError(
                    _(
                        "%(move)s is reconciled with other entries (payments, credit notes): unreconcile "
                        "it first.",
                        move=move.display_name,
                    )
                )
        moves = self.filtered(lambda m: m.state != "draft")
        with unlocked(moves):
            moves.with_context(**{NO_SYNC: True}).write({"state": "draft"})
        for move in moves:
            move.message_post(body=_("Reset to draft by %(user)s.", user=self.env.user.name))
        return True

    @public
    def button_cancel(self) -> bool:
        """Cancel draft entries (posted ones must be reset to draft first)."""
        posted = self.filtered(lambda m: m.state == "posted")
        if posted:
            raise UserError(
                _(
                    "Posted entries cannot be cancelled: reset %(moves)s to draft first, or reverse them.",
                    moves=", ".join(posted.mapped("display_name")),
                )
            )
        self.with_context(**{NO_SYNC: True}).write({"state": "cancel"})
        return True

    @public
    def action_register_payment(self) -> dict[str, Any]:
        """The payment wizard for these invoices."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.payment.register",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": {
                "active_model": "account.move",
                "active_ids": self.ids,
                "dont_redirect_to_payments": True,
            },
        }

    @public
    def action_reverse(self) -> dict[str, Any]:
        """The credit note wizard for these entries."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move.reversal",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": {"active_model": "account.move", "active_ids": self.ids},
        }
