"""The Employees settings: the contract expiry notice cannot be negative."""
from __future__ import annotations

from core import _, model, public
from core.exceptions import ValidationError


@model("res.config.settings")
class ResConfigSettingsHr:
    @public
    def execute(self) -> bool:
        self.ensure_one()
        if (self.hr_contract_expiry_notice_days or 0) < 0:
            label = self._fields["hr_contract_expiry_notice_days"].label()
            raise ValidationError(_("%(field)s cannot be negative.", field=label),
                                  field="hr_contract_expiry_notice_days")
        return super().execute()
