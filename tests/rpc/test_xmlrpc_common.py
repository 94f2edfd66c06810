"""/xmlrpc/2/common and /xmlrpc/2/db: version, login, authenticate, database listing."""

from __future__ import annotations

import xmlrpc.client

import pytest
import requests


def test_version_answers_odoo_keys(common):
    version = common.version()
    assert version["server_version"] == "17.0"
    assert version["server_version_info"][:2] == [17, 0]
    assert version["server_serie"] == "17.0"
    assert version["protocol_version"] == 1


def test_login_returns_uid_of_admin(common, server):
    assert common.login(server.db, "admin", "admin") == 2


def test_login_with_wrong_password_returns_false(common, server):
    assert common.login(server.db, "admin", "wrong") is False


def test_authenticate_takes_user_agent_env(common, server):
    assert common.authenticate(server.db, "demo", "demo", {"interactive": False}) > 2


def test_authenticate_unknown_login_returns_false(common, server):
    assert common.authenticate(server.db, "nobody", "x", {}) is False


def test_about_answers_text(common):
    assert isinstance(common.about(), str)


def test_login_on_unknown_database_is_fault_1(common):
    with pytest.raises(xmlrpc.client.Fault) as error:
        common.login("no_such_database_x", "admin", "admin")
    assert error.value.faultCode == 1
    assert "no_such_database_x" in error.value.faultString


def test_five_failures_block_logins_from_the_address(common, server):
    for _attempt in range(5):
        assert common.login(server.db, "admin", "wrong") is False
    assert common.login(server.db, "admin", "admin") is False


def test_db_list_contains_the_served_database(server):
    db = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/db")
    assert server.db in db.list()


def test_db_server_version_and_languages(server):
    db = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/db")
    assert db.server_version() == "17.0"
    assert ["es_ES", "Español"] in db.list_lang()


def test_db_exist_tells_known_from_unknown(server):
    db = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/db")
    assert db.db_exist(server.db) is True
    assert db.db_exist("no_such_database_x") is False


def test_db_management_is_refused(server):
    db = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/db")
    with pytest.raises(xmlrpc.client.Fault) as error:
        db.drop("admin", server.db)
    assert error.value.faultCode == 4


def test_unknown_common_method_is_fault_1(common):
    with pytest.raises(xmlrpc.client.Fault) as error:
        common.frobnicate()
    assert error.value.faultCode == 1
    assert "frobnicate" in error.value.faultString


def test_body_that_is_not_xml_is_fault_1_and_next_call_works(server, common):
    response = requests.post(f"{server.base}/xmlrpc/2/common", data=b"<methodCall><bad", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/xml")
    with pytest.raises(xmlrpc.client.Fault) as error:
        xmlrpc.client.loads(response.content)
    assert error.value.faultCode == 1
    assert common.version()["server_serie"] == "17.0"


def test_legacy_common_path_logs_in(server):
    legacy = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/common")
    assert legacy.login(server.db, "admin", "admin") == 2
