"""res.lang and base.language.install over XML-RPC and JSON-RPC, as migration tools call them first."""

from __future__ import annotations

import xmlrpc.client

import pytest

LANG_FIELDS = ["code", "iso_code", "name", "url_code", "active", "direction", "date_format", "time_format",
               "decimal_point", "thousands_sep", "grouping", "week_start"]


def test_languages_are_read_like_odoos(admin):
    active = admin("res.lang", "search_read", [], fields=LANG_FIELDS)
    assert sorted(row["code"] for row in active) == ["en_US", "es_ES"]
    english = next(row for row in active if row["code"] == "en_US")
    assert english == {"id": english["id"], "code": "en_US", "iso_code": "en", "name": "English (US)",
                       "url_code": "en", "active": True, "direction": "ltr", "date_format": "%m/%d/%Y",
                       "time_format": "%H:%M:%S", "decimal_point": ".", "thousands_sep": ",",
                       "grouping": "[3,0]", "week_start": "7"}
    every = admin("res.lang", "search_read", [], fields=["code", "active"], context={"active_test": False})
    assert len(every) > 2 and {"fr_FR", "de_DE"} <= {row["code"] for row in every}
    assert set(LANG_FIELDS) <= set(admin("res.lang", "fields_get", [], attributes=["type"]))


def test_the_demo_user_reads_languages_but_cannot_change_them(demo):
    assert demo("res.lang", "search_count", []) == 2
    french = demo("res.lang", "search", [["code", "=", "fr_FR"]], context={"active_test": False})
    with pytest.raises(xmlrpc.client.Fault) as error:
        demo("res.lang", "write", french, {"active": True})
    assert error.value.faultCode == 4 and "(res.lang)" in error.value.faultString


def test_installing_a_language_over_jsonrpc_makes_it_selectable(jsonrpc, server):
    def call(model, method, *args, **kwargs):
        body = jsonrpc("object", "execute_kw", server.db, 2, "admin", model, method, list(args), kwargs)
        assert "error" not in body, body["error"]["data"]["message"]
        return body.get("result")

    german = call("res.lang", "search", [["code", "=", "de_DE"]], context={"active_test": False})
    wizard = call("base.language.install", "create", {"lang_ids": [[6, 0, german]]})
    assert call("base.language.install", "lang_install", [wizard]) is True
    assert ["de_DE", "German / Deutsch"] in call("res.lang", "get_installed")
    selection = call("res.users", "fields_get", ["lang"], attributes=["selection"])["lang"]["selection"]
    assert ["de_DE", "German / Deutsch"] in selection
    assert call("res.users", "write", [2], {"lang": "de_DE"}) is True
    assert call("res.users", "context_get")["lang"] == "de_DE"
    assert call("res.users", "write", [2], {"lang": "en_US"}) is True


def test_an_inactive_language_is_refused_for_users(admin):
    with pytest.raises(xmlrpc.client.Fault) as error:
        admin("res.partner", "create", {"name": "Speaks Italian", "lang": "it_IT"})
    assert error.value.faultCode == 2 and "'it_IT' is not a valid choice" in error.value.faultString
