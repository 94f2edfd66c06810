"""Marshmallow schemas of models, generated from their fields (REST payloads and OpenAPI)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marshmallow import Schema, validate
from marshmallow import fields as mf

from core.fields.scalar import Char
from core.fields.selection import Selection

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel


class FalseOr(mf.Field):
    """A value, or ``false`` for empty as Odoo clients send it."""

    def __init__(self, inner: mf.Field, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inner = inner

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is False or value is None:
            return False
        return self.inner._serialize(value, attr, obj, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if value is False or value is None:
            return False
        return self.inner.deserialize(value, attr, data, **kwargs)


def marshmallow_field(field: Field) -> mf.Field:
    kind = field.type
    options: dict[str, Any] = {"metadata": {"description": field.help or field.string, "type": kind}}
    if kind in ("char", "text", "html"):
        length = validate.Length(max=field.size) if isinstance(field, Char) and field.size else None
        inner: mf.Field = mf.String(validate=length)
    elif isinstance(field, Selection):
        # options a method gives are checked by the record API when the value is written
        inner = mf.String(validate=None if field.selection_method else validate.OneOf(
            [v for v, _l in field.selection]))
    elif kind == "integer":
        return mf.Integer(allow_none=True, **options)
    elif kind in ("float", "monetary"):
        return mf.Float(allow_none=True, allow_nan=False, **options)
    elif kind == "boolean":
        return mf.Boolean(allow_none=True, **options)
    elif kind == "date":
        inner = mf.Date(format="%Y-%m-%d")
    elif kind == "datetime":
        inner = mf.DateTime(format="%Y-%m-%d %H:%M:%S")
    elif kind == "many2one":
        inner = mf.Integer(strict=True)
    elif kind in ("one2many", "many2many"):
        return mf.Raw(allow_none=True, **options)
    elif kind in ("binary", "image"):
        inner = mf.String()
    else:
        return mf.Raw(allow_none=True, **options)
    return FalseOr(inner, allow_none=True, **options)


def build_schema(model: type[BaseModel]) -> Schema:
    """A schema whose fields are the model's, with required/readonly from the metadata."""
    declared: dict[str, mf.Field] = {}
    for name, field in model._fields.items():
        item = marshmallow_field(field)
        if field.readonly or name in ("id", "display_name"):
            item.dump_only = True
        declared[name] = item
    schema_class = Schema.from_dict(declared, name=f"{model.__name__}Schema")
    return schema_class()
