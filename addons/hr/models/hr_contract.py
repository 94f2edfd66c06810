"""Contracts: one running contract per employee at a time, the employee's current contract, and
the scheduled action that expires ended contracts and reminds HR of those about to end."""
from __future__ import annotations

import datetime as dt
from typing import Any

from core import _, clock, model, public
from core.exceptions import ValidationError

EXPIRY_PARAM = "hr.contract_expiry_notice_days"
DEFAULT_NOTICE_DAYS = 30
ACTIVE_STATES = ("open", "close")


@model("hr.contract")
class HrContract:
    def _check_overlap(self) -> None:
        for contract in self.filtered(lambda c: c.state in ACTIVE_STATES):
            domain: list[Any] = [("id", "!=", contract.id), ("employee_id", "=", contract.employee_id.id),
                                 ("state", "in", list(ACTIVE_STATES)),
                                 "|", ("date_end", "=", False), ("date_end", ">=", contract.date_start)]
            if contract.date_end:
                domain.append(("date_start", "<=", contract.date_end))
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(_("%(employee)s already has the contract %(other)s over these dates: "
                                        "an employee can only have one contract at a time.",
                                        employee=contract.employee_id.name, other=other.name),
                                      field="date_start")

    @public
    def action_open(self) -> bool:
        """Start the contracts (state Running)."""
        self.write({"state": "open"})
        return True

    @public
    def action_close(self) -> bool:
        self.write({"state": "close"})
        return True

    @public
    def action_cancel(self) -> bool:
        self.write({"state": "cancel"})
        return True

    def _cron_contract_expiry(self) -> bool:
        """Expire running contracts whose end date has passed, and schedule a to-do for the HR
        responsible of each running contract ending within the notice period (once per contract)."""
        env = self.env(su=True)
        today = clock.today()
        Contracts = env["hr.contract"]
        ended = Contracts.search([("state", "=", "open"), ("date_end", "!=", False),
                                  ("date_end", "<", today)])
        if ended:
            ended.write({"state": "close"})
        days = int(env["ir.config_parameter"].get_param(EXPIRY_PARAM) or DEFAULT_NOTICE_DAYS)
        ending = Contracts.search([("state", "=", "open"), ("date_end", "!=", False),
                                   ("date_end", "<=", today + dt.timedelta(days=days))])
        reminded = set(ending._activities_of("mail.mail_activity_data_todo").mapped("res_id"))
        for contract in ending.filtered(lambda c: c.id not in reminded):
            contract.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=contract.date_end,
                summary=_("The contract of %(employee)s ends on %(date)s",
                          employee=contract.employee_id.name, date=contract.date_end.isoformat()),
                user_id=contract.hr_responsible_id.id or env.ref("base.user_admin").id)
        return True


@model("hr.employee")
class HrEmployeeContract:
    def _compute_contract_id(self) -> None:
        for employee in self:
            running = employee.contract_ids.filtered(lambda c: c.state == "open")
            employee.contract_id = running.sorted(key=lambda c: c.date_start, reverse=True)[:1]
