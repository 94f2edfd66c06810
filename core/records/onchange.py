"""Part of BaseModel: in-memory records and onchange, for forms being edited."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import invalid_field
from core.records.compute import invalidate_dependents
from core.records.model_part import ModelPart
from core.records.recordset import NewId

if TYPE_CHECKING:
    from core.records.model import BaseModel


class OnchangeMixin(ModelPart):
    def new(
        self, values: dict[str, Any] | None = None, origin: Any = None, ref: Any = None
    ) -> BaseModel:
        """A record that lives only in this transaction's cache (nothing is written)."""
        origin_id = origin.id if hasattr(origin, "_ids") else origin
        record = self.browse((NewId(origin_id or None, ref),))
        if values:
            record._write_new({k: v for k, v in values.items() if k in self._fields and k != "id"})
        return record

    def onchange(self, values: dict[str, Any], field_names: Any, fields_spec: Any = None
                 ) -> dict[str, Any]:
        """Values a form should show after ``field_names`` changed to ``values``.

        Runs the ``_onchange_<field>`` methods of the changed fields on an in-memory copy of the
        record, then answers every field of ``fields_spec`` (default: all) whose value differs
        from what the form sent, in read() format, and the warnings the methods returned.
        """
        if isinstance(field_names, str):
            field_names = [field_names] if field_names else []
        for name in field_names or ():
            if name not in self._fields:
                raise invalid_field(name, self._name)
        record_id = values.get("id")
        origin = record_id if isinstance(record_id, int) and record_id else None
        names = list(fields_spec) if fields_spec else [n for n in self._fields if n != "id"]
        names = [n for n in names if n in self._fields]
        given = {k: v for k, v in values.items() if k in self._fields and k != "id"}
        record = self.new(given, origin=origin)
        snapshot = {name: self._onchange_snapshot(record, name) for name in names}
        warnings = []
        for name in field_names or ():
            method = getattr(record, f"_onchange_{name}", None)
            if method is not None:
                result = method()
                if isinstance(result, dict) and result.get("warning"):
                    warnings.append(result["warning"])
        invalidate_dependents(record, list(field_names or names))
        for name in names:
            field = self._fields[name]
            if field.computed and name not in given:
                self.env.cache.invalidate([field], record._ids)
        changed: dict[str, Any] = {}
        for name in names:
            value = self._onchange_snapshot(record, name)
            if name in field_names or name not in given or value != snapshot[name] or (
                    self._fields[name].computed and value != self._read_form(given.get(name), name)):
                changed[name] = value
        answer: dict[str, Any] = {"value": changed}
        if warnings:
            answer["warning"] = (
                warnings[0]
                if len(warnings) == 1
                else {
                    "title": warnings[0].get("title"),
                    "message": "\n\n".join(w.get("message", "") for w in warnings),
                }
            )
        return answer

    def _onchange_snapshot(self, record: BaseModel, name: str) -> Any:
        field = self._fields[name]
        value = record[name]
        if field.type == "many2one":
            return (value.id, value.display_name) if value and isinstance(value.id, int) else False
        if field.type in ("one2many", "many2many"):
            return [i for i in value._ids if isinstance(i, int)]
        raw = self.env.cache.get(field, record._ids[0])
        return field.convert_to_read(raw, record)

    def _read_form(self, value: Any, name: str) -> Any:
        return value
