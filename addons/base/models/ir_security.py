"""Access rights, record rules and groups: any change drops the access caches of every process."""
from __future__ import annotations

from typing import Any

from core import model, public


class ClearsAccessCaches:
    """Writes on these models change what users may do: tell every process. ``_access_fields`` narrows
    the writes that do to those of some fields (None: every write)."""

    _access_fields: frozenset[str] | None = None

    def create(self, vals_list: Any) -> Any:
        records = super().create(vals_list)
        self.env.registry.signal_changes(self.env.cr)
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if self._access_fields is None or self._access_fields & set(vals):
            self.env.registry.signal_changes(self.env.cr)
        return result

    def unlink(self) -> bool:
        result = super().unlink()
        self.env.registry.signal_changes(self.env.cr)
        return result


@model("ir.model.access")
class IrModelAccess(ClearsAccessCaches):
    @public
    def check(self, model: str, mode: str = "read", raise_exception: bool = True) -> bool:
        """Odoo's ir.model.access.check: whether the user may ``mode`` records of ``model``."""
        if model not in self.env:
            from core.exceptions import ValidationError

            raise ValidationError(f"Object {model} doesn't exist")
        return self.env[model].check_access_rights(mode, raise_exception=raise_exception)


@model("ir.rule")
class IrRule(ClearsAccessCaches):
    def _compute_global(self) -> None:
        for rule in self:
            rule["global"] = not rule.groups


@model("res.groups")
class ResGroups(ClearsAccessCaches):
    def _compute_full_name(self) -> None:
        for group in self:
            category = group.category_id.name if group.category_id else ""
            group.full_name = f"{category} / {group.name}" if category else (group.name or "")

    def _compute_display_name(self) -> None:
        for group in self:
            group.display_name = group.full_name or group.name or ""
