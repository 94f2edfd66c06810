"""The demo company's entry point, called from demo/hr_demo.yaml."""
from __future__ import annotations

from addons.hr.demo_company import generate_company
from core import clock, model

DONE_PARAM = "hr.demo_company_seed"


@model("hr.employee")
class HrEmployeeDemo:
    def _demo_generate_company(self, seed: int = 7) -> bool:
        """Create the demo company's people; upgrading the addon keeps a company already made."""
        env = self.env(su=True)
        Params = env["ir.config_parameter"]
        if Params.get_param(DONE_PARAM) == str(seed) and env["hr.employee"].search_count([], limit=1):
            return False
        Params.set_param(DONE_PARAM, str(seed))
        quiet = env(context={**env.context, "mail_create_nolog": True, "tracking_disable": True})
        generate_company(quiet, seed, clock.today())
        return True
