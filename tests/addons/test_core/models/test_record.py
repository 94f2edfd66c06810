"""Logic of the core test models."""
from __future__ import annotations

from core import model


@model("test.record")
class TestRecord:
    def _compute_total(self) -> None:
        for record in self:
            record.total = sum(line.subtotal for line in record.line_ids)


@model("test.line")
class TestLine:
    def _compute_subtotal(self) -> None:
        for line in self:
            line.subtotal = (line.quantity or 0.0) * (line.unit_price or 0.0)
