"""Contacts, users and leads over XML-RPC and JSON-RPC as Odoo clients and migration tools find them:
salespersons create customers, new users get the default template's groups, the partner of a company
or user is kept, a contact needs a name, phones and VAT numbers are stored as Odoo stores them, a
lead keeps the probabilities it is created with and waits for the assignment."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.exchange.rpc_client import TRANSPORTS, Client, RpcFault, is_user_error


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


@pytest.fixture(params=TRANSPORTS)
def rpc(request: pytest.FixtureRequest, server: Any) -> Client:
    """The administrator over XML-RPC, then over JSON-RPC."""
    return Client(server, request.param)


@pytest.fixture
def demo_rpc(rpc: Client) -> Client:
    return Client(rpc.server, rpc.transport, "demo", "demo")


def fault_of(client: Client, *call: Any, **kwargs: Any) -> RpcFault:
    with pytest.raises(RpcFault) as caught:
        client(*call, **kwargs)
    return caught.value


def ref(client: Client, xmlid: str) -> int:
    return client("ir.model.data", "xmlid_to_res_id", xmlid)


@pytest.fixture
def verified_vat(rpc: Client) -> Iterator[None]:
    """The company verifies VAT numbers (the setting, as the settings page applies it), then not again."""
    settings = rpc("res.config.settings", "create", {"vat_check_vies": True})
    rpc("res.config.settings", "execute", [settings])
    yield
    rpc("res.company", "write", [ref(rpc, "base.main_company")], {"vat_check_vies": False})


# -- item 3: contact creation, default user template, protected partners ----------------------
def test_demo_salesperson_creates_and_deletes_a_customer(demo_rpc):
    partner = demo_rpc("res.partner", "create", {"name": unique("Customer of demo"), "city": "Teruel"})
    assert demo_rpc("res.partner", "read", [partner], ["create_uid"])[0]["create_uid"][0] == demo_rpc.uid
    assert demo_rpc("res.partner", "check_access_rights", "create", raise_exception=False) is True
    assert demo_rpc("res.partner", "unlink", [partner]) is True


def test_new_internal_user_gets_the_template_groups(rpc):
    template = rpc("res.users", "read", [ref(rpc, "base.default_user")], ["groups_id"])
    login = unique("template").replace(" ", "")
    user = rpc("res.users", "create", {"name": "Template Child", "login": login})
    groups = rpc("res.users", "read", [user], ["groups_id"])[0]["groups_id"]
    assert sorted(groups) == sorted(template[0]["groups_id"])
    assert ref(rpc, "base.group_partner_manager") in groups


def test_partner_of_a_company_cannot_be_deleted(rpc):
    company_partner = rpc("res.company", "read", [ref(rpc, "base.main_company")], ["partner_id"])[0]
    fault = fault_of(rpc, "res.partner", "unlink", [company_partner["partner_id"][0]])
    assert is_user_error(fault)
    assert "cannot delete the contact of the company YourCompany" in fault.message
    if rpc.transport == "xmlrpc":
        assert fault.code == 2
    else:
        assert fault.code == "odoo.exceptions.UserError"


def test_partner_of_a_user_cannot_be_deleted(rpc):
    fault = fault_of(rpc, "res.partner", "unlink", [ref(rpc, "base.partner_demo")])
    assert is_user_error(fault) and "linked to users (demo)" in fault.message
    assert rpc("res.partner", "search_count", [("id", "=", ref(rpc, "base.partner_demo"))]) == 1


# -- item 4: a contact needs a name ------------------------------------------------------------
def test_nameless_contact_is_refused_naming_the_field(rpc):
    fault = fault_of(rpc, "res.partner", "create", {"email": "nameless@example.com"})
    assert is_user_error(fault)
    assert "A contact needs a name: fill in the field 'Name' (name)" in fault.message
    assert rpc("res.partner", "search_count", [("email", "=", "nameless@example.com")]) == 0
    address = rpc("res.partner", "create", {"type": "invoice", "parent_id": ref(rpc, "base.main_partner")})
    assert rpc("res.partner", "read", [address], ["name"])[0]["name"] is False


# -- item 8: contact data as Odoo stores it ----------------------------------------------------
PHONES = [("base.us", "(803)-873-6126", "+1 803-873-6126"), ("base.us", "555-1234", "555-1234"),
          ("base.be", "0475 12 34 56", "+32 475 12 34 56"), ("base.es", "612 34 56 78", "+34 612 34 56 78")]


def test_national_phones_are_stored_on_create_and_write(rpc):
    for country, typed, stored in PHONES:
        partner = rpc("res.partner", "create", {"name": unique("Phone"), "country_id": ref(rpc, country),
                                                "phone": typed})
        assert rpc("res.partner", "read", [partner], ["phone"])[0]["phone"] == stored
        rpc("res.partner", "write", [partner], {"mobile": typed})
        assert rpc("res.partner", "read", [partner], ["mobile"])[0]["mobile"] == stored


def test_phone_without_country_is_read_in_the_company_country(rpc):
    spanish = rpc("res.partner", "create", {"name": unique("No country"), "phone": "612 34 56 78"})
    belgian = rpc("res.partner", "create", {"name": unique("No country"), "phone": "0475 12 34 56"})
    rows = rpc("res.partner", "read", [spanish, belgian], ["phone"])
    assert [row["phone"] for row in rows] == ["+34 612 34 56 78", "0475 12 34 56"]


def test_migration_load_stores_every_phone(rpc):
    tag = unique("Load")
    rows = [[f"{tag} {i}", country, typed] for i, (country, typed, _stored) in enumerate(PHONES)]
    result = rpc("res.partner", "load", ["name", "country_id/id", "phone"], rows)
    assert result["messages"] == [] and len(result["ids"]) == len(PHONES)
    stored = [row["phone"] for row in rpc("res.partner", "read", result["ids"], ["phone"])]
    assert stored == [expected for _country, _typed, expected in PHONES]


def test_vat_is_not_checked_until_the_company_verifies_it(rpc):
    partner = rpc("res.partner", "create", {"name": unique("VAT"), "vat": "ESB12345678"})
    assert rpc("res.partner", "read", [partner], ["vat"])[0]["vat"] == "ESB12345678"
    result = rpc("res.partner", "load", ["name", "vat"], [[unique("VAT load"), "US12345672"]])
    assert result["messages"] == []


def test_verified_vat_is_refused_with_a_clear_error(rpc, verified_vat):
    fault = fault_of(rpc, "res.partner", "create", {"name": unique("VAT"), "vat": "ESB12345678"})
    assert is_user_error(fault)
    assert "'Tax ID' (vat): 'ESB12345678' is not a valid VAT number" in fault.message
    good = rpc("res.partner", "create", {"name": unique("VAT"), "vat": "ES B-12345674"})
    assert rpc("res.partner", "read", [good], ["vat"])[0]["vat"] == "ESB12345674"
    result = rpc("res.partner", "load", ["name", "vat"], [[unique("VAT load"), "ESB12345678"]])
    assert result["ids"] is False
    assert result["messages"][0]["field"] == "vat" and result["messages"][0]["field_name"] == "Tax ID"


def test_email_odoo_accepts_is_stored_over_the_api(rpc):
    partner = rpc("res.partner", "create", {"name": unique("Mail"), "email": "info at acme"})
    assert rpc("res.partner", "read", [partner], ["email"])[0]["email"] == "info at acme"


def test_contact_takes_the_company_address_and_follows_it(rpc):
    company = rpc("res.partner", "create", {"name": unique("Company"), "is_company": True,
                                            "street": "Calle Mayor 1", "city": "Huesca",
                                            "country_id": ref(rpc, "base.es")})
    person = rpc("res.partner", "create", {"name": unique("Person"), "parent_id": company,
                                           "street": "Somewhere else"})
    assert rpc("res.partner", "read", [person], ["street", "city"])[0] == {
        "id": person, "street": "Calle Mayor 1", "city": "Huesca"}
    rpc("res.partner", "write", [company], {"street": "Coso 2", "city": "Zaragoza"})
    assert rpc("res.partner", "read", [person], ["street", "city"])[0] == {
        "id": person, "street": "Coso 2", "city": "Zaragoza"}


def test_comment_is_sanitised_html(rpc):
    partner = rpc("res.partner", "create", {"name": unique("Notes"),
                                            "comment": "<p>Pays <b>late</b><script>alert(1)</script></p>"})
    assert rpc("res.partner", "read", [partner], ["comment"])[0]["comment"] == "<p>Pays <b>late</b></p>"
    assert rpc("res.partner", "fields_get", ["comment"], attributes=["type"])["comment"]["type"] == "html"


def test_lead_keeps_its_probabilities_and_waits_for_the_assignment(rpc, demo_rpc):
    for client in (rpc, demo_rpc):
        lead = client("crm.lead", "create", {"name": unique("Migrated lead"), "probability": 42.0,
                                              "automated_probability": 17.0, "user_id": False})
        row = client("crm.lead", "read", [lead], ["probability", "automated_probability", "user_id"])[0]
        assert (row["probability"], row["automated_probability"], row["user_id"]) == (42.0, 17.0, False)
