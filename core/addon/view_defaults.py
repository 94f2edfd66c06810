"""Views generated from a model's fields, for models without view YAML (or without that type)."""

from __future__ import annotations

from typing import Any

from core.records.model import BaseModel

TECHNICAL = frozenset({"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"})
LIST_TYPES = ("char", "integer", "float", "monetary", "boolean", "date", "datetime", "selection", "many2one")
MAX_LIST_COLUMNS = 7


def panel_fields(model: BaseModel) -> frozenset[str]:
    """Fields that flag-enabled mixins add (``chatter: true`` → mail.thread): their panel shows them,
    not the form's groups (followers, messages, activities)."""
    registry = model._registry
    names: set[str] = set()
    for mixin in model._def.mixins:
        cls = registry.models.get(mixin)
        if cls is not None and cls._def.attrs.get("enabled_by"):
            names.update(cls._fields)
    return frozenset(names - TECHNICAL - {model._rec_name_field()})


def _shown(model: BaseModel, include_readonly: bool = True) -> list[Any]:
    """Fields worth showing, in declaration order, that the user may read."""
    panels = panel_fields(model)
    return [
        f
        for name, f in model._fields.items()
        if name not in TECHNICAL
        and name not in panels
        and model._field_accessible(f)
        and not name.startswith("image_")
        and f.type != "json"
        and not f.secret
        and (include_readonly or not f.readonly)
    ]


def default_list(model: BaseModel) -> dict[str, Any]:
    rec_name = model._rec_name_field()
    names = [rec_name] if rec_name != "id" else []
    for field in _shown(model):
        if len(names) >= MAX_LIST_COLUMNS:
            break
        if (
            field.type in LIST_TYPES
            and field.name not in names
            and field.name != "active"
            and (field.store or field.related)
        ):
            names.append(field.name)
    return {"columns": [{"field": name} for name in names or ["id"]]}


def default_form(model: BaseModel) -> dict[str, Any]:
    simple, long_text, lists = [], [], []
    rec_name = model._rec_name_field()
    for field in _shown(model):
        if field.name == rec_name:
            continue
        if field.type == "one2many":
            lists.append(field)
        elif field.type in ("text", "html"):
            long_text.append(field)
        else:
            simple.append(field)
    half = (len(simple) + 1) // 2
    sheet: list[dict[str, Any]] = [
        {
            "group": "main",
            "columns": 2,
            "children": [
                {"group": "main_left", "children": [{"field": f.name} for f in simple[:half]]},
                {"group": "main_right", "children": [{"field": f.name} for f in simple[half:]]},
            ],
        }
    ]
    pages = [
        {"page": f"page_{f.name}", "string": f.string, "children": [{"field": f.name, "nolabel": True}]}
        for f in lists + long_text
    ]
    if pages:
        sheet.append({"notebook": "pages", "children": pages})
    title = [{"field": rec_name}] if rec_name != "id" else []
    return {"title": title, "sheet": sheet}


def default_search(model: BaseModel) -> dict[str, Any]:
    rec_name = model._rec_name_field()
    fields = [{"field": rec_name}] if rec_name != "id" else []
    for field in _shown(model):
        if field.type == "char" and field.searchable and field.name != rec_name and len(fields) < 4:
            fields.append({"field": field.name})
    filters = []
    if "active" in model._fields:
        filters.append({"filter": "archived", "string": "Archived", "domain": [["active", "=", False]]})
    group_by = [{"field": f.name} for f in _shown(model) if f.type in ("many2one", "selection") and f.column][
        :6
    ]
    return {"fields": fields, "filters": filters, "group_by": group_by}


def default_kanban(model: BaseModel) -> dict[str, Any]:
    columns = default_list(model)["columns"]
    return {"title": columns[0]["field"], "fields": columns[1:4]}


def default_calendar(model: BaseModel) -> dict[str, Any] | None:
    dates = [f.name for f in _shown(model) if f.type in ("date", "datetime") and f.column]
    return {"date_start": dates[0]} if dates else None


def default_pivot(model: BaseModel) -> dict[str, Any]:
    groupable = [f.name for f in _shown(model) if f.type in ("many2one", "selection") and f.column]
    return {"rows": groupable[:1], "measures": ["__count"]}


def default_graph(model: BaseModel) -> dict[str, Any]:
    groupable = [f.name for f in _shown(model) if f.type in ("many2one", "selection") and f.column]
    return {
        "type": "bar",
        "group_by": groupable[0] if groupable else "create_date:month",
        "measure": "__count",
    }


DEFAULTS = {
    "list": default_list,
    "form": default_form,
    "search": default_search,
    "kanban": default_kanban,
    "calendar": default_calendar,
    "pivot": default_pivot,
    "graph": default_graph,
}
