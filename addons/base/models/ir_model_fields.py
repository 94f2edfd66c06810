"""ir.model.fields: the rows of addon fields mirror the registry; custom rows (``x_`` names, state
'manual') are definitions users write, applied live: the table is migrated and every process reloads."""
from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from addons.base.models.ir_model_backup import save_field_values
from addons.base.models.ir_model_custom import (
    FIXED_KEYS,
    check_new_field,
    normalized_selection,
    resolve_model,
)
from core import _, model
from core.addon.apply import custom_change, saved_before_removal
from core.exceptions import UserError, ValidationError
from core.registry.custom import parse_selection


def reflecting(env: Any) -> bool:
    """Installs and upgrades keep the addon rows in step with the registry; nobody else may."""
    return bool(env.context.get("install_mode"))


@model("ir.model.fields")
class IrModelFields:
    def create(self, vals_list: Any) -> Any:
        if reflecting(self.env):
            return super().create(vals_list)
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        self.check_access_rights("create")
        resolved = []
        for vals in vals_list:
            vals = dict(vals) if isinstance(vals, dict) else vals
            if isinstance(vals, dict):
                resolve_model(self.env, vals)
            resolved.append(vals)
        prepared: list[dict[str, Any]] = []
        for index, vals in enumerate(resolved):
            try:
                prepared.append(check_new_field(self, vals, resolved))
            except ValidationError as error:
                if len(resolved) > 1:
                    error.message = f"{error.message} (field {index + 1} of {len(resolved)})"
                    error.args = (error.message,)
                raise
        names = ", ".join(f"{v['model']}.{v['name']}" for v in prepared)
        with custom_change(self.env, f"custom fields: add {names}"):
            records = super().create(prepared)
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        if reflecting(self.env) or not self:
            return super().write(vals)
        self.check_access_rights("write")
        if any(field.state != "manual" for field in self.sudo()):
            raise UserError(_("Fields defined by addons cannot be changed here; change the addon's "
                              "definition and upgrade it."))
        vals = dict(vals)
        for field in self.sudo():
            for key in FIXED_KEYS:
                if key in vals and not _same(field[key], vals[key]):
                    raise ValidationError(_("The %(key)s of custom field %(name)s cannot change; delete the "
                                            "field and create a new one.", key=key, name=field.name),
                                          field=key)
            if "selection" in vals and field.ttype == "selection":
                vals["selection"] = normalized_selection(vals["selection"], field.name)
                _check_selection_in_use(field, parse_selection(vals["selection"]))
        names = ", ".join(f"{f.model}.{f.name}" for f in self.sudo())
        with custom_change(self.env, f"custom fields: change {names}"):
            result = super().write(vals)
        return result

    def unlink(self) -> bool:
        if reflecting(self.env) or not self:
            return super().unlink()
        self.check_access_rights("unlink")
        fields = self.sudo().exists()
        if any(field.state != "manual" for field in fields):
            raise UserError(_("Fields defined by addons cannot be deleted; uninstall the addon instead."))
        removed = {(field.model, field.name) for field in fields}
        for field in fields:
            _check_unused(field, removed)
        names = ", ".join(f"{model_name}.{name}" for model_name, name in sorted(removed))
        allow = bool(self.env.context.get("allow_destructive"))
        reason = f"custom fields: remove {names}"
        going = frozenset(self.env.context.get("removing_models") or ())
        with custom_change(self.env, reason, allow_destructive=allow):
            # as in Odoo the field goes with its values, but they are saved first, so it can be undone
            saved_before_removal(self.env, save_field_values(self.env, fields, reason, going))
            result = super().unlink()
        return result


def _same(current: Any, new: Any) -> bool:
    if hasattr(current, "_ids"):
        current = current.id
    if current in (False, None, "") and new in (False, None, ""):
        return True
    return current == new


def _check_selection_in_use(field: Any, options: list[list[str]]) -> None:
    """Values still stored in records cannot be removed from the options."""
    cls = field.env.registry.models.get(field.model)
    if cls is None or field.name not in cls._fields or cls._abstract:
        return
    column = cls._table.c[cls._fields[field.name].column_name]
    kept = [option[0] for option in options]
    used = field.env.cr.execute(sa.select(sa.func.count()).select_from(cls._table)
                                .where(column.is_not(None)).where(column.not_in(kept))).scalar()
    if used:
        raise ValidationError(_("%(count)s records of %(model)s still use an option removed from %(name)s; "
                                "change them first.", count=used, model=field.model, name=field.name),
                              field="selection")


def _check_unused(field: Any, removed: set[tuple[str, str]]) -> None:
    """A field other fields or views still use cannot go: they are named, so the user knows what to change."""
    registry = field.env.registry
    users = []
    for model_name, cls in registry.models.items():
        for other in cls._fields.values():
            if (model_name, other.name) in removed:
                continue
            path_models = _path_targets(registry, model_name, other.related_path) if other.related else []
            inverse = other.type == "one2many" and (other.comodel_name, other.inverse_name) == (field.model,
                                                                                              field.name)
            if (field.model, field.name) in path_models or inverse:
                users.append(f"{model_name}.{other.name}")
    if users:
        raise ValidationError(_("Field %(name)s is used by %(users)s; delete or change those first.",
                                name=field.name, users=", ".join(sorted(users))))
    Views = field.env["ir.ui.view"].sudo().with_context(active_test=False)
    views = Views.search([("model", "=", field.model)])
    quoted = json.dumps(field.name)
    used_in = [view.name for view in views if quoted in json.dumps(view.arch or {})]
    if used_in:
        raise ValidationError(_("Field %(name)s is shown in the views %(views)s; remove it from them first.",
                                name=field.name, views=", ".join(sorted(used_in))))


def _path_targets(registry: Any, model_name: str, path: list[str]) -> list[tuple[str, str]]:
    """(model, field) pairs a related path goes through."""
    result, current = [], model_name
    for name in path:
        cls = registry.models.get(current)
        field = cls._fields.get(name) if cls is not None else None
        if field is None:
            break
        result.append((current, name))
        current = getattr(field, "comodel_name", None)
        if current is None:
            break
    return result
