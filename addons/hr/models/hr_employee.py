"""Employees: their work contact, the fields they may change on their own record, the manager
hierarchy, and the link from users to their employee."""
from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import AccessError, ValidationError

# what an employee without HR rights may change on their own record
SELF_EDITABLE = frozenset({"work_phone", "mobile_phone", "work_email", "work_location", "image_1920",
                           "color"})
CONTACT_SYNC = {"name": "name", "work_email": "email", "work_phone": "phone", "mobile_phone": "mobile"}


def is_hr_officer(env: Any) -> bool:
    """Whether the environment's user manages employees (or runs as superuser)."""
    return env.su or env.user.has_group("hr.group_hr_user")


@model("hr.employee")
class HrEmployee:
    def _default_resource_calendar_id(self) -> Any:
        company = self.env.company
        calendars = self.env["resource.calendar"].sudo().search(
            ["|", ("company_id", "=", False), ("company_id", "=", company.id)], order="id", limit=1)
        return calendars.id or False

    def _compute_subordinate_count(self) -> None:
        for employee in self:
            employee.subordinate_count = len(employee.child_ids)

    def _check_parent_id(self) -> None:
        for employee in self:
            if employee.parent_id and employee.parent_id.id in employee.search(
                    [("id", "child_of", employee.id)]).ids:
                raise ValidationError(_("An employee cannot be their own manager, directly or through "
                                        "others: check the manager of %(name)s.", name=employee.name),
                                      field="parent_id")

    def create(self, vals_list: Any) -> Any:
        employees = super().create(vals_list)
        employees._create_work_contacts()
        return employees

    def _create_work_contacts(self) -> None:
        """Each employee without a work contact gets one, as Odoo 17 does."""
        missing = self.filtered(lambda e: not e.work_contact_id)
        if not missing:
            return
        partners = self.env["res.partner"].sudo().create([
            {"name": e.name, "email": e.work_email or False, "phone": e.work_phone or False,
             "mobile": e.mobile_phone or False, "company_id": e.company_id.id}
            for e in missing])
        for employee, partner in zip(missing, partners):
            employee.sudo().work_contact_id = partner

    def write(self, vals: dict[str, Any]) -> bool:
        if isinstance(vals, dict) and not is_hr_officer(self.env):
            refused = sorted(set(vals) - SELF_EDITABLE)
            if refused:
                raise AccessError(_("Only HR officers can change %(fields)s of an employee; you may change "
                                    "your own phones, work email, location and photo.",
                                    fields=", ".join(refused)))
        result = super().write(vals)
        if isinstance(vals, dict):
            synced = {CONTACT_SYNC[key]: vals[key] or False for key in CONTACT_SYNC if key in vals}
            contacts = self.mapped("work_contact_id")
            if synced and contacts:
                contacts.sudo().write(synced)
        return result

    @public
    def action_open_org_chart(self) -> dict[str, Any]:
        """The organisation chart, opened on this employee's branch."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/hr/org-chart?employee={self.id}", "target": "self"}


@model("res.users")
class ResUsers:
    def _compute_employee_id(self) -> None:
        for user in self:
            employees = user.employee_ids.filtered(lambda e, c=user.company_id.id: e.company_id.id == c)
            user.employee_id = employees[:1]
