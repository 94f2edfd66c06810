"""The status of a transfer in its chatter: the state is computed from the moves, so it changes when
moves are created, written or deleted, not when the transfer is written. Those changes are logged
on the transfers like a tracked field (Status: Ready → Done), one message per transfer and change."""

from __future__ import annotations

from typing import Any

from addons.mail.models.mail_thread_tracking import _tracking_off
from core import model


def _states(pickings: Any) -> dict[int, Any]:
    return {p.id: p.state for p in pickings.sudo()}


def _log_state_changes(pickings: Any, before: dict[int, Any]) -> None:
    """A tracking message on each transfer whose state is not what it was in ``before``."""
    if not pickings:
        return
    field = pickings._fields["state"]
    after = _states(pickings.exists())
    changes = {
        picking_id: [(field, before[picking_id], state)]
        for picking_id, state in after.items()
        if picking_id in before and state != before[picking_id]
    }
    if changes:
        pickings.browse(list(changes))._log_tracking(changes)


@model("stock.move")
class StockMoveTracking:
    def _tracked_pickings(self) -> Any:
        if _tracking_off(self.env) or not all(isinstance(i, int) for i in self._ids):
            return self.env["stock.picking"]
        return self.sudo().mapped("picking_id")

    def create(self, vals_list: Any) -> Any:
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        pickings = self.env["stock.picking"]
        if not _tracking_off(self.env) and isinstance(items, list):
            ids = {v.get("picking_id") for v in items if isinstance(v, dict)}
            pickings = pickings.browse(sorted(i for i in ids if isinstance(i, int))).exists()
        before = _states(pickings)
        moves = super().create(vals_list)
        _log_state_changes(pickings, before)
        return moves

    def write(self, vals: dict[str, Any]) -> bool:
        moving = {"state", "product_uom_qty", "picking_id"} & set(vals)
        pickings = self._tracked_pickings() if moving else None
        before = _states(pickings) if pickings else {}
        result = super().write(vals)
        if pickings:
            if "picking_id" in vals:
                pickings |= self.sudo().mapped("picking_id")
            _log_state_changes(pickings, before)
        return result

    def unlink(self) -> bool:
        pickings = self._tracked_pickings()
        before = _states(pickings)
        result = super().unlink()
        _log_state_changes(pickings, before)
        return result
