"""Allocations of time off days: approved or refused by time off officers."""
from __future__ import annotations

from core import _, model, public
from core.exceptions import AccessError, UserError


@model("hr.leave.allocation")
class HrLeaveAllocation:
    def _check_officer(self) -> None:
        if not (self.env.su or self.env.user.has_group("hr_holidays.group_hr_holidays_user")):
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
