"""The CRM's settings beyond parameters and groups: the scheduled assignment is the assignment job
itself (on or off, and its interval), and the scoring fields must name fields of leads."""
from __future__ import annotations

from typing import Any

from addons.crm.models.crm_lead_scoring import DEFAULT_PLS_FIELDS
from core import _, model, public
from core.exceptions import ValidationError

ASSIGN_CRON = "crm.ir_cron_crm_lead_assign"
CRON_FIELDS = {"crm_auto_assignment_interval_number": "interval_number",
               "crm_auto_assignment_interval_type": "interval_type"}


@model("res.config.settings")
class ResConfigSettingsCrm:
    def _settings_values(self, wanted: set[str]) -> dict[str, Any]:
        values = super()._settings_values(wanted)
        cron = self.env.ref(ASSIGN_CRON, raise_if_not_found=False)
        cron = cron.sudo().with_context(active_test=False) if cron is not None else None
        if cron is not None:
            values["crm_auto_assignment_action"] = "auto" if cron.active else "manual"
            for name, cron_field in CRON_FIELDS.items():
                values[name] = cron[cron_field]
        if not values.get("predictive_lead_scoring_fields_str"):
            values["predictive_lead_scoring_fields_str"] = DEFAULT_PLS_FIELDS
        return values

    @public
    def execute(self) -> bool:
        self.ensure_one()
        self._check_scoring_fields()
        result = super().execute()
        cron = self.env.ref(ASSIGN_CRON, raise_if_not_found=False)
        if cron is not None and self.crm_auto_assignment_action:
            interval = "crm_auto_assignment_interval_number"
            if self.crm_auto_assignment_action == "auto" and (self[interval] or 0) < 1:
                label = self._fields[interval].label()
                raise ValidationError(_("%(field)s must be at least 1.", field=label), field=interval)
            values: dict[str, Any] = {"active": self.crm_auto_assignment_action == "auto"}
            for name, cron_field in CRON_FIELDS.items():
                if self[name]:
                    values[cron_field] = self[name]
            cron.sudo().write(values)
        return result

    def _check_scoring_fields(self) -> None:
        text = self.predictive_lead_scoring_fields_str or ""
        Lead = self.env["crm.lead"]
        names = [name.strip() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in Lead._fields]
        if unknown:
            raise ValidationError(_("%(field)s: leads have no field %(names)s.",
                                    field=self._fields["predictive_lead_scoring_fields_str"].label(),
                                    names=", ".join(unknown)), field="predictive_lead_scoring_fields_str")
