"""The studio's "Add a field" form: what the consultant typed, checked for what only the form knows, and
turned into the values of an ir.model.fields row. The record API checks the rest (name, duplicates,
related model, options) and names the value it refuses; the form shows that message next to the input."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from core.exceptions import UserError, ValidationError
from core.i18n import _

STUDIO_TYPES = (
    "char",
    "text",
    "html",
    "integer",
    "float",
    "monetary",
    "boolean",
    "date",
    "datetime",
    "selection",
    "many2one",
    "many2many",
    "one2many",
    "binary",
    "image",
)
RELATIONAL = ("many2one", "many2many")
# the value the record API refuses (ValidationError.field) -> the input of the form that holds it
ERROR_INPUTS = {
    "name": "name",
    "field_description": "label",
    "ttype": "ttype",
    "selection": "selection",
    "relation": "relation",
    "relation_field": "inverse",
    "relation_table": "relation",
    "on_delete": "relation",
    "currency_field": "ttype",
    "help": "help",
    "required": "required",
    "position": "position",
}


class FormErrors(UserError):
    """Problems of a submitted form, keyed by the name of the input each concerns."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors

    @classmethod
    def from_validation(cls, error: ValidationError, inputs: Mapping[str, str] = ERROR_INPUTS) -> FormErrors:
        return cls({inputs.get(error.field or "", "__all__"): error.message})


def slug(text: str) -> str:
    """``text`` as lowercase ASCII letters, digits and underscores (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def technical_name(label: str, given: str | None) -> str:
    """The name typed (with the ``x_`` prefix custom names need), or one made from the label."""
    name = (given or "").strip()
    if not name:
        name = slug(label)[:55] or "field"
    return name if name.startswith("x_") else f"x_{name}"


def selection_options(text: str | None) -> str:
    """Options typed one per line, as ``value: Label`` or just ``Label``, as the JSON the record API takes."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        value, colon, label = line.partition(":")
        if not colon:
            label, value = line, slug(line) or line
        options.append([value.strip(), label.strip() or value.strip()])
    return json.dumps(options, ensure_ascii=False) if options else ""


def field_values(model: str, form: Mapping[str, str]) -> dict[str, Any]:
    """Values of the ir.model.fields row for the form; FormErrors for a missing label or type."""
    label = (form.get("label") or "").strip()
    ttype = form.get("ttype") or ""
    errors: dict[str, str] = {}
    if not label:
        errors["label"] = _("Give the field a label.")
    if ttype not in STUDIO_TYPES:
        errors["ttype"] = _("Choose the type of the field.")
    if errors:
        raise FormErrors(errors)
    values: dict[str, Any] = {
        "model": model,
        "name": technical_name(label, form.get("name")),
        "field_description": label,
        "ttype": ttype,
        "required": form.get("required") in ("1", "on", "y", "true"),
        "help": (form.get("help") or "").strip() or False,
    }
    if ttype == "selection":
        values["selection"] = selection_options(form.get("selection"))
    elif ttype in RELATIONAL:
        values["relation"] = (form.get("relation") or "").strip() or False
    elif ttype == "one2many":
        relation, _colon, inverse = (form.get("inverse") or "").partition(":")
        if not inverse:
            raise FormErrors({"inverse": _("Choose the many-to-one field whose records this field lists.")})
        values.update(relation=relation, relation_field=inverse)
    return values
