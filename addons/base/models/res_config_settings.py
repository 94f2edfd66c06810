"""General settings, as Odoo's ``res.config.settings``: a transient record filled with the current
settings when it is created, and applied by ``execute``. Addons add settings with a field in YAML:

- ``config_parameter: key`` keeps the value as a system parameter (ir.config_parameter);
- ``implied_group: addon.group`` on a boolean gives the group to every internal user while it is on;
- ``related: company_id.field`` (readonly: false) writes the company.

A setting that needs more (a scheduled job's interval) extends ``_settings_values`` and ``execute``.
"""
from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import ValidationError

TRUE_TEXTS = ("True", "1", "true", "yes")


@model("res.config.settings")
class ResConfigSettings:
    def _setting_fields(self, attr: str) -> dict[str, str]:
        """Fields declaring ``attr`` (config_parameter, implied_group), with its value."""
        return {name: field.attrs[attr] for name, field in self._fields.items() if field.attrs.get(attr)}

    def default_get(self, fields_list: list[str] | None = None) -> dict[str, Any]:
        """The current settings, as the form opens."""
        values = super().default_get(fields_list)
        wanted = set(fields_list) if fields_list is not None else set(self._fields)
        values.update({k: v for k, v in self._settings_values(wanted).items() if k in wanted})
        return values

    def create(self, vals_list: Any) -> Any:
        """As Odoo: settings not given keep their current values (a script sets only what it changes)."""
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        current: dict[str, Any] | None = None
        completed = []
        for vals in vals_list:
            if isinstance(vals, dict):
                if current is None:
                    current = self._settings_values(set(self._fields))
                vals = {**{name: value for name, value in current.items() if name not in vals}, **vals}
            completed.append(vals)
        return super().create(completed)

    def _settings_values(self, wanted: set[str]) -> dict[str, Any]:
        """The values of the settings kept outside the record (groups, parameters), in read format."""
        values: dict[str, Any] = {}
        employees = self.env.ref("base.group_user").sudo()
        for name, xml_id in self._setting_fields("implied_group").items():
            if name in wanted:
                group = self.env.ref(xml_id, raise_if_not_found=False)
                values[name] = bool(group) and _everyone_has(employees, group.sudo())
        Params = self.env["ir.config_parameter"].sudo()
        for name, key in self._setting_fields("config_parameter").items():
            if name in wanted:
                values[name] = self._param_value(name, Params.get_param(key, False))
        return values

    def _compute_language_count(self) -> None:
        count = self.env["res.lang"].sudo().search_count([("active", "=", True)])
        for settings in self:
            settings.language_count = count

    def _compute_active_user_count(self) -> None:
        count = self.env["res.users"].sudo().search_count([("share", "=", False)])
        for settings in self:
            settings.active_user_count = count

    def _default_user_default_group_ids(self) -> list[Any]:
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        return [(6, 0, template.sudo().groups_id.ids)] if template is not None else []

    def _param_value(self, name: str, raw: Any) -> Any:
        """A parameter's text as the field's value (False when unset or no longer valid)."""
        field = self._fields[name]
        if field.type == "boolean":
            return str(raw) in TRUE_TEXTS
        if raw in (False, None, ""):
            return False
        try:
            if field.type == "integer":
                return int(raw)
            if field.type == "float":
                return float(raw)
            if field.type == "many2one":
                record = self.env[field.comodel_name].sudo().browse(int(raw)).exists()
                return record.id or False
        except ValueError:
            return False
        if field.type == "selection" and raw not in dict(field.get_selection(self)):
            return False
        return raw

    @public
    def execute(self) -> bool:
        """Apply the settings of the form: switch the groups, store the parameters; True."""
        self.check_access_rights("write")
        self.ensure_one()
        if self.password_min_length and self.password_min_length < 4:
            raise ValidationError(_("Passwords need at least 4 characters."), field="password_min_length")
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template is not None and not self.user_default_group_ids:
            raise ValidationError(_("New users need at least one group: choose the groups of %(field)s.",
                                    field=self._fields["user_default_group_ids"].label()),
                                  field="user_default_group_ids")
        current = self._settings_values(set(self._fields))
        employees = self.env.ref("base.group_user").sudo()
        for name, xml_id in self._setting_fields("implied_group").items():
            if bool(self[name]) == current.get(name):
                continue
            group = self.env.ref(xml_id).sudo()
            if self[name]:
                employees.write({"implied_ids": [(4, group.id)]})
            else:
                # as Odoo: off means nobody keeps the feature, whoever was given it by hand
                employees.write({"implied_ids": [(3, group.id)]})
                group.write({"users": [(3, user.id) for user in group.users]})
        Params = self.env["ir.config_parameter"].sudo()
        for name, key in self._setting_fields("config_parameter").items():
            value = self[name]
            if self._fields[name].type == "many2one":
                value = value.id
            if self._fields[name].type == "boolean":
                Params.set_param(key, "True" if value else False)
            else:
                Params.set_param(key, str(value) if value not in (False, None, "") else False)
        if template is not None and self.user_default_group_ids != template.sudo().groups_id:
            # the default user template: new users created without groups get these
            template.sudo().write({"groups_id": [(6, 0, self.user_default_group_ids.ids)]})
        return True


def _everyone_has(employees: Any, group: Any) -> bool:
    """Whether internal users get ``group``: implied by the internal users' group, or given to all."""
    if group in employees.implied_ids:
        return True
    users = employees.users.filtered(lambda user: user.active and not user.share)
    return bool(users) and all(group in user.groups_id for user in users)
