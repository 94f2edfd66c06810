"""WTForms forms generated from field metadata: a converter table keyed by field type, so a new
field type means one converter here and one macro in macros/widgets.html."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wtforms import Form, fields, validators
from wtforms.fields import FieldList, FormField
from wtforms.fields.choices import SelectChoice

from core.fields.base import Field
from core.i18n import LazyText, get_lang
from core.records.model import BaseModel

Converter = Callable[[BaseModel, Field, dict[str, Any]], Any]
CONVERTERS: dict[str, Converter] = {}


def converts(*types: str) -> Callable[[Converter], Converter]:
    def register(function: Converter) -> Converter:
        for name in types:
            CONVERTERS[name] = function
        return function

    return register


class RecordIdField(fields.Field):
    """The id of one record (many2one): empty means none."""

    def process_formdata(self, valuelist: list[str]) -> None:
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            self.data = None
        elif raw.isdigit():
            self.data = int(raw)
        else:
            self.data = None
            raise ValueError(LazyText("Not a valid record: choose one from the list."))


class RecordIdsField(fields.Field):
    """Ids of several records (many2many tags): one form value per id."""

    def process_formdata(self, valuelist: list[str]) -> None:
        ids = []
        for raw in valuelist:
            if raw.strip().isdigit():
                ids.append(int(raw))
            elif raw.strip():
                raise ValueError(LazyText("Not a valid record: choose one from the list."))
        self.data = list(dict.fromkeys(ids))

    def _value(self) -> str:
        return ""


class OptionalSelectField(fields.SelectField):
    """A selection that may stay empty (whether it must be filled is the view's ``required``)."""

    def pre_validate(self, form: Any) -> None:
        if self.data in (None, ""):
            return
        super().pre_validate(form)


def _label(field: Field, node: dict[str, Any]) -> LazyText:
    return LazyText(node.get("string") or field.string)


class StrictFormat:
    """A ``validate: email`` field in a form: what the API would store as typed (as Odoo does) is
    refused here, where a person can fix it at once."""

    def __init__(self, check: str) -> None:
        self.check = check

    def __call__(self, form: Any, field: Any) -> None:
        from core.fields.validators import STRICT, VALIDATORS

        if isinstance(field.data, str) and field.data.strip():
            try:
                VALIDATORS[self.check](field.data, STRICT)
            except ValueError as error:
                raise validators.ValidationError(str(error)) from None


@converts("char")
def _char(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    size = getattr(field, "size", None)
    checks = [validators.Optional(), validators.Length(max=size)] if size else [validators.Optional()]
    if field.format_check == "email":
        checks.append(StrictFormat("email"))
    return fields.StringField(_label(field, node), validators=checks)


@converts("text", "html")
def _text(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return fields.TextAreaField(_label(field, node))


class TypedInLanguageField(fields.Field):
    """A value typed in the user's language's format; ``parse(raw, lang)`` reads it, and an unreadable
    one is an error naming the field (the raw text is kept to show back)."""

    def __init__(self, label: Any = None, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.raw = ""

    def parse(self, raw: str, lang: str) -> Any:
        raise NotImplementedError

    def process_formdata(self, valuelist: list[str]) -> None:
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw:
            try:
                self.data = self.parse(self.raw, get_lang())
            except ValueError as error:
                raise ValueError(f"{self.label.text}: {error}") from None


class LocaleNumberField(TypedInLanguageField):
    """A number typed with the decimal separator of the user's language (web.number_input)."""

    def __init__(self, label: Any = None, integer: bool = False, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.integer = integer

    def parse(self, raw: str, lang: str) -> Any:
        from web.number_input import parse_input

        return parse_input(raw, lang, self.integer)


@converts("integer")
def _integer(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return LocaleNumberField(_label(field, node), integer=True)


@converts("float", "monetary")
def _float(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return LocaleNumberField(_label(field, node))


@converts("boolean")
def _boolean(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return fields.BooleanField(_label(field, node))


class LocaleDateField(TypedInLanguageField):
    """A date (or, with ``with_time``, a naive local datetime) typed in the user's language's format
    (web.dates)."""

    def __init__(self, label: Any = None, with_time: bool = False, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.with_time = with_time

    def parse(self, raw: str, lang: str) -> Any:
        from web.dates import parse_input

        return parse_input(raw, lang, self.with_time)


@converts("date")
def _date(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return LocaleDateField(_label(field, node))


@converts("datetime")
def _datetime(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return LocaleDateField(_label(field, node), with_time=True)


@converts("selection")
def _selection(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    choices = [SelectChoice("", "")] + [
        SelectChoice(value, LazyText(label)) for value, label in field.options(model)
    ]
    return OptionalSelectField(_label(field, node), choices=choices, validate_choice=True)


@converts("many2one")
def _many2one(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return RecordIdField(_label(field, node))


@converts("many2many")
def _many2many(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return RecordIdsField(_label(field, node))


@converts("one2many")
def _one2many(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    comodel = model.env[field.comodel_name]
    columns = [c for c in node.get("columns") or () if c["field"] != field.attrs.get("inverse_name")]
    line_form = form_class(comodel, columns, extra={"id": RecordIdField(), "remove": fields.BooleanField()})
    return FieldList(FormField(line_form), label=_label(field, node), min_entries=0)


@converts("binary", "image")
def _binary(model: BaseModel, field: Field, node: dict[str, Any]) -> Any:
    return fields.FileField(_label(field, node))


class RecordForm(Form):
    """Forms of records; WTForms' own messages come in the user's language."""


def bind_form(cls: type[Form], formdata: Any = None) -> Form:
    lang = get_lang()
    return cls(formdata, meta={"locales": [lang, lang.split("_")[0]]})


def form_class(
    model: BaseModel, nodes: list[dict[str, Any]], extra: dict[str, Any] | None = None
) -> type[Form]:
    """A WTForms form class for the field ``nodes`` of ``model`` (editable and not)."""
    attrs: dict[str, Any] = dict(extra or {})
    for node in nodes:
        field = model._fields[node["field"]]
        converter = CONVERTERS.get(field.type)
        if converter is None or node["field"] in attrs:
            continue
        if field.type == "one2many" and not isinstance(node.get("columns"), list):
            continue
        attrs[node["field"]] = converter(model, field, node)
    return type(f"{model._name}.form", (RecordForm,), attrs)
