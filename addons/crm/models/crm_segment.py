"""Segments: saved domains over contacts or leads, for targeting (marketing uses them later)."""
from __future__ import annotations

from typing import Any

from addons.crm.models.crm_lead_scoring import parse_domain
from core import _, model, public
from core.exceptions import ValidationError


@model("crm.segment")
class CrmSegment:
    def _check_domain(self) -> None:
        for segment in self:
            domain = parse_domain(segment.domain, segment.name, self.env)
            try:
                self.env[segment.model_name].sudo()._search(domain, limit=1)
            except ValidationError as error:
                raise ValidationError(_("Segment %(segment)s: %(reason)s", segment=segment.name,
                                        reason=error.message), field="domain") from None

    def _compute_record_count(self) -> None:
        for segment in self:
            records = self.env[segment.model_name]
            if not records.check_access_rights("read", raise_exception=False):
                segment.record_count = 0
                continue
            segment.record_count = records.search_count(parse_domain(segment.domain, segment.name, self.env))

    def _records(self) -> Any:
        """The records of the segment the current user may see."""
        self.ensure_one()
        return self.env[self.model_name].search(parse_domain(self.domain, self.name, self.env))

    @public
    def get_record_ids(self) -> list[int]:
        """Ids of the records in the segment (those the user may see)."""
        return self._records().ids

    @public
    def action_view_records(self) -> dict[str, Any]:
        """The window action listing the segment's records."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": self.name, "res_model": self.model_name,
                "view_mode": "list,form", "domain": parse_domain(self.domain, self.name,
                                                                 self.env), "context": {}}
