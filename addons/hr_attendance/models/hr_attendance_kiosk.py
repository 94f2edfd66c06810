"""The attendance kiosk: a shared screen, opened by an attendance officer, where employees check in
and out by their name and, when the settings ask for it, their PIN (Odoo's attendance_manual)."""
from __future__ import annotations

from typing import Any

from addons.hr_attendance.models.hr_attendance import is_attendance_officer
from core import _, model, public
from core.exceptions import AccessError, UserError, ValidationError

USE_PIN = "hr_attendance.kiosk_use_pin"


def kiosk_uses_pin(env: Any) -> bool:
    return env(su=True)["ir.config_parameter"].get_param(USE_PIN) in ("True", "true", "1")


@model("hr.employee")
class HrEmployeeKiosk:
    def _verify_pin(self) -> None:
        for employee in self.sudo():
            if employee.pin and not employee.pin.isdigit():
                raise ValidationError(_("The PIN of %(employee)s must be a sequence of digits.",
                                        employee=employee.name), field="pin")

    @public
    def attendance_manual(self, next_action: str | None = None,
                          entered_pin: str | None = None) -> dict[str, Any]:
        """Check the employee in or out at the kiosk, after their PIN when the settings ask for it;
        ``next_action`` (``check_in`` / ``check_out``), when given, must match their state."""
        self.ensure_one()
        if not is_attendance_officer(self.env):
            raise AccessError(_("Only attendance officers open the attendance kiosk."))
        if kiosk_uses_pin(self.env):
            pin = self.sudo().pin
            if not pin:
                raise UserError(_("%(employee)s has no PIN yet: ask HR to set one.", employee=self.name))
            if (entered_pin or "") != pin:
                raise UserError(_("Wrong PIN: try again."))
        wanted = {"check_in": "checked_out", "check_out": "checked_in"}.get(next_action or "")
        if next_action and self.attendance_state != wanted:
            self._check_state("checked_in" if next_action == "check_in" else "checked_out")
        return self._attendance_action_change()

    def _attendance_action_change(self) -> dict[str, Any]:
        """Check in or out, and what the kiosk says about it."""
        self.action_attendance_toggle()
        last = self.last_attendance_id
        return {"employee_id": self.id, "employee_name": self.name, "attendance_state": self.attendance_state,
                "check_in": last.check_in, "check_out": last.check_out, "hours_today": self.hours_today}


@model("hr.attendance.check")
class HrAttendanceCheckKiosk:
    def _default_can_use_kiosk(self) -> bool:
        return is_attendance_officer(self.env)

    @public
    def action_open_kiosk(self) -> dict[str, Any]:
        """Open the kiosk in this browser tab."""
        if not is_attendance_officer(self.env):
            raise AccessError(_("Only attendance officers open the attendance kiosk."))
        return {"type": "ir.actions.act_url", "url": "/hr_attendance/kiosk", "target": "self"}
