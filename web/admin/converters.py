"""WTForms fields of the back office's forms, made from the registry's field metadata: one converter per
field type, found by ``@converts`` as flask-admin finds its own; and the submitted data turned back into
the values the record API takes (only those that changed)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytz
from flask_admin.model.form import ModelConverterBase, converts
from wtforms import fields as wtf
from wtforms import validators
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField

from core.fields.base import Field
from core.i18n import _, translate
from core.records.model import BaseModel
from web.i18n import request_tz
from web.widgets import default_widget

RELATION_CHOICES = 500  # options of a many2one or many2many select; the current value is always one


def _id_or_none(value: Any) -> int | None:
    if value in (None, "", "None", False):
        return None
    return int(value)


class JSONField(wtf.TextAreaField):
    """JSON text (a view's arch): shown indented, refused with the parser's reason when it does not parse."""

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data in (None, False) else json.dumps(self.data, indent=2, ensure_ascii=False)

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        try:
            self.data = json.loads(text)
        except ValueError as error:
            self.data = None
            raise ValueError(_("Not valid JSON: %(reason)s", reason=str(error))) from None


class RelationField(wtf.SelectField):
    """A many2one: one record of the comodel (options filled for each form, from the user's search)."""

    comodel: str = ""


class RelationsField(wtf.SelectMultipleField):
    """A many2many: records of the comodel."""

    comodel: str = ""


class FieldConverter(ModelConverterBase):
    """Field metadata → unbound WTForms fields: one method per widget (the one the web client would draw
    for the field, ``web.widgets.default_widget``), marked with ``@converts``."""

    def __init__(self) -> None:
        super().__init__(use_mro=False)

    def get_converter(self, field: Field) -> Any:  # type: ignore[override]
        return self.converters.get(default_widget(field))

    def convert(self, field: Field, label: str) -> UnboundField | None:
        """The form field of ``field`` (None for a type the back office does not edit)."""
        converter = self.get_converter(field)
        if converter is None:
            return None
        required = field.required and field.type != "boolean"
        kwargs: dict[str, Any] = {
            "label": label,
            "description": translate(field.help or ""),
            "validators": [validators.InputRequired() if required else validators.Optional()],
        }
        return converter(field, kwargs)

    @converts("char")
    def char(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        size = getattr(field, "size", None)
        if size:
            kwargs["validators"].append(validators.Length(max=size))
        return wtf.StringField(**kwargs)

    @converts("text", "html")
    def text(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return wtf.TextAreaField(**kwargs)

    @converts("password")
    def password(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        """A write-only field: an empty password input (never filled back), left empty to keep the value."""
        kwargs["validators"] = [validators.Optional()]
        kwargs["render_kw"] = {"autocomplete": "new-password"}
        return wtf.PasswordField(**kwargs)

    @converts("integer")
    def integer(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return wtf.IntegerField(**kwargs)

    @converts("float", "monetary")
    def number(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return wtf.FloatField(**kwargs)

    @converts("boolean")
    def boolean(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        kwargs["validators"] = []
        return wtf.BooleanField(**kwargs)

    @converts("date")
    def date(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return wtf.DateField(format="%Y-%m-%d", **kwargs)

    @converts("datetime")
    def datetime(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return wtf.DateTimeLocalField(format="%Y-%m-%dT%H:%M", **kwargs)

    @converts("selection")
    def selection(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        choices = [SelectChoice("", "")] + [
            SelectChoice(key, translate(label)) for key, label in field.selection
        ]
        return wtf.SelectField(choices=choices, **kwargs)

    @converts("many2one")
    def many2one(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return RelationField(choices=[], coerce=_id_or_none, **kwargs)

    @converts("many2many_tags")
    def many2many(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        kwargs["validators"] = [validators.Optional()]
        return RelationsField(choices=[], coerce=int, **kwargs)

    @converts("json")
    def json_text(self, field: Field, kwargs: dict[str, Any]) -> UnboundField:
        return JSONField(**kwargs)


def fill_choices(form: Any, records: BaseModel) -> None:
    """The options of the relational fields of ``form``: records of the comodel the user may read."""
    for name, form_field in form._fields.items():
        if not isinstance(form_field, (RelationField, RelationsField)):
            continue
        comodel = records.env[records._fields[name].comodel_name]
        if not comodel.check_access_rights("read", raise_exception=False):
            form_field.choices = []
            continue
        found = comodel.name_search("", limit=RELATION_CHOICES)
        current = form_field.data or []
        current = [current] if isinstance(current, int) else list(current)
        missing = [i for i in current if i and i not in {record_id for record_id, _name in found}]
        if missing:
            found += comodel.browse(missing).exists().name_get()
        options = [SelectChoice(record_id, name_) for record_id, name_ in found]
        form_field.choices = (
            [SelectChoice("", ""), *options] if isinstance(form_field, RelationField) else options
        )


def form_value(field: Field, value: Any) -> Any:
    """A value as read() gives it, as the form field holds it."""
    if field.type == "many2one":
        return value[0] if isinstance(value, (list, tuple)) else (value or None)
    if value is False and field.type != "boolean":
        return None
    if field.type == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if field.type == "datetime" and isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if field.type == "datetime" and isinstance(value, dt.datetime):
        return pytz.utc.localize(value).astimezone(pytz.timezone(request_tz())).replace(tzinfo=None)
    return value


def record_value(field: Field, data: Any) -> Any:
    """What the form field holds, as the record API takes it."""
    if field.type == "many2many":
        return [(6, 0, sorted(data or []))]
    if field.type == "boolean":
        return bool(data)
    if data in (None, ""):
        return False
    if field.type == "datetime" and isinstance(data, dt.datetime):
        local = pytz.timezone(request_tz()).localize(data)
        return local.astimezone(pytz.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S")
    if field.type == "date" and isinstance(data, dt.date):
        return data.isoformat()
    return data


def changed_values(form: Any, records: BaseModel, current: Any = None) -> dict[str, Any]:
    """The record API values of the form's fields that differ from ``current`` (a mapped instance)."""
    values = {}
    for name, form_field in form._fields.items():
        field = records._fields.get(name)
        if field is None:
            continue
        if current is not None and _same(field, getattr(current, name, None), form_field.data):
            continue
        values[name] = record_value(field, form_field.data)
    return values


def _same(field: Field, before: Any, after: Any) -> bool:
    if field.type == "many2many":
        return sorted(before or []) == sorted(after or [])
    empty = (None, False, "")
    return (before in empty and after in empty) or before == after
