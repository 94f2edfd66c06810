"""Part of BaseModel: export_data and load, Odoo's data exchange methods."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError
from core.i18n import _
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    pass


class ExchangeMixin(ModelPart):
    def export_data(self, fields_to_export: list[str]) -> dict[str, list[list[Any]]]:
        """``{"datas": rows}``: the values of the field paths for each record, as Odoo's export gives them."""
        from core.exchange.export import check_paths, export_rows, split_path

        self._check_access("read")
        if not isinstance(fields_to_export, (list, tuple)) or not all(
                isinstance(name, str) and name.strip() for name in fields_to_export):
            raise ValidationError(_("export_data expects a list of field paths, such as "
                                    "[\"name\", \"parent_id/id\"]."))
        paths = [split_path(name.strip()) for name in fields_to_export]
        check_paths(self, paths)
        records = self.exists()
        records.check_access_rule("read")
        return {"datas": export_rows(records, paths)}

    def load(self, fields: list[str], data: list[list[Any]],
             dryrun: bool = False) -> dict[str, Any]:
        """Import rows: ``{"ids": [...] or False, "messages": [...], "nextrow": 0}``; all rows or none.

        A dry run (``dryrun=True``, or ``import_dryrun`` in the context as Odoo's import sends it) checks
        every row and answers the same, writing nothing.
        """
        from core.exchange.load import Loader

        if not isinstance(fields, (list, tuple)) or not isinstance(data, (list, tuple)):
            raise ValidationError(_("load expects a list of column names and a list of rows."))
        dryrun = bool(dryrun or self.env.context.get("import_dryrun"))
        return Loader(self, list(fields), list(data), dryrun=dryrun).run()
