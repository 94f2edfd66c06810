"""The demo pipeline's entry point, called from demo/crm_demo.yaml."""
from __future__ import annotations

from addons.crm.demo_pipeline import PipelineGenerator, resolve_refs
from core import clock, model

DONE_PARAM = "crm.demo_pipeline_seed"


@model("crm.lead")
class CrmLeadDemo:
    def _demo_generate_pipeline(self, count: int = 240, seed: int = 17) -> bool:
        """Create ``count`` leads with history and activities; the same ``seed`` gives the same pipeline.
        Upgrading the addon reloads its demo data: a pipeline already made with ``seed`` is kept."""
        env = self.env(su=True)
        Params = env["ir.config_parameter"]
        leads = env["crm.lead"].with_context(active_test=False)
        if Params.get_param(DONE_PARAM) == str(seed) and leads.search_count([], limit=1):
            return False  # an upgrade reloading the demo data; after an uninstall the leads are gone
        Params.set_param(DONE_PARAM, str(seed))
        generator = PipelineGenerator(resolve_refs(env), seed, clock.utcnow().replace(microsecond=0))
        values = [generator.lead_values(index) for index in range(count)]
        leads = env["crm.lead"].with_context(mail_create_nolog=True, tracking_disable=True).create(values)
        if generator.unassigned:
            leads.browse([leads.ids[i] for i in generator.unassigned]).write({"user_id": False})
        model_id = env["ir.model"].search([("model", "=", "crm.lead")], limit=1).id
        env["mail.activity"].create([{**activity, "res_model_id": model_id, "res_model": "crm.lead",
                                      "res_id": leads.ids[index]}
                                     for index, activity in generator.activities])
        return True
