"""Allocations of time off days: approved or refused by time off officers."""
from __future__ import annotations

from core import _, model, public
from core.exceptions import AccessError, UserError


@model("hr.leave.allocation")
class HrLeaveAllocation:
    def _compute_leaves_taken(self) -> None:
        """Approved days off use the employee's approved allocations of their type, oldest first; the
        newest allocation carries any excess (a negative balance)."""
        keys = {(a.employee_id.id, a.holiday_status_id.id) for a in self}
        env = self.env(su=True)
        employees = [key[0] for key in keys]
        taken: dict[tuple[int, int], float] = {}
        for row in env["hr.leave"].search_read([("employee_id", "in", employees), ("state", "=", "validate")],
                                               ["employee_id", "holiday_status_id", "number_of_days"],
                                               load=None):
            key = (row["employee_id"], row["holiday_status_id"])
            taken[key] = taken.get(key, 0.0) + row["number_of_days"]
        siblings = env["hr.leave.allocation"].search([("employee_id", "in", employees),
                                                      ("state", "=", "validate")], order="id")
        share: dict[int, float] = {}
        for key in keys:
            left = taken.get(key, 0.0)
            mine = siblings.filtered(lambda a, k=key: (a.employee_id.id, a.holiday_status_id.id) == k)
            for index, allocation in enumerate(mine):
                used = left if index == len(mine) - 1 else min(left, allocation.number_of_days)
                share[allocation.id] = used
                left -= used
        for allocation in self:
            used = share.get(allocation.id, 0.0) if allocation.state == "validate" else 0.0
            allocation.leaves_taken = round(used, 2)
            allocation.remaining_leaves = round(allocation.number_of_days - used, 2) \
                if allocation.state == "validate" else 0.0

    def _officer(self) -> bool:
        return self.env.su or self.env.user.has_group("hr_holidays.group_hr_holidays_user")

    def _compute_can_approve(self) -> None:
        """For the buttons: time off officers approve and refuse allocations."""
        officer = self._officer()
        for allocation in self:
            allocation.can_approve = officer

    def _check_officer(self) -> None:
        if not self._officer():
            raise AccessError(_("Only time off officers can approve or refuse allocations."))

    @public
    def action_validate(self) -> bool:
        """Approve the allocations: their days count in the balances."""
        self._check_officer()
        waiting = self.filtered(lambda a: a.state == "confirm")
        if waiting != self:
            raise UserError(_("Only allocations waiting for approval can be approved: %(names)s.",
                              names=", ".join((self - waiting).mapped("display_name"))))
        approver = self.env["res.users"].sudo().browse(self.env.uid).employee_id.id or False
        self.write({"state": "validate", "approver_id": approver})
        return True

    @public
    def action_approve(self) -> bool:
        """Odoo's other name for approving an allocation."""
        return self.action_validate()

    @public
    def action_refuse(self) -> bool:
        self._check_officer()
        self.write({"state": "refuse"})
        return True
