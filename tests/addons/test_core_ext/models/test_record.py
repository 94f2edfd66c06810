"""Hooks of test.record added by a second addon: they wrap the core's create and write."""
from __future__ import annotations

from typing import Any

from core import model, public


@model("test.record")
class TestRecordExt:
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            vals.setdefault("ext_note", "set by test_core_ext")
            prepared.append(vals)
        records = super().create(prepared)
        self.env.cr.data.setdefault("test_core_ext.created", []).extend(records.ids)
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        if "name" in vals and vals["name"]:
            vals = dict(vals, ext_note=f"renamed to {vals['name']}")
        return super().write(vals)

    def _hook_trace(self) -> list[str]:
        return ["test_core_ext", *super()._hook_trace()]

    @public
    def action_done(self) -> bool:
        self.write({"state": "done"})
        return True
