"""General settings: each field is a switch of a group implied for every internal user, or a system
parameter. Addons add their own switches with a field in YAML and an entry in ``_settings_map``."""
from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import ValidationError


@model("res.config.settings")
class ResConfigSettings:
    def _settings_map(self) -> dict[str, dict[str, str]]:
        """Fields that switch a group on for every internal user, and fields stored as system parameters."""
        return {
            "groups": {"group_multi_currency": "base.group_multi_currency",
                       "group_multi_company": "base.group_multi_company"},
            "params": {"web_base_url": "web.base.url", "password_min_length": "auth.password_min_length"},
        }

    def default_get(self, fields_list: list[str] | None = None) -> dict[str, Any]:
        """The current settings, as the form opens."""
        values = super().default_get(fields_list)
        wanted = set(fields_list) if fields_list is not None else set(self._fields)
        mapping = self._settings_map()
        employees = self.env.ref("base.group_user").sudo()
        for name, xml_id in mapping["groups"].items():
            if name in wanted:
                group = self.env.ref(xml_id, raise_if_not_found=False)
                values[name] = bool(group) and group in employees.implied_ids
        Params = self.env["ir.config_parameter"].sudo()
        for name, key in mapping["params"].items():
            if name in wanted:
                raw = Params.get_param(key, False)
                values[name] = self._fields[name].convert_to_read(
                    self._param_value(name, raw), self) if raw not in (False, None) else False
        return values

    def _default_user_default_group_ids(self) -> list[Any]:
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        return [(6, 0, template.sudo().groups_id.ids)] if template is not None else []

    def _param_value(self, name: str, raw: str) -> Any:
        if self._fields[name].type == "integer":
            try:
                return int(raw)
            except ValueError:
                return 0
        if self._fields[name].type == "boolean":
            return raw in ("True", "1", "true")
        return raw

    @public
    def execute(self) -> bool:
        """Apply the settings of the form: switch the groups, store the parameters; True."""
        self.check_access_rights("write")
        self.ensure_one()
        mapping = self._settings_map()
        if self.password_min_length and self.password_min_length < 4:
            raise ValidationError(_("Passwords need at least 4 characters."), field="password_min_length")
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template is not None and not self.user_default_group_ids:
            raise ValidationError(_("New users need at least one group: choose the groups of %(field)s.",
                                    field=self._fields["user_default_group_ids"].label()),
                                  field="user_default_group_ids")
        employees = self.env.ref("base.group_user").sudo()
        for name, xml_id in mapping["groups"].items():
            group = self.env.ref(xml_id).sudo()
            if self[name] and group not in employees.implied_ids:
                employees.write({"implied_ids": [(4, group.id)]})
            elif not self[name] and group in employees.implied_ids:
                employees.write({"implied_ids": [(3, group.id)]})
        Params = self.env["ir.config_parameter"].sudo()
        for name, key in mapping["params"].items():
            value = self[name]
            Params.set_param(key, str(value) if value not in (False, None, "") else False)
        if template is not None and self.user_default_group_ids != template.sudo().groups_id:
            # the default user template: new users created without groups get these
            template.sudo().write({"groups_id": [(6, 0, self.user_default_group_ids.ids)]})
        return True
