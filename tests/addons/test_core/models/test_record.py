"""Logic of the core test models."""
from __future__ import annotations

from core import model


@model("test.record")
class TestRecord:
    def _compute_total(self) -> None:
        for record in self:
            record.total = sum(line.subtotal for line in record.line_ids)
            record.line_count = len(record.line_ids)

    def _compute_total_taxed(self) -> None:
        for record in self:
            record.total_taxed = round(record.total * 1.21, 2)

    def _compute_upper_name(self) -> None:
        for record in self:
            record.upper_name = (record.name or "").upper()

    def _default_owner_name(self) -> str:
        return self.env.user.name or ""

    def _default_serial(self) -> int:
        # a default that differs per record, as a sequence number would
        counter = self.env.cr.data.setdefault("test_core.serial", [0])
        counter[0] += 1
        return counter[0]

    def _check_name(self) -> bool:
        return all(record.name != "forbidden" for record in self)

    def _hook_trace(self) -> list[str]:
        return ["test_core"]


@model("test.line")
class TestLine:
    def _compute_subtotal(self) -> None:
        for line in self:
            line.subtotal = (line.quantity or 0.0) * (line.unit_price or 0.0)

    def _compute_record_tag_name(self) -> None:
        for line in self:
            line.record_tag_name = line.record_id.tag_id.name or False


@model("test.tag")
class TestTag:
    def _compute_record_count(self) -> None:
        for tag in self:
            tag.record_count = len(tag.record_ids)

    def _compute_tagged_count(self) -> None:
        for tag in self:
            tag.tagged_count = len(tag.tagged_record_ids)

    def _compute_root_id(self) -> None:
        # the tag itself when it has no parent: a stored value that refers to the record being created
        for tag in self:
            tag.root_id = tag.parent_id.root_id if tag.parent_id else tag
