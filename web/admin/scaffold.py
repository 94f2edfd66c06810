"""flask-admin's scaffolding of a view (columns, sorting, search, filters, form) made from the registry's
field metadata instead of the mapped class's columns: labels and help are the fields', field groups hide
what the user may not read, and each form field comes from the converter table."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_admin.model.filters import BaseFilter

from web.admin.converters import FieldConverter, fill_choices, form_value
from web.admin.filters import filters_of
from web.admin.layout import Layout

TECHNICAL_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"})
NOT_IN_FORMS = TECHNICAL_FIELDS | {"password"}


class FieldMetadataScaffold:
    """Mixed into the back office's ModelView; ``_fields`` holds the fields the user may read."""

    _fields: dict[str, Any]
    spec: Any
    layout: Layout = Layout((), (), ())  # read from the views when a request's environment binds the view

    def scaffold_pk(self) -> str:
        return "id"

    def scaffold_auto_joins(self) -> list[Any]:
        return []

    def scaffold_list_columns(self) -> list[str]:
        return [n for n in self.layout.columns if n in self._fields]

    def get_column_names(self, only_columns: Any, excluded_columns: Any) -> list[tuple[str, str]]:
        return [(name, self.get_column_name(name)) for name in only_columns if name in self._fields]

    def get_details_columns(self) -> list[tuple[str, str]]:
        names = list(self.scaffold_list_columns()) + self._form_names()
        names += [
            n
            for n, f in self._fields.items()
            if n not in TECHNICAL_FIELDS and f.type not in ("binary", "image")
        ]
        names += ["create_date", "write_date"]
        shown = [n for n in dict.fromkeys(names) if n not in self._fields or not self._fields[n].secret]
        return self.get_column_names(shown, None)

    def scaffold_sortable_columns(self) -> dict[str, str]:
        return {n: n for n in self.scaffold_list_columns() if self._fields[n].sortable}

    def get_sortable_columns(self) -> dict[str, str]:
        return self.scaffold_sortable_columns()

    def init_search(self) -> bool:
        return bool(self.column_searchable_list)

    def search_placeholder(self) -> str:
        return ", ".join(self.get_column_name(n) for n in self.column_searchable_list or ())

    def is_valid_filter(self, filter: Any) -> bool:
        return isinstance(filter, BaseFilter)

    def scaffold_filters(self, name: Any) -> list[BaseFilter] | None:
        field = self._fields.get(name)
        return filters_of(field, self.get_column_name(name)) if field is not None else None

    def handle_filter(self, filter: BaseFilter) -> BaseFilter:
        return filter

    def get_filter_arg(self, index: int, flt: Any) -> str:
        """``<field>_<kind>``: URLs that read the same in every language."""
        return f"{flt.field_name}_{flt.kind}"

    def _form_names(self) -> list[str]:
        candidates = self.spec.form if self.spec.form is not None else tuple(self._fields)
        converter = FieldConverter()
        return [
            name
            for name in candidates
            if name in self._fields
            and name not in NOT_IN_FORMS
            and not self._fields[name].readonly
            and converter.get_converter(self._fields[name]) is not None
        ]

    def scaffold_form(self) -> type:
        converter = FieldConverter()
        attrs = {
            name: converter.convert(self._fields[name], self.get_column_name(name))
            for name in self._form_names()
        }
        return type(f"{self.model.__name__}Form", (self.form_base_class,), attrs)

    def create_form(self, obj: Any = None) -> Any:
        if obj is None and request.method == "GET":
            obj = self._defaults()  # a new record's form starts from the model's defaults
        form = super().create_form(obj)
        fill_choices(form, self.records())
        return form

    def _defaults(self) -> Any:
        records = self.records()
        names = self._form_names()
        defaults = records.default_get(names)
        instance = self.model()
        for name in names:
            value = defaults.get(name, False)
            if records._fields[name].type == "many2many":
                value = [i for command in value or () if command[0] == 6 for i in command[2]]
            setattr(instance, name, form_value(records._fields[name], value))
        return instance

    def edit_form(self, obj: Any = None) -> Any:
        form = super().edit_form(obj)
        fill_choices(form, self.records())
        return form
