"""The CRM's general settings: rule-based assignment of new leads, kept as a system parameter."""
from __future__ import annotations

from addons.crm.models.crm_team import ON_CREATE_PARAM
from core import model


@model("res.config.settings")
class ResConfigSettingsCrm:
    def _settings_map(self) -> dict[str, dict[str, str]]:
        mapping = super()._settings_map()
        return {**mapping, "params": {**mapping["params"], "crm_use_auto_assignment": ON_CREATE_PARAM}}
