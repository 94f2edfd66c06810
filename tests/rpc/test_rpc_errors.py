"""Bad calls get a clear fault of the right kind, and change nothing."""

from __future__ import annotations

import xmlrpc.client

import pytest


def fault_of(call, *args, **kwargs) -> xmlrpc.client.Fault:
    with pytest.raises(xmlrpc.client.Fault) as error:
        call(*args, **kwargs)
    return error.value


def test_unknown_model_is_fault_2(admin):
    fault = fault_of(admin, "no.such.model", "search", [])
    assert (fault.faultCode, fault.faultString) == (2, "Object no.such.model doesn't exist")


def test_private_method_is_fault_4(admin):
    fault = fault_of(admin, "res.partner", "_search", [])
    assert (fault.faultCode, fault.faultString) == (
        4,
        "Private methods (such as _search) cannot be called remotely.",
    )


def test_init_is_private(admin):
    assert fault_of(admin, "res.partner", "init").faultCode == 4


def test_method_not_marked_public_is_refused(admin):
    fault = fault_of(admin, "res.users", "has_group", [2], "base.group_user")
    assert fault.faultCode == 4 and "not public" in fault.faultString


def test_missing_method_is_fault_1_naming_it(admin):
    fault = fault_of(admin, "res.partner", "no_such_method", [])
    assert fault.faultCode == 1 and "res.partner.no_such_method" in fault.faultString


def test_unknown_field_in_fields_is_fault_2(admin):
    fault = fault_of(admin, "res.partner", "search_read", [], fields=["nope"])
    assert fault.faultCode == 2 and "Invalid field 'nope' on model 'res.partner'" in fault.faultString


def test_unknown_field_in_domain_names_the_leaf(admin):
    fault = fault_of(admin, "res.partner", "search", [["nope", "=", 1]])
    assert fault.faultCode == 2 and "res.partner.nope" in fault.faultString


def test_bad_operator_is_invalid_leaf(admin):
    fault = fault_of(admin, "res.partner", "search", [["name", "~~", 1]])
    assert fault.faultCode == 2 and "Invalid leaf" in fault.faultString


def test_bad_order_is_refused(admin):
    fault = fault_of(admin, "res.partner", "search", [], order="name; DROP TABLE res_partner")
    assert fault.faultCode == 2 and "order" in fault.faultString


def test_unknown_field_in_create_creates_nothing(admin):
    before = admin("res.partner", "search_count", [])
    fault = fault_of(admin, "res.partner", "create", {"name": "X", "nope": 1})
    assert fault.faultCode == 2 and "nope" in fault.faultString
    assert admin("res.partner", "search_count", []) == before


def test_create_of_a_list_with_one_bad_item_creates_none(admin):
    before = admin("res.partner", "search_count", [])
    fault_of(admin, "res.partner", "create", [{"name": "Good"}, {"name": "Bad", "type": "bogus"}])
    assert admin("res.partner", "search_count", []) == before


def test_wrong_type_is_a_fault_naming_the_field(admin):
    fault = fault_of(admin, "res.partner", "create", {"name": "X", "country_id": "abc"})
    assert fault.faultCode == 2 and "Country" in fault.faultString


def test_bad_date_is_refused(admin):
    fault = fault_of(admin, "res.users", "write", [2], {"login_date": "2024-13-45"})
    assert fault.faultCode in (2, 4)


def test_dict_for_a_char_field_is_refused(admin):
    fault = fault_of(admin, "res.partner", "create", {"name": {"a": 1}})
    assert fault.faultCode == 2 and "Name" in fault.faultString


def test_write_on_deleted_record_is_fault_2(admin):
    pid = admin("res.partner", "create", {"name": "Gone"})
    admin("res.partner", "unlink", [pid])
    fault = fault_of(admin, "res.partner", "write", [pid], {"name": "Back"})
    assert fault.faultCode == 2 and "does not exist" in fault.faultString


def test_validation_error_on_write_changes_nothing(admin):
    ids = admin(
        "res.partner", "create", [{"name": "V1", "email": "v1@x.es"}, {"name": "V2", "email": "v2@x.es"}]
    )
    fault_of(admin, "res.partner", "write", ids, {"email": "broken", "name": False})  # a contact needs a name
    assert {row["email"] for row in admin("res.partner", "read", ids, ["email"])} == {"v1@x.es", "v2@x.es"}


def test_wrong_number_of_arguments_is_fault_1(admin):
    fault = fault_of(admin, "res.partner", "search_count", [], [], [], [], [])
    assert fault.faultCode == 1 and "search_count" in fault.faultString


def test_ids_that_are_not_integers_are_refused(admin):
    fault = fault_of(admin, "res.partner", "read", ["abc"], ["name"])
    assert fault.faultCode == 2 and "ids" in fault.faultString


def test_context_that_is_not_an_object_is_refused(models, server, admin_uid):
    fault = fault_of(
        models.execute_kw,
        server.db,
        admin_uid,
        "admin",
        "res.partner",
        "search_count",
        [[]],
        {"context": ["lang"]},
    )
    assert fault.faultCode == 2 and "context" in fault.faultString


def test_legacy_path_uses_string_fault_codes(server, admin_uid):
    legacy = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/object")
    fault = fault_of(
        legacy.execute, server.db, admin_uid, "admin", "res.partner", "write", [999999], {"name": "x"}
    )
    assert fault.faultCode.startswith("warning -- MissingError\n\n")
    fault = fault_of(legacy.execute, server.db, admin_uid, "wrong", "res.partner", "search", [])
    assert (fault.faultCode, fault.faultString) == ("AccessDenied", "Access Denied")
    fault = fault_of(legacy.execute, server.db, admin_uid, "admin", "res.partner", "create", {"email": "bad"})
    assert fault.faultCode.startswith("warning -- UserError\n\n")


def test_stale_last_update_is_refused_and_the_newer_value_kept(admin):
    pid = admin("res.partner", "create", {"name": "Fresh"})
    stale = {f"res.partner,{pid}": "2000-01-01 00:00:00"}
    fault = fault_of(
        admin, "res.partner", "write", [pid], {"name": "Stale"}, context={"__last_update": stale}
    )
    assert fault.faultCode == 2
    assert admin("res.partner", "read", [pid], ["name"])[0]["name"] == "Fresh"
