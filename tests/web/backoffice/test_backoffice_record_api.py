"""The back office is flask-admin over the registry's mapped classes, with every query, read and write sent
through the record API: the session flask-admin would use refuses any use, lists cost a fixed number of
queries, and forms come from a converter table keyed by field type."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict
from wtforms import validators

from web.admin import rows
from web.admin.converters import FieldConverter, JSONField, RelationField, RelationsField, changed_values
from web.admin.layout import layout_of
from web.admin.model_view import NoSession, RecordModelView
from web.admin.query import RecordQuery
from web.admin.site import TECHNICAL

USERS = next(spec for spec in TECHNICAL if spec.model == "res.users")


def test_the_session_flask_admin_would_use_refuses_every_use():
    with pytest.raises(RuntimeError, match="record API"):
        NoSession().query("anything")


def test_every_list_comes_from_its_views_and_names_real_fields(env):
    for spec in TECHNICAL:
        fields = env[spec.model]._fields
        layout = layout_of(env, spec.model)
        assert layout.columns, spec.model
        named = [*layout.columns, *layout.search, *layout.filters, *(spec.form or ())]
        assert [name for name in named if name not in fields] == [], spec.model
        assert all(fields[name].store for name in (*layout.search, *layout.filters)), spec.model
    users = layout_of(env, "res.users")
    assert users.columns[:2] == ("name", "login") and users.columns[-1] == "active"
    assert {"company_id", "active"} <= set(users.filters)


def test_a_column_added_to_the_list_view_shows_in_the_back_office(env):
    view = env["ir.ui.view"].search([("model", "=", "ir.sequence"), ("type", "=", "list"),
                                     ("inherit_id", "=", False)], limit=1)
    assert "suffix" not in layout_of(env, "ir.sequence").columns
    arch = dict(view.arch)
    arch["columns"] = [*arch["columns"], {"field": "suffix"}]
    view.write({"arch": arch})
    assert "suffix" in layout_of(env, "ir.sequence").columns


def test_a_view_is_bound_to_the_registry_mapped_class(env):
    bound = RecordModelView(USERS)._bound(env(su=False, user=2))
    assert bound.model is env.registry.mapped_class("res.users")
    assert [name for name, _label in bound._list_columns] == list(layout_of(env, "res.users").columns)


def test_bulk_delete_is_not_offered():
    assert RecordModelView(USERS).get_actions_list() == ([], {})


def test_a_record_query_is_a_search_of_the_record_api(env):
    users = env["res.users"].with_context(active_test=False)
    query = RecordQuery(users).filter([("share", "=", False)]).order_by("login desc").slice(1, 2)
    expected = users.search([("share", "=", False)], order="login desc", offset=1, limit=2)
    assert query.all() == expected and query.count() == users.search_count([("share", "=", False)])


def test_rows_are_detached_instances_of_the_mapped_class(env):
    mapped = env.registry.mapped_class("res.users")
    demo = env["res.users"].search([("login", "=", "demo")])
    [instance] = rows.instances(mapped, demo, ["name", "company_id", "groups_id"])
    assert isinstance(instance, mapped) and instance.company_id == demo.company_id.id
    assert sorted(instance.groups_id) == sorted(demo.groups_id.ids)
    assert rows.text_of(instance, "company_id") == demo.company_id.name


def test_a_list_page_reads_a_fixed_number_of_queries(env):
    mapped = env.registry.mapped_class("ir.model.data")
    data = env["ir.model.data"]

    def cost(limit):
        before = env.cr.sql_count
        rows.instances(mapped, RecordQuery(data).slice(0, limit).all(), ["module", "name", "model", "res_id"])
        return env.cr.sql_count - before

    with Flask(__name__).test_request_context():  # numbers are shown in the request's language
        assert cost(5) == cost(40)


def test_converters_follow_the_field_types(env):
    fields = env["res.users"]._fields
    convert = FieldConverter().convert
    login = convert(fields["login"], "Login")
    assert login.field_class.__name__ == "StringField" and isinstance(
        login.kwargs["validators"][0], validators.InputRequired
    )
    assert convert(fields["company_id"], "Company").field_class is RelationField
    assert convert(fields["groups_id"], "Groups").field_class is RelationsField
    assert convert(fields["active"], "Active").kwargs["validators"] == []
    assert convert(env["ir.ui.view"]._fields["arch"], "Arch").field_class is JSONField
    assert convert(fields["api_key_ids"], "Keys") is None


def test_selection_options_are_the_field_labels(env):
    lang = FieldConverter().convert(env["res.users"]._fields["lang"], "Language")
    choices = [(choice.value, choice.label) for choice in lang.kwargs["choices"]]
    assert ("es_ES", "Spanish / Español") in choices


def test_only_changed_values_are_written(env):
    from flask_admin.form import BaseForm

    fields = env["res.users"]._fields
    converter = FieldConverter()
    form_class = type(
        "UserForm",
        (BaseForm,),
        {
            "name": converter.convert(fields["name"], "Name"),
            "login": converter.convert(fields["login"], "Login"),
        },
    )
    mapped = env.registry.mapped_class("res.users")
    [demo] = rows.instances(mapped, env["res.users"].search([("login", "=", "demo")]), ["name", "login"])
    form = form_class(MultiDict({"name": "Marc Renamed", "login": "demo"}), obj=demo)
    assert changed_values(form, env["res.users"], demo) == {"name": "Marc Renamed"}


def test_a_replaced_registry_gets_a_view_of_its_own(env, fresh_registry):
    view = RecordModelView(USERS)
    first = view._bound(env(su=False, user=2))
    other = fresh_registry()
    with other.environment(uid=2) as other_env:
        second = view._bound(other_env)
    assert second._registry is other and first._registry is env.registry
    assert view._bound(env(su=False, user=2)) is first
