"""The Python examples of Odoo's external API documentation (XML-RPC), run unchanged but for the URL.

Odoo's documentation uses ``url``, ``db``, ``username``, ``password`` and the ServerProxy objects below.
"""

from __future__ import annotations

import xmlrpc.client


def test_documentation_examples(server):
    url, db, username, password = server.base, server.db, "admin", "admin"

    common = xmlrpc.client.ServerProxy("{}/xmlrpc/2/common".format(url))  # noqa: UP032 - as documented
    assert common.version()["server_version"]
    uid = common.authenticate(db, username, password, {})
    models = xmlrpc.client.ServerProxy("{}/xmlrpc/2/object".format(url))  # noqa: UP032 - as documented

    assert (
        models.execute_kw(
            db, uid, password, "res.partner", "check_access_rights", ["read"], {"raise_exception": False}
        )
        is True
    )
    companies = models.execute_kw(db, uid, password, "res.partner", "search", [[["is_company", "=", True]]])
    page = models.execute_kw(
        db, uid, password, "res.partner", "search", [[["is_company", "=", True]]], {"offset": 1, "limit": 5}
    )
    assert page == companies[1:6]
    assert models.execute_kw(
        db, uid, password, "res.partner", "search_count", [[["is_company", "=", True]]]
    ) == len(companies)

    ids = models.execute_kw(
        db, uid, password, "res.partner", "search", [[["is_company", "=", True]]], {"limit": 1}
    )
    [record] = models.execute_kw(db, uid, password, "res.partner", "read", [ids])
    assert len(record) > 10
    [record] = models.execute_kw(
        db, uid, password, "res.partner", "read", [ids], {"fields": ["name", "country_id", "comment"]}
    )
    assert set(record) == {"id", "name", "country_id", "comment"}

    fields = models.execute_kw(
        db, uid, password, "res.partner", "fields_get", [], {"attributes": ["string", "help", "type"]}
    )
    assert fields["name"]["type"] == "char"
    rows = models.execute_kw(
        db,
        uid,
        password,
        "res.partner",
        "search_read",
        [[["is_company", "=", True]]],
        {"fields": ["name", "country_id", "comment"], "limit": 5},
    )
    assert len(rows) == 5

    id = models.execute_kw(db, uid, password, "res.partner", "create", [{"name": "New Partner"}])
    models.execute_kw(db, uid, password, "res.partner", "write", [[id], {"name": "Newer partner"}])
    assert models.execute_kw(db, uid, password, "res.partner", "read", [[id], ["display_name"]]) == [
        {"id": id, "display_name": "Newer partner"}
    ]
    assert models.execute_kw(db, uid, password, "res.partner", "name_get", [[id]]) == [[id, "Newer partner"]]
    models.execute_kw(db, uid, password, "res.partner", "unlink", [[id]])
    assert models.execute_kw(db, uid, password, "res.partner", "search", [[["id", "=", id]]]) == []


def test_documentation_introspection_examples(server):
    url, db, password = server.base, server.db, "admin"
    common = xmlrpc.client.ServerProxy("{}/xmlrpc/2/common".format(url))  # noqa: UP032 - as documented
    uid = common.authenticate(db, "admin", password, {})
    models = xmlrpc.client.ServerProxy("{}/xmlrpc/2/object".format(url))  # noqa: UP032 - as documented

    models.execute_kw(
        db,
        uid,
        password,
        "ir.model",
        "create",
        [{"name": "Custom Model", "model": "x_custom_model", "state": "manual"}],
    )
    fields = models.execute_kw(
        db, uid, password, "x_custom_model", "fields_get", [], {"attributes": ["string", "help", "type"]}
    )
    assert fields["x_name"]["type"] == "char"

    id = models.execute_kw(
        db,
        uid,
        password,
        "ir.model",
        "create",
        [{"name": "Custom Model", "model": "x_custom", "state": "manual"}],
    )
    # as on Odoo, a manual model gets its x_name field by default; the example then adds a field of its own
    models.execute_kw(
        db,
        uid,
        password,
        "ir.model.fields",
        "create",
        [{"model_id": id, "name": "x_label", "ttype": "char", "state": "manual", "required": True}],
    )
    record_id = models.execute_kw(
        db, uid, password, "x_custom", "create", [{"x_name": "test record", "x_label": "a label"}]
    )
    [record] = models.execute_kw(db, uid, password, "x_custom", "read", [[record_id]])
    assert (record["x_name"], record["x_label"]) == ("test record", "a label")
