"""Small technical models: external ids, menus, system parameters, modules."""
from __future__ import annotations

from typing import Any

from core import model, public
from core.exceptions import ValidationError


@model("ir.model.data")
class IrModelData:
    def _compute_complete_name(self) -> None:
        for data in self:
            data.complete_name = f"{data.module}.{data.name}"

    @public
    def check_object_reference(self, module: str, xml_id: str, raise_on_access_error: bool = False
                               ) -> tuple[str, int] | bool:
        """(model, id) of ``module.xml_id``; ValidationError if it does not exist."""
        found = self._xmlid_lookup(f"{module}.{xml_id}")
        model_name, res_id = found
        if model_name in self.env and not raise_on_access_error:
            return model_name, res_id
        record = self.env[model_name].browse(res_id)
        record.check_access_rights("read")
        record.check_access_rule("read")
        return model_name, res_id

    @public
    def xmlid_to_res_model_res_id(self, xmlid: str,
                                  raise_if_not_found: bool = False) -> tuple[str, int] | tuple[bool, bool]:
        try:
            return self._xmlid_lookup(xmlid)
        except ValidationError:
            if raise_if_not_found:
                raise
            return False, False

    @public
    def xmlid_to_res_id(self, xmlid: str, raise_if_not_found: bool = False) -> int | bool:
        return self.xmlid_to_res_model_res_id(xmlid, raise_if_not_found)[1]

    def _xmlid_lookup(self, xmlid: str) -> tuple[str, int]:
        from core.addon.xmlids import resolve_xmlid

        if not isinstance(xmlid, str) or "." not in xmlid:
            raise ValidationError(f"External ID not found in the system: {xmlid}")
        found = resolve_xmlid(self.env, xmlid)
        if not found:
            raise ValidationError(f"External ID not found in the system: {xmlid}")
        return found


@model("ir.ui.menu")
class IrUiMenu:
    def _compute_complete_name(self) -> None:
        for menu in self:
            menu.complete_name = (f"{menu.parent_id.complete_name}/{menu.name}" if menu.parent_id
                                  else (menu.name or ""))

    def _visible_menu_ids(self) -> set[int]:
        """Menus the user may see: groups allow it, its action's model is readable, its parents visible."""
        menus = self.sudo().search([])
        security = self.env.registry.security
        groups = security.user_groups(self.env) if not self.env.su and security.enabled else None
        visible: set[int] = set()
        for menu in menus:
            if groups is not None and menu.groups_id and not set(menu.groups_id.ids) & groups:
                continue
            action = menu.action_id
            if action and action.res_model in self.env and not self.env[action.res_model].check_access_rights(
                    "read", raise_exception=False):
                continue
            visible.add(menu.id)
        parents = {menu.id: menu.parent_id.id for menu in menus}
        result = set()
        for menu_id in visible:
            current, ok = parents.get(menu_id), True
            while current:
                if current not in visible:
                    ok = False
                    break
                current = parents.get(current)
            if ok:
                result.add(menu_id)
        # a menu without an action only shows when something below it does
        with_action = {m.id for m in menus if m.action_id}
        children: dict[int, list[int]] = {}
        for menu_id, parent in parents.items():
            if parent:
                children.setdefault(parent, []).append(menu_id)

        def useful(menu_id: int) -> bool:
            return menu_id in with_action or any(useful(c) for c in children.get(menu_id, ()) if c in result)

        return {m for m in result if useful(m)}


@model("ir.config_parameter")
class IrConfigParameter:
    @public
    def get_param(self, key: str, default: Any = False) -> Any:
        record = self.sudo().search([("key", "=", key)], limit=1)
        return record.value if record else default

    @public
    def set_param(self, key: str, value: Any) -> bool:
        record = self.sudo().search([("key", "=", key)], limit=1)
        if value is False or value is None:
            record.unlink()
        elif record:
            record.write({"value": str(value)})
        else:
            self.sudo().create({"key": key, "value": str(value)})
        return True
