"""The widget a field gets when its view names none, for every screen that edits records: the web
client's forms draw it with the macro of that name, the back office's forms build the WTForms field
registered under it."""

from __future__ import annotations

from core.fields.base import Field

DEFAULT_WIDGETS = {
    "char": "char",
    "text": "text",
    "html": "html",
    "integer": "integer",
    "float": "float",
    "monetary": "monetary",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
    "selection": "selection",
    "many2one": "many2one",
    "many2many": "many2many_tags",
    "one2many": "one2many",
    "binary": "binary",
    "image": "image",
    "json": "json",
}


def default_widget(field: Field) -> str:
    """``password`` for a secret (write-only: never shown back), else the widget of the field's type."""
    return "password" if field.secret else DEFAULT_WIDGETS.get(field.type, "char")
