"""Settings scripted over XML-RPC and JSON-RPC as Odoo clients do: create a res.config.settings record
with the values to change (the others keep their current values), then call execute."""
from __future__ import annotations

from typing import Any

import pytest

from tests.exchange.rpc_client import TRANSPORTS, Client, RpcFault


@pytest.fixture(params=TRANSPORTS)
def rpc(request: pytest.FixtureRequest, server: Any) -> Client:
    return Client(server, request.param)


def test_create_and_execute_write_parameters_company_and_job(rpc):
    company = rpc("ir.model.data", "xmlid_to_res_id", "base.main_company")
    fields = ["company_city", "web_base_url", "crm_auto_assignment_interval_number"]
    before = rpc("res.config.settings", "read", [rpc("res.config.settings", "create", {})], fields)[0]
    settings = rpc("res.config.settings", "create", {"company_city": "Cuenca", "web_base_url": "https://erp.test",
                                                     "crm_auto_assignment_action": "auto",
                                                     "crm_auto_assignment_interval_number": 3})
    assert rpc("res.config.settings", "execute", [settings]) is True
    try:
        assert rpc("res.company", "read", [company], ["city"])[0]["city"] == "Cuenca"
        assert rpc("ir.config_parameter", "get_param", "web.base.url") == "https://erp.test"
        cron = rpc("ir.model.data", "xmlid_to_res_id", "crm.ir_cron_crm_lead_assign")
        assert rpc("ir.cron", "read", [cron], ["interval_number"])[0]["interval_number"] == 3
        values = rpc("res.config.settings", "read", [rpc("res.config.settings", "create", {})], fields)[0]
        assert [values[name] for name in fields] == ["Cuenca", "https://erp.test", 3]
    finally:
        restore = rpc("res.config.settings", "create", {
            "company_city": before["company_city"], "web_base_url": before["web_base_url"],
            "crm_auto_assignment_interval_number": before["crm_auto_assignment_interval_number"]})
        rpc("res.config.settings", "execute", [restore])


def test_a_salesperson_cannot_change_settings(rpc):
    demo = Client(rpc.server, rpc.transport, "demo", "demo")
    with pytest.raises(RpcFault) as caught:
        demo("res.config.settings", "create", {"web_base_url": "https://evil.test"})
    assert caught.value.code in (4, "warning -- AccessError") or "AccessError" in str(caught.value)
    assert rpc("ir.config_parameter", "get_param", "web.base.url") != "https://evil.test"
