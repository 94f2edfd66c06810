"""What the format checks of ``validate:`` fields depend on, for the values being
written on records: the country the record is in and the settings of its company.

The country is the record's own ``country_id`` (as written, else as stored), which a model may
override with the ``_format_country_code`` override point; else the company's. The company is the record's
``company_id``, else the current one; its model answers ``_format_settings()`` (its country and the
checks it makes strict). Nothing is read unless a check asks for it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from core.fields.base import Field
from core.fields.relational import Many2one

if TYPE_CHECKING:
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart


@dataclass(frozen=True)
class FormatSettings:
    """A company's part of the FormatContext."""

    country_code: str | None = None
    strict_checks: frozenset[str] = frozenset()


class RecordFormats:
    """The FormatContext of ``vals`` written on ``records`` (the empty model when creating)."""

    def __init__(self, records: ModelPart, vals: dict[str, Any]) -> None:
        self.records, self.vals = records, vals

    @cached_property
    def settings(self) -> FormatSettings:
        company = format_company(self.records, self.vals)
        reader = getattr(company, "_format_settings", None) if company is not None else None
        return reader() if reader is not None else FormatSettings()

    @cached_property
    def country_code(self) -> str | None:
        return self.records._format_country_code(self.vals) or self.settings.country_code

    def strict(self, check: str) -> bool:
        return check in self.settings.strict_checks


def format_target(records: ModelPart, name: str, vals: dict[str, Any], comodel: str) -> BaseModel | None:
    """The record of the many2one ``name`` (to ``comodel``) that ``vals`` write, else the one all
    ``records`` share; None when the model has no such field or the records differ."""
    field: Field | None = records._fields.get(name)
    if field is None or not isinstance(field, Many2one) or field.comodel_name != comodel:
        return None
    if name in vals:
        value = vals[name]
        value = value.id if hasattr(value, "_ids") else value
        if isinstance(value, (list, tuple)):
            value = value[0] if value else False
        if not isinstance(value, int) or isinstance(value, bool) or not value:
            return None  # empty, or not an id: the field's own conversion names the problem
        return records.env[comodel].sudo().browse(value).exists() or None
    if not records._ids:
        return None
    targets = records.sudo().mapped(name)
    return targets if len(targets) == 1 else None


def format_country_code(records: ModelPart, vals: dict[str, Any]) -> str | None:
    """ISO code of the records' own country (``country_id`` written or stored), if any."""
    country = format_target(records, "country_id", vals, "res.country")
    return (country.code or None) if country else None


def format_company(records: ModelPart, vals: dict[str, Any]) -> BaseModel | None:
    """The company whose settings apply: the records' own, else the current one."""
    if "res.company" not in records.env:
        return None
    company = format_target(records, "company_id", vals, "res.company")
    return company or records.env.company
