"""/xmlrpc/2/object execute_kw: every listed record method, with Odoo's value conventions."""

from __future__ import annotations

import re
import xmlrpc.client

import pytest


def test_search_returns_ids(admin):
    ids = admin("res.partner", "search", [["is_company", "=", True]])
    assert ids and all(isinstance(i, int) for i in ids)


def test_search_offset_and_limit(admin):
    everything = admin("res.partner", "search", [], order="id")
    assert admin("res.partner", "search", [], offset=1, limit=2, order="id") == everything[1:3]


def test_search_count_counts(admin):
    assert admin("res.partner", "search_count", [["is_company", "=", True]]) == len(
        admin("res.partner", "search", [["is_company", "=", True]])
    )


def test_read_classic_gives_many2one_as_id_and_name(admin):
    spain = admin("res.partner", "search", [["country_id.code", "=", "ES"]], limit=1)
    row = admin("res.partner", "read", spain, fields=["country_id"])[0]
    assert row["country_id"][1] == "Spain"
    assert isinstance(row["country_id"][0], int)


def test_read_classic_write_gives_bare_many2one_id(admin):
    spain = admin("res.partner", "search", [["country_id.code", "=", "ES"]], limit=1)
    row = admin("res.partner", "read", spain, fields=["country_id"], load="_classic_write")[0]
    assert isinstance(row["country_id"], int)


def test_read_empty_values_are_false(admin):
    pid = admin("res.partner", "create", {"name": "Empty Values"})
    row = admin("res.partner", "read", [pid], ["email", "parent_id", "child_ids", "active"])[0]
    assert row["email"] is False and row["parent_id"] is False
    assert row["child_ids"] == [] and row["active"] is True


def test_read_datetimes_are_utc_strings(admin):
    row = admin("res.partner", "read", [3], ["create_date"])[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["create_date"])


def test_read_of_deleted_ids_returns_the_existing_rows(admin):
    pid = admin("res.partner", "create", {"name": "Short Lived"})
    admin("res.partner", "unlink", [pid])
    assert [row["id"] for row in admin("res.partner", "read", [3, pid], ["name"])] == [3]


def test_search_read_of_four_fields(admin):
    rows = admin(
        "res.partner",
        "search_read",
        [["is_company", "=", True]],
        fields=["name", "email", "city", "country_id"],
        limit=5,
    )
    assert rows and set(rows[0]) == {"id", "name", "email", "city", "country_id"}


def test_fields_get_with_attributes_returns_only_those(admin):
    fields = admin("res.partner", "fields_get", attributes=["string", "type", "relation"])
    assert fields["name"] == {"string": "Name", "type": "char"}
    assert fields["country_id"]["relation"] == "res.country"


def test_fields_get_allfields_limits_fields(admin):
    assert set(admin("res.partner", "fields_get", ["name", "email"])) == {"name", "email"}


def test_create_with_a_dict_returns_an_id(admin):
    assert isinstance(admin("res.partner", "create", {"name": "One"}), int)


def test_create_with_a_list_returns_ids(admin):
    ids = admin("res.partner", "create", [{"name": "A1"}, {"name": "A2"}])
    assert len(ids) == 2 and ids[0] < ids[1]


def test_write_returns_true_and_changes(admin):
    pid = admin("res.partner", "create", {"name": "Before"})
    assert admin("res.partner", "write", [pid], {"name": "After"}) is True
    assert admin("res.partner", "read", [pid], ["name"])[0]["name"] == "After"


def test_unlink_deletes(admin):
    pid = admin("res.partner", "create", {"name": "Doomed"})
    assert admin("res.partner", "unlink", [pid]) is True
    assert admin("res.partner", "search", [["id", "=", pid]]) == []


def test_name_search_finds_by_name(admin):
    results = admin("res.partner", "name_search", "Azure")
    assert results and results[0][1] == "Azure Interior"


def test_name_get_gives_id_and_name(admin):
    assert admin("res.partner", "name_get", [3]) == [[3, "Administrator"]]


def test_name_create_fills_name(admin):
    pid, name = admin("res.partner", "name_create", "Quick Partner")
    assert name == "Quick Partner" and isinstance(pid, int)


def test_read_group_counts_per_group(admin):
    groups = admin("res.partner", "read_group", [], ["id:count"], ["is_company"])
    by_value = {group["is_company"]: group["is_company_count"] for group in groups}
    assert by_value[True] == admin("res.partner", "search_count", [["is_company", "=", True]])
    assert all("__domain" in group for group in groups)


def test_read_group_lazy_false_gives_count(admin):
    groups = admin("res.partner", "read_group", [], ["id:count"], ["is_company", "country_id"], lazy=False)
    assert all("__count" in group for group in groups)


def test_default_get_answers_defaults(admin):
    assert admin("res.partner", "default_get", ["active", "type"]) == {"active": True, "type": "contact"}


def test_copy_returns_the_new_id(admin):
    pid = admin("res.partner", "create", {"name": "Original"})
    copy_id = admin("res.partner", "copy", [pid])
    assert isinstance(copy_id, int) and copy_id != pid


def test_exists_keeps_existing_ids(admin):
    pid = admin("res.partner", "create", {"name": "Ghost"})
    admin("res.partner", "unlink", [pid])
    assert admin("res.partner", "exists", [3, pid]) == [3]


def test_check_access_rights_answers_a_boolean(admin):
    assert admin("res.partner", "check_access_rights", "read") is True


def test_context_get_of_the_user(admin):
    assert admin("res.users", "context_get") == {"lang": "en_US", "tz": False, "uid": 2}


def test_check_object_reference_gives_model_and_id(admin):
    assert admin("ir.model.data", "check_object_reference", "base", "user_admin") == ["res.users", 2]


def test_xmlid_to_res_model_res_id(admin):
    assert admin("ir.model.data", "xmlid_to_res_model_res_id", "base.main_company") == ["res.company", 1]


def test_ir_model_access_check(admin):
    assert admin("ir.model.access", "check", "res.partner", "write") is True


def test_public_addon_method_is_callable(admin):
    partner = admin("res.partner", "search", [["is_company", "=", True]], limit=1)
    assert "contact" in admin("res.partner", "address_get", partner)


def test_context_lang_translates_messages(models, server, admin_uid):
    with pytest.raises(xmlrpc.client.Fault) as error:
        models.execute_kw(
            server.db, admin_uid, "admin", "no.such.model", "search", [[]], {"context": {"lang": "es_ES"}}
        )
    assert error.value.faultString == "El objeto no.such.model no existe"


def test_context_active_test_false_finds_archived(admin):
    pid = admin("res.partner", "create", {"name": "Archived One", "active": False})
    assert admin("res.partner", "search", [["id", "=", pid]]) == []
    assert admin("res.partner", "search", [["id", "=", pid]], context={"active_test": False}) == [pid]


def test_execute_takes_positional_arguments(models, server, admin_uid):
    count = models.execute(server.db, admin_uid, "admin", "res.partner", "search_count", [])
    assert count > 0


def test_no_method_answers_none_over_xmlrpc(admin):
    # action methods and writes answer booleans: XML-RPC cannot carry None
    assert admin("res.users", "preference_save", [2]) is True


def test_strings_lose_control_characters_over_xmlrpc(admin, jsonrpc, server):
    # XML cannot carry C0 controls: the value is written over JSON-RPC, read back over XML-RPC
    created = jsonrpc(
        "object", "execute_kw", server.db, 2, "admin", "res.partner", "create", [{"name": "Bell\x07Name"}]
    )
    assert admin("res.partner", "read", [created["result"]], ["name"])[0]["name"] == "BellName"


def test_wrong_password_is_fault_3(models, server):
    with pytest.raises(xmlrpc.client.Fault) as error:
        models.execute_kw(server.db, 2, "wrong", "res.partner", "search", [[]])
    assert (error.value.faultCode, error.value.faultString) == (3, "Access Denied")


def test_uid_of_another_user_with_admin_password_is_denied(models, server, demo):
    with pytest.raises(xmlrpc.client.Fault) as error:
        models.execute_kw(server.db, demo.uid, "admin", "res.partner", "search", [[]])
    assert error.value.faultCode == 3


def test_unknown_service_method_is_fault_1(models, server):
    with pytest.raises(xmlrpc.client.Fault) as error:
        models.frobnicate(server.db)
    assert error.value.faultCode == 1
