"""Part of BaseModel: export_data and load, Odoo's data exchange methods."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError

if TYPE_CHECKING:
    from core.records.model import BaseModel


class ExchangeMixin:
    def export_data(self: BaseModel, fields_to_export: list[str]) -> dict[str, list[list[Any]]]:
        """``{"datas": rows}``: values of the field paths for each record, as Odoo's export gives them."""
        from core.exchange.export import check_paths, export_rows, split_path

        self._check_access("read")
        if not isinstance(fields_to_export, (list, tuple)):
            raise ValidationError("export_data expects a list of field paths")
        paths = [split_path(str(name)) for name in fields_to_export]
        check_paths(self, paths)
        return {"datas": export_rows(self, paths)}

    def load(self: BaseModel, fields: list[str], data: list[list[Any]], dryrun: bool = False) -> dict[str, Any]:
        """Import rows: ``{"ids": [...] or False, "messages": [...], "nextrow": 0}``; all or nothing."""
        from core.exchange.load import Loader

        if not isinstance(fields, (list, tuple)) or not isinstance(data, (list, tuple)):
            raise ValidationError("load expects a list of column names and a list of rows")
        dryrun = dryrun or bool(self.env.context.get("import_dryrun"))
        return Loader(self, list(fields), list(data), dryrun=dryrun).run()
