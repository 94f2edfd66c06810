"""Part of BaseModel: describing fields to clients (fields_get) and the model itself."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.fields.relational import Many2many, Many2one, One2many, Relational
from core.fields.scalar import Char, Float, Monetary
from core.fields.selection import Selection
from core.i18n import translate
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    from core.fields.base import Field


def describe_field(model: ModelPart, field: Field) -> dict[str, Any]:
    """Odoo's fields_get description of one field."""
    lang = model.env.lang
    description: dict[str, Any] = {
        "name": field.name,
        "type": field.type if field.type != "image" else "binary",
        "string": translate(field.string, lang),
        "required": field.required,
        "readonly": field.readonly,
        "store": field.store,
        "searchable": field.searchable,
        "sortable": field.sortable,
        "groupable": field.column and not field.secret
        and field.type not in ("text", "html", "binary", "image", "json"),
        "manual": field.manual,
        "depends": list(field.depends),
        "company_dependent": False,
        "change_default": False,
        "exportable": not field.secret,
    }
    if field.help:
        description["help"] = translate(field.help, lang)
    if field.related:
        description["related"] = field.related
    if field.aggregator and field.type in ("integer", "float", "monetary"):
        description["aggregator"] = field.aggregator
        description["group_operator"] = field.aggregator
    if isinstance(field, Relational):
        description["relation"] = field.comodel_name
        description["domain"] = list(field.domain)
        description["context"] = dict(field.context)
    if isinstance(field, One2many):
        description["relation_field"] = field.inverse_name
    if isinstance(field, Many2many):
        description["relation_table"] = field.relation
    if isinstance(field, Many2one):
        description["ondelete"] = field.ondelete
    if isinstance(field, Selection):
        description["selection"] = [[value, translate(label, lang)] for value, label in field.options(model)]
    if field.type in ("char", "text", "html"):
        description["translate"] = field.translate
        if isinstance(field, Char) and field.size:
            description["size"] = field.size
    if field.type == "html":
        description["sanitize"] = field.attrs.get("sanitize", True)
    if isinstance(field, Float) and field.digits:
        description["digits"] = list(field.digits)
    if isinstance(field, Monetary):
        description["currency_field"] = field.currency_field
    if field.tracking:
        description["tracking"] = field.tracking
    return description


class MetadataMixin(ModelPart):
    def fields_get(self, allfields: list[str] | None = None,
                   attributes: list[str] | None = None) -> dict[str, dict[str, Any]]:
        """Descriptions of the fields the user may see (all, or ``allfields``), limited to ``attributes``."""
        self._check_access("read")
        result: dict[str, dict[str, Any]] = {}
        wanted = set(allfields) if allfields else None
        for name, field in self._fields.items():
            if wanted is not None and name not in wanted:
                continue
            if not self._field_accessible(field):
                continue
            description = describe_field(self, field)
            if attributes:
                description = {key: value for key, value in description.items() if key in attributes}
            result[name] = description
        return result

    def _model_description(self) -> str:
        return translate(self._description or self._name, self.env.lang)

    def _model_label(self) -> str:
        """The model as messages name it: its description and technical name, ``Lead (crm.lead)``."""
        description = self._model_description()
        return description if description == self._name else f"{description} ({self._name})"
