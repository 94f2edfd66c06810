"""Posted entries are immutable: their moves and lines refuse writes and deletions through the record
API, hence through RPC, REST, the web client and the back office alike. The accounting code itself
changes a posted entry only inside ``unlocked()`` (a reset to draft), a flag of the transaction that
no client can set."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from core import _, model
from core.exceptions import UserError

UNLOCKED = "account_unlocked_records"
# what the chatter writes on any record
CHATTER_FIELDS = frozenset({"message_follower_ids", "activity_ids", "message_ids"})


@contextmanager
def unlocked(records: Any) -> Iterator[None]:
    """Let the accounting code write ``records`` although posted, for the duration of the block."""
    keys = {(records._name, record_id) for record_id in records._ids}
    held = records.env.cr.data.setdefault(UNLOCKED, set())
    added = keys - held
    held.update(added)
    try:
        yield
    finally:
        held.difference_update(added)


def _locked(records: Any) -> Any:
    held = records.env.cr.data.get(UNLOCKED, set())
    return records.filtered(lambda r: (r._name, r.id) not in held)


def _posted_error(moves: Any, action: str) -> UserError:
    return UserError(
        _(
            "The entry %(moves)s is posted: it cannot be %(action)s. Reverse it with a credit note, or "
            "reset it to draft if its journal allows it.",
            moves=", ".join(moves.mapped("name")),
            action=action,
        )
    )


@model("account.move")
class AccountMoveLock:
    def write(self, vals: dict[str, Any]) -> bool:
        if set(vals) - CHATTER_FIELDS:
            posted = _locked(self.filtered(lambda m: m.state == "posted"))
            if posted:
                raise _posted_error(posted, _("changed"))
        return super().write(vals)

    def unlink(self) -> bool:
        posted = self.filtered(lambda m: m.state == "posted")
        if posted:
            raise _posted_error(posted, _("deleted"))
        numbered = self.filtered(lambda m: m.posted_before and m.name and m.name != "/")
        if numbered:
            raise UserError(
                _(
                    "The entry %(moves)s was posted with its number: cancel it instead of deleting it, "
                    "so that no number of the journal is lost.",
                    moves=", ".join(numbered.mapped("name")),
                )
            )
        return super().unlink()


@model("account.move.line")
class AccountMoveLineLock:
    def create(self, vals_list: Any) -> Any:
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list):
            ids = {vals.get("move_id") for vals in items if isinstance(vals, dict) and vals.get("move_id")}
            moves = self.env["account.move"].browse(sorted(ids)).exists()
            posted = _locked(moves.filtered(lambda m: m.state == "posted"))
            if posted:
                raise _posted_error(posted, _("given new journal items"))
        return super().create(vals_list)

    def write(self, vals: dict[str, Any]) -> bool:
        posted = _locked(self.filtered(lambda line: line.move_id.state == "posted"))
        if posted:
            raise _posted_error(posted.mapped("move_id"), _("changed"))
        return super().write(vals)

    def unlink(self) -> bool:
        posted = _locked(self.filtered(lambda line: line.move_id.state == "posted"))
        if posted:
            raise _posted_error(posted.mapped("move_id"), _("changed"))
        return super().unlink()
