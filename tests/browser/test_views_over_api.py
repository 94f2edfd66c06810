"""A consultant's Odoo XML form, posted over XML-RPC, is what users see in the web client; a broken one
is refused and the lead form keeps working for everyone."""
from __future__ import annotations

import xmlrpc.client

import pytest

from tests.browser.conftest import log_in, shot
from tests.rpc.test_views_api import LEAD_FORM

pytestmark = pytest.mark.browser


def database_of(page) -> str:
    """The database the web client serves, as its session tells (the page is logged in)."""
    answer = page.request.post("/web/session/get_session_info",
                               data={"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1})
    return answer.json()["result"]["db"]


def rpc(live_server: str, database: str, login: str):
    common = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/object")
    uid = common.authenticate(database, login, login, {})

    def call(model: str, method: str, *args, **kwargs):
        return models.execute_kw(database, uid, login, model, method, list(args), kwargs)

    return call


def open_lead(page, lead_id: int) -> None:
    page.goto(f"/web/model/crm.lead/{lead_id}")
    page.wait_for_selector('[data-field="name"]')


def test_odoo_xml_form_posted_over_xmlrpc_is_rendered(new_page, live_server):
    page = new_page()
    log_in(page, "admin")
    database = database_of(page)
    admin = rpc(live_server, database, "admin")
    # a lead both the manager and the salesperson may open
    demo = rpc(live_server, database, "demo")
    lead_id = demo("crm.lead", "search", [("type", "=", "opportunity")], limit=1)[0]
    arch = LEAD_FORM.replace('string="Who"', 'string="Who (XML)"')
    view_id = admin("ir.ui.view", "create", {"name": "lead.from.odoo", "model": "crm.lead", "priority": 1,
                                              "arch": arch})
    try:
        for login in ("admin", "demo"):
            page = new_page()
            log_in(page, login)
            open_lead(page, lead_id)
            body = page.inner_text("body").upper()  # group titles are shown in capitals
            assert "WHO (XML)" in body and "DEAL" in body and "NOTES" in body
            assert page.locator('[data-field="email_from"]').count() == 1
            assert page.locator('[data-field="website"]').count() == 0  # not in the posted form
            shot(page, f"views-api-xml-form-{login}")
            assert page.errors == []
    finally:
        admin("ir.ui.view", "unlink", [view_id])


def test_a_refused_form_leaves_the_lead_form_working_for_everyone(new_page, live_server):
    page = new_page()
    log_in(page, "admin")
    database = database_of(page)
    admin = rpc(live_server, database, "admin")
    demo = rpc(live_server, database, "demo")
    lead_id = demo("crm.lead", "search", [("type", "=", "opportunity")], limit=1)[0]
    broken = LEAD_FORM.replace("email_from", "emial_from")
    with pytest.raises(xmlrpc.client.Fault) as fault:
        admin("ir.ui.view", "create", {"name": "lead.broken", "model": "crm.lead", "priority": 1,
                                       "arch": broken})
    assert fault.value.faultCode == 2 and "no field 'emial_from'" in fault.value.faultString
    for login in ("admin", "demo"):
        page = new_page()
        log_in(page, login)
        open_lead(page, lead_id)
        assert page.locator('[data-field="email_from"]').count() == 1
        shot(page, f"views-api-refused-lead-form-{login}")
        assert page.errors == []
