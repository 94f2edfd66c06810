"""One table decides how a field is edited when its view says nothing: the web client draws the widget of
that name and the back office builds the form field registered under the same name."""
from __future__ import annotations

from wtforms import fields as wtf

from web.admin.converters import FieldConverter
from web.widgets import DEFAULT_WIDGETS, default_widget


def test_every_field_type_has_a_default_widget(env):
    from core.fields.base import FIELD_TYPES

    assert set(FIELD_TYPES) <= set(DEFAULT_WIDGETS)


def test_secrets_are_write_only_in_both_screens(env):
    field = env["res.users"]._fields["password"]
    assert field.secret and default_widget(field) == "password"
    unbound = FieldConverter().convert(field, "Password")
    assert unbound is not None and unbound.field_class is wtf.PasswordField


def test_the_back_office_builds_the_field_of_the_client_widget(env):
    converter = FieldConverter()
    expected = {"char": wtf.StringField, "text": wtf.TextAreaField, "integer": wtf.IntegerField,
                "boolean": wtf.BooleanField, "selection": wtf.SelectField}
    seen = set()
    for model in ("res.partner", "res.users", "ir.model.fields"):
        for field in env[model]._fields.values():
            unbound = converter.convert(field, field.string)
            widget = default_widget(field)
            if widget in expected and unbound is not None:
                assert issubclass(unbound.field_class, expected[widget]), (model, field.name, widget)
                seen.add(widget)
            if widget in ("one2many", "binary", "image"):
                assert unbound is None, (model, field.name)
    assert seen == set(expected)
