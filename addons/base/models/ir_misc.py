"""Small technical models: external ids, system parameters, modules."""
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
