"""Access rights and record rules over RPC, for a restricted user (demo: internal user, one company)."""

from __future__ import annotations

import xmlrpc.client

import pytest


@pytest.fixture
def other_company_partner(admin) -> int:
    company_2 = admin("ir.model.data", "xmlid_to_res_id", "base.company_2")
    return admin("res.partner", "create", {"name": "Branch Only Partner", "company_id": company_2})


def test_demo_reads_partners(demo):
    assert demo("res.partner", "search_count", []) > 0


def test_demo_cannot_create_companies(demo, admin):
    before = admin("res.company", "search_count", [])
    with pytest.raises(xmlrpc.client.Fault) as error:
        demo("res.company", "create", {"name": "Not Allowed"})
    assert error.value.faultCode == 4
    assert admin("res.company", "search_count", []) == before


def test_demo_cannot_write_groups(demo):
    group = demo("res.groups", "search", [], limit=1)
    with pytest.raises(xmlrpc.client.Fault) as error:
        demo("res.groups", "write", group, {"name": "Hacked"})
    assert error.value.faultCode == 4


def test_record_rule_hides_other_company_partner_from_search(demo, other_company_partner):
    assert other_company_partner not in demo("res.partner", "search", [["name", "=", "Branch Only Partner"]])


def test_reading_a_hidden_record_is_fault_4(demo, other_company_partner):
    with pytest.raises(xmlrpc.client.Fault) as error:
        demo("res.partner", "read", [other_company_partner], ["name"])
    assert error.value.faultCode == 4


def test_admin_sees_other_company_partner(admin, other_company_partner):
    assert admin("res.partner", "read", [other_company_partner], ["name"])[0]["name"] == "Branch Only Partner"


def test_check_access_rights_without_raising_answers_false(demo):
    assert demo("res.company", "check_access_rights", "create", raise_exception=False) is False
    assert demo("res.partner", "check_access_rights", "create", raise_exception=False) is True


def test_password_hash_never_leaves_the_server(admin):
    assert admin("res.users", "read", [2], ["password"])[0]["password"] == ""


def test_domain_on_password_cannot_test_passwords(admin):
    assert admin("res.users", "search_count", [["password", "=", "admin"]]) == admin(
        "res.users", "search_count", [["password", "=", "wrong"]]
    )


def test_demo_cannot_read_system_parameters(demo):
    with pytest.raises(xmlrpc.client.Fault) as error:
        demo("ir.config_parameter", "search_read", [])
    assert error.value.faultCode == 4


def test_deactivated_user_is_denied(admin, models, server, common):
    uid = admin("res.users", "create", {"name": "Temp", "login": "temp_user", "password": "temp1234"})
    assert models.execute_kw(server.db, uid, "temp1234", "res.users", "context_get", []) == {
        "lang": "en_US",
        "tz": False,
        "uid": uid,
    }
    admin("res.users", "write", [uid], {"active": False})
    with pytest.raises(xmlrpc.client.Fault) as error:
        models.execute_kw(server.db, uid, "temp1234", "res.users", "context_get", [])
    assert error.value.faultCode == 3


def test_password_change_invalidates_the_cached_check(admin, models, server):
    uid = admin("res.users", "create", {"name": "Temp2", "login": "temp_user2", "password": "first123"})
    models.execute_kw(server.db, uid, "first123", "res.users", "context_get", [])
    admin("res.users", "write", [uid], {"password": "second123"})
    with pytest.raises(xmlrpc.client.Fault) as error:
        models.execute_kw(server.db, uid, "first123", "res.users", "context_get", [])
    assert error.value.faultCode == 3
    assert models.execute_kw(server.db, uid, "second123", "res.users", "context_get", [])["uid"] == uid
