"""ir.model: the rows of addon models mirror the registry; custom models (``x_`` names, state 'manual')
are created, changed and deleted live, with their table, as Odoo's scripts expect."""
from __future__ import annotations

from typing import Any

from addons.base.models.ir_model_backup import save_model_rows
from addons.base.models.ir_model_custom import MODEL_NAME
from addons.base.models.ir_model_fields import reflecting
from core import _, model
from core.addon.apply import custom_change, saved_before_removal
from core.exceptions import UserError, ValidationError

CHANGEABLE = frozenset({"name", "order", "info", "is_mail_thread", "field_id", "access_ids", "rule_ids"})


@model("ir.model")
class IrModel:
    def create(self, vals_list: Any) -> Any:
        if reflecting(self.env):
            return super().create(vals_list)
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        self.check_access_rights("create")
        prepared = [self._check_new_model(dict(vals)) for vals in vals_list]
        with custom_change(self.env, f"custom models: add {', '.join(v['model'] for v in prepared)}"):
            models = super().create(prepared)
            models._grant_administrators()
        return models

    def _check_new_model(self, vals: dict[str, Any]) -> dict[str, Any]:
        name = vals.get("model")
        if vals.setdefault("state", "manual") != "manual":
            raise ValidationError(_("Only custom models (state 'manual') can be created; the others come "
                                    "from addons."), field="state")
        if not isinstance(name, str) or not MODEL_NAME.match(name) or len(name) > 60:
            raise ValidationError(_("Invalid model name %(name)r: custom models start with 'x_' followed by "
                                    "lowercase letters, digits, underscores or dots.", name=name),
                                  field="model")
        if name in self.env.registry.models or self.sudo().search_count([("model", "=", name)]):
            raise ValidationError(_("Model %(name)s already exists.", name=name), field="model")
        if vals.get("transient"):
            raise ValidationError(_("Custom models cannot be transient."), field="transient")
        if vals.get("is_mail_thread") and "mail.thread" not in self.env.registry.models:
            raise ValidationError(_("Model %(name)s cannot have a chatter: install the mail addon first.",
                                    name=name), field="is_mail_thread")
        vals.setdefault("name", name)
        if "field_id" not in vals and not self.env.context.get("no_default_name_field"):
            # Odoo gives every custom model a name field, used as its display name
            vals["field_id"] = [(0, 0, {"name": "x_name", "field_description": "Name", "ttype": "char",
                                        "copied": True})]
        _check_order(vals)
        return vals

    def _grant_administrators(self) -> None:
        """Administrators may use a new custom model at once; other groups get access when granted."""
        group = self.env.ref("base.group_system", raise_if_not_found=False)
        if group is None:
            return
        self.env["ir.model.access"].sudo().create([{
            "name": f"access_{record.model.replace('.', '_')}_system", "model_id": record.id,
            "group_id": group.id, "perm_read": True, "perm_write": True, "perm_create": True,
            "perm_unlink": True,
        } for record in self])

    def write(self, vals: dict[str, Any]) -> bool:
        if reflecting(self.env) or not self:
            return super().write(vals)
        self.check_access_rights("write")
        if any(record.state != "manual" for record in self.sudo()):
            raise UserError(_("Models defined by addons cannot be changed here; change the addon and upgrade "
                              "it."))
        fixed = sorted(set(vals) - CHANGEABLE)
        if fixed:
            raise ValidationError(_("Custom model %(model)s: %(keys)s cannot change after creation.",
                                    model=", ".join(self.sudo().mapped("model")), keys=", ".join(fixed)),
                                  field=fixed[0])
        if vals.get("is_mail_thread") and "mail.thread" not in self.env.registry.models:
            raise ValidationError(_("A chatter needs the mail addon: install it first."),
                                  field="is_mail_thread")
        with custom_change(self.env, f"custom models: change {', '.join(self.sudo().mapped('model'))}"):
            result = super().write(vals)
        return result

    def unlink(self) -> bool:
        if not self:
            return True
        records = self.sudo().exists()
        if reflecting(self.env):
            records._forget_records()
            return super().unlink()
        self.check_access_rights("unlink")
        if any(record.state != "manual" for record in records):
            raise UserError(_("Models defined by addons cannot be deleted; uninstall the addon instead."))
        names = records.mapped("model")
        allow = bool(self.env.context.get("allow_destructive"))
        reason = f"custom models: remove {', '.join(names)}"
        with custom_change(self.env, reason, allow_destructive=allow):
            # the rows go with the model, as in Odoo, once saved in a file the import takes back
            saved_before_removal(self.env, save_model_rows(self.env, records, reason))
            referring = self.env["ir.model.fields"].sudo().search([("relation", "in", names),
                                                                   ("model", "not in", names)])
            if referring:
                referring.with_context(allow_destructive=allow, removing_models=names).unlink()
            records._forget_records()
            result = super().unlink()
        return result

    def _forget_records(self) -> None:
        """Remove what names these models: their views, actions and menus, external ids, and the rows
        of other models that point at their records by model name (attachments, followers...)."""
        names = self.mapped("model")
        env = self.env(su=True)
        Actions = env["ir.actions.act_window"].with_context(active_test=False)
        actions = Actions.search([("res_model", "in", names)])
        env["ir.ui.menu"].with_context(active_test=False).search([("action_id", "in", actions.ids)]).unlink()
        actions.unlink()
        env["ir.ui.view"].with_context(active_test=False).search([("model", "in", names)]).unlink()
        for model_name, model_column, _id_column in self.env.registry.reference_cleanups:
            field = next((f for f in env[model_name]._fields.values() if f.column_name == model_column), None)
            if field is not None and model_name not in names:
                env[model_name].with_context(active_test=False).search([(field.name, "in", names)]).unlink()


def _check_order(vals: dict[str, Any]) -> None:
    """The order of a custom model may only name its own fields."""
    order = vals.get("order")
    if not order or order == "id":
        return
    known = {"id", "create_date", "write_date", "create_uid", "write_uid"}
    for command in vals.get("field_id") or ():
        if isinstance(command, (list, tuple)) and len(command) == 3 and command[0] == 0 and \
                isinstance(command[2], dict):
            known.add(command[2].get("name"))
    for part in str(order).split(","):
        words = part.split()
        if not words or words[0] not in known or len(words) > 2 or (
                len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise ValidationError(_("Invalid order %(order)r: name fields of the model, each optionally "
                                    "followed by asc or desc.", order=order), field="order")
