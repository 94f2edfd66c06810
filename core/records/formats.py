"""Part of BaseModel: what the format checks of ``validate:`` fields depend on, for the values being
written on records: the country the record is in and the settings of its company.

The country is the record's own ``country_id`` (as written, else as stored), which a model may
override with ``_format_country_code``; else the company's. The company is the record's
``company_id``, else the current one; its model answers ``_format_settings()`` (its country and the
checks it makes strict). Nothing is read unless a check asks for it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from core.fields.base import Field

if TYPE_CHECKING:
    from core.records.model import BaseModel


@dataclass(frozen=True)
class FormatSettings:
    """A company's part of the FormatContext."""

    country_code: str | None = None
    strict_checks: frozenset[str] = frozenset()


class RecordFormats:
    """The FormatContext of ``vals`` written on ``records`` (the empty model when creating)."""

    def __init__(self, records: BaseModel, vals: dict[str, Any]) -> None:
        self.records, self.vals = records, vals

    @cached_property
    def settings(self) -> FormatSettings:
        company = self.records._format_company(self.vals)
        reader = getattr(company, "_format_settings", None) if company is not None else None
        return reader() if reader is not None else FormatSettings()

    @cached_property
    def country_code(self) -> str | None:
        return self.records._format_country_code(self.vals) or self.settings.country_code

    def strict(self, check: str) -> bool:
        return check in self.settings.strict_checks


class FormatsMixin:
    """Part of BaseModel: the context of format checks."""

    def _format_context(self: BaseModel, vals: dict[str, Any]) -> RecordFormats:
        return RecordFormats(self, vals)

    def _format_value(self: BaseModel, name: str, vals: dict[str, Any], comodel: str) -> BaseModel | None:
        """The record of the many2one ``name`` (to ``comodel``) that ``vals`` write, else the one all
        these records share; None when the model has no such field or the records differ."""
        field: Field | None = self._fields.get(name)
        if field is None or field.type != "many2one" or field.comodel_name != comodel:
            return None
        if name in vals:
            value = vals[name]
            value = value.id if hasattr(value, "_ids") else value
            if isinstance(value, (list, tuple)):
                value = value[0] if value else False
            if not isinstance(value, int) or isinstance(value, bool) or not value:
                return None  # empty, or not an id: the field's own conversion names the problem
            return self.env[comodel].sudo().browse(value).exists() or None
        if not self._ids:
            return None
        targets = self.sudo().mapped(name)
        return targets if len(targets) == 1 else None

    def _format_country_code(self: BaseModel, vals: dict[str, Any]) -> str | None:
        """ISO code of the country phone numbers and VAT numbers of these records are read in."""
        country = self._format_value("country_id", vals, "res.country")
        return (country.code or None) if country else None

    def _format_company(self: BaseModel, vals: dict[str, Any]) -> BaseModel | None:
        """The company whose settings apply: the records' own, else the current one."""
        if "res.company" not in self.env:
            return None
        company = self._format_value("company_id", vals, "res.company")
        return company or self.env.company
