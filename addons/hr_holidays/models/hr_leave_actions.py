"""The approval of time off, as Odoo 17 names its steps: submit (action_confirm), approve
(action_approve: the manager's approval, the first of two for types validated by both), validate
(action_validate: the final approval), refuse (action_refuse) and back to draft (action_draft)."""
from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import AccessError, UserError

OFFICER = "hr_holidays.group_hr_holidays_user"
ADMIN = "hr_holidays.group_hr_holidays_manager"
# what the requester may change while the request waits
REQUEST_FIELDS = frozenset({"name", "notes", "holiday_status_id", "employee_id", "request_date_from",
                            "request_date_to", "date_from", "date_to"})


@model("hr.leave")
class HrLeaveActions:
    def _is_officer(self) -> bool:
        return self.env.su or self.env.user.has_group(OFFICER)

    def _is_approver(self, leave: Any) -> bool:
        """The employee's time off approver (their manager's user) or an officer."""
        return self._is_officer() or leave.employee_id.sudo().leave_manager_id.id == self.env.uid

    def _check_write_rights(self, vals: dict[str, Any]) -> None:
        if self._is_officer():
            return
        if "state" in vals and not self.env.context.get("leave_action"):
            raise AccessError(_("The status of a time off changes through its buttons (submit, approve, "
                                "refuse), not by writing it."))
        if self.env.context.get("leave_action"):
            return
        for leave in self:
            if leave.state not in ("draft", "confirm"):
                raise UserError(_("The time off of %(employee)s is no longer waiting: only a time off "
                                  "officer can change it.", employee=leave.employee_id.name))
        refused = sorted(set(vals) - REQUEST_FIELDS)
        if refused:
            raise AccessError(_("Only time off officers can change %(fields)s of a time off.",
                                fields=", ".join(refused)))

    def _set_state(self, state: str, **extra: Any) -> None:
        self.with_context(leave_action=True).write({"state": state, **extra})

    def _my_employee_id(self) -> int | bool:
        return self.env["res.users"].sudo().browse(self.env.uid).employee_id.id or False

    def _require(self, states: tuple[str, ...], message: str) -> None:
        wrong = self.filtered(lambda leave: leave.state not in states)
        if wrong:
            raise UserError(message % {"names": ", ".join(f"{leave.employee_id.name} ({leave.state})"
                                                          for leave in wrong)})

    def _is_own(self, leave: Any) -> bool:
        """The user's own request, which only a time off administrator approves or refuses."""
        if self.env.su or self.env.user.has_group(ADMIN):
            return False
        return leave.employee_id.sudo().user_id.id == self.env.uid

    def _refuse_own(self) -> None:
        if any(self._is_own(leave) for leave in self):
            raise AccessError(_("You cannot approve or refuse your own time off: your manager or HR does."))

    def _compute_can_approve(self) -> None:
        """For the buttons: what the current user may do with each request, as the actions decide."""
        officer = self._is_officer()
        for leave in self:
            own = self._is_own(leave)
            kind = leave.validation_type
            approver = officer or leave.employee_id.sudo().leave_manager_id.id == self.env.uid
            leave.can_approve = not own and (officer if kind == "hr" else approver)
            leave.can_validate = not own and (officer if kind in ("hr", "both") else approver)
            leave.can_reset = officer or leave.employee_id.sudo().user_id.id == self.env.uid

    @public
    def action_confirm(self) -> bool:
        """Submit draft requests for approval."""
        self._require(("draft",), _("Only draft time off can be submitted: %(names)s."))
        self._set_state("confirm")
        self._notify_approvers()
        return True

    @public
    def action_approve(self) -> bool:
        """Approve: final for types validated by the manager or HR alone; the first of two approvals
        (then action_validate by a time off officer) for types validated by both."""
        self._require(("confirm",), _("Only time off waiting for approval can be approved: %(names)s."))
        self._refuse_own()
        me = self._my_employee_id()
        for leave in self:
            kind = leave.validation_type
            allowed = self._is_officer() if kind == "hr" else self._is_approver(leave)
            if not allowed:
                raise AccessError(_("Only the approver of %(employee)s or a time off officer can approve "
                                    "this time off.", employee=leave.employee_id.name))
            if kind == "both":
                leave._set_state("validate1", first_approver_id=me)
            else:
                leave._set_state("validate", first_approver_id=me)
        self._close_approval_activities()
        return True

    @public
    def action_validate(self) -> bool:
        """The final approval; for types validated by both, only a time off officer gives it."""
        self._require(("confirm", "validate1"),
                      _("Only time off waiting for approval can be validated: %(names)s."))
        self._refuse_own()
        me = self._my_employee_id()
        for leave in self:
            officer_only = leave.validation_type in ("hr", "both")
            if not (self._is_officer() if officer_only else self._is_approver(leave)):
                raise AccessError(_("Only a time off officer can give the final approval of the time off "
                                    "of %(employee)s.", employee=leave.employee_id.name))
            field = "second_approver_id" if leave.state == "validate1" else "first_approver_id"
            leave._set_state("validate", **{field: me})
        self._close_approval_activities()
        return True

    @public
    def action_refuse(self) -> bool:
        self._require(("confirm", "validate1", "validate"),
                      _("Only time off waiting for approval or approved can be refused: %(names)s."))
        self._refuse_own()
        for leave in self:
            if not self._is_approver(leave):
                raise AccessError(_("Only the approver of %(employee)s or a time off officer can refuse "
                                    "this time off.", employee=leave.employee_id.name))
        self._set_state("refuse")
        self._close_approval_activities()
        return True

    @public
    def action_draft(self) -> bool:
        """Back to draft, to change a request waiting for approval or refused."""
        self._require(("confirm", "refuse"), _("Only waiting or refused time off can be reset: %(names)s."))
        for leave in self:
            if not (self._is_officer() or leave.employee_id.sudo().user_id.id == self.env.uid):
                raise AccessError(_("Only %(employee)s or a time off officer can reset this time off.",
                                    employee=leave.employee_id.name))
        self._set_state("draft", first_approver_id=False, second_approver_id=False)
        self._close_approval_activities()
        return True

    def _notify_approvers(self) -> None:
        """A to-do for the approver of each request waiting for them."""
        for leave in self.filtered(lambda leave: leave.state == "confirm"):
            approver = leave.employee_id.sudo().leave_manager_id
            if approver and leave.validation_type in ("manager", "both"):
                leave.sudo().activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=leave.request_date_from,
                    summary=_("Approve the time off of %(employee)s", employee=leave.employee_id.name),
                    user_id=approver.id)

    def _close_approval_activities(self) -> None:
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
