"""Departments as a tree: the complete name from the root, head counts, no cycles."""
from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import ValidationError


@model("hr.department")
class HrDepartment:
    def _compute_complete_name(self) -> None:
        for department in self:
            parent = department.parent_id
            department.complete_name = (f"{parent.complete_name} / {department.name}" if parent
                                        else department.name or "")

    def _compute_total_employee(self) -> None:
        for department in self:
            department.total_employee = len(department.member_ids)

    def _check_parent_id(self) -> None:
        for department in self:
            department._refuse_cycle(department.parent_id.id)

    def _refuse_cycle(self, parent_id: int | bool) -> None:
        for department in self:
            if parent_id and parent_id in department.search([("id", "child_of", department.id)]).ids:
                raise ValidationError(_("You cannot create recursive departments: %(name)s is already above "
                                        "its parent.", name=department.name), field="parent_id")

    def write(self, vals: dict[str, Any]) -> bool:
        # checked before writing: the complete names would otherwise be recomputed around the loop
        if isinstance(vals, dict) and vals.get("parent_id"):
            parent = vals["parent_id"]
            self._refuse_cycle(parent.id if hasattr(parent, "id") else int(parent))
        return super().write(vals)


@model("hr.job")
class HrJob:
    def _compute_no_of_employee(self) -> None:
        for job in self:
            job.no_of_employee = len(job.employee_ids)
