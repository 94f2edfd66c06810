"""What the studio's editor page shows: the layout of the view as an outline, the places a field can go,
the fields it can add, the choices of the "Add a field" form, and a preview of the result."""

from __future__ import annotations

import unicodedata
from typing import Any

from core.addon.view_defaults import panel_fields
from core.exceptions import MissingError
from core.i18n import _, translate
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.views import list as list_view
from web.studio.arch_edit import (
    SCOPED,
    field_names,
    find,
    is_container,
    plain_name,
    positions,
    section_of,
    sections,
    walk,
)
from web.studio.fields import STUDIO_TYPES
from web.studio.store import StudioView

VIEW_TYPES = ("form", "list", "kanban", "search")
PREVIEW_ROWS = 5


def studio_model(env: Environment, model: str, view_type: str) -> BaseModel:
    """The model the studio edits (MissingError for an unknown model or view type)."""
    cls = env.registry.models.get(model)
    if cls is None or cls._abstract or view_type not in VIEW_TYPES:
        raise MissingError(
            _("The studio has no %(type)s view of %(model)s to edit.", type=view_type, model=model)
        )
    records = env[model]
    records.check_access_rights("read")
    return records


def section_label(name: str, view_type: str = "form") -> str:
    labels = {
        "title": _("Title"),
        "sheet": _("Sheet"),
        "columns": _("Columns"),
        "fields": _("Fields on the card") if view_type == "kanban" else _("Searched fields"),
        "filters": _("Filters"),
        "group_by": _("Group by"),
    }
    return labels.get(name, name)


def node_label(model: BaseModel, node: dict[str, Any]) -> str:
    if "field" in node:
        field = model._fields.get(node["field"])
        return translate(node.get("string") or (field.string if field else node["field"]))
    if node.get("string"):
        return translate(node["string"])
    kind = next(k for k in ("group", "notebook", "page", "button", "separator", "filter") if k in node)
    labels = {
        "group": _("Group"),
        "notebook": _("Tabs"),
        "page": _("Page"),
        "button": _("Button"),
        "filter": _("Filter"),
    }
    return f"{labels.get(kind, _('Separator'))} {node[kind]}"


def type_labels(env: Environment) -> dict[str, str]:
    """Field types as the user reads them (the options of ir.model.fields' type)."""
    return {key: translate(label) for key, label in env["ir.model.fields"]._fields["ttype"].selection}


def outline(env: Environment, view: StudioView) -> list[dict[str, Any]]:
    """The edited sections of the view as nested items (containers hold their children)."""
    model = env[view.model]
    types = type_labels(env)
    shown = set(field_names(view.base, view.view_type))

    def items(nodes: list[dict[str, Any]], container: str) -> list[dict[str, Any]]:
        result = []
        for index, node in enumerate(nodes):
            item = {"label": node_label(model, node), "first": index == 0, "last": index == len(nodes) - 1}
            key = f"{container}/" if view.view_type in SCOPED else ""
            if "filter" in node or ("separator" in node and view.view_type in SCOPED):
                item.update(
                    kind="filter",
                    name=key + str(node.get("filter") or node["separator"]),
                    type=_("Filter") if "filter" in node else _("Separator"),
                    custom=False,
                )
            elif "field" in node:
                field = model._fields.get(node["field"])
                item.update(
                    kind="field",
                    name=key + node["field"],
                    field=node["field"],
                    type=types.get(field.type, field.type) if field else "",
                    hidden=node.get("invisible") is True,
                    conditional=isinstance(node.get("invisible"), str),
                    custom=bool(field and field.manual),
                    from_view=key + node["field"] in shown,
                )
            elif is_container(node):
                kind = next(k for k in ("group", "notebook", "page") if k in node)
                item.update(
                    kind=kind, name=node[kind], children=items(node.get("children") or [], node[kind])
                )
            else:
                item.update(kind="other", name="")
            result.append(item)
        return result

    return [
        {
            "kind": "section",
            "name": name,
            "label": section_label(name, view.view_type),
            "children": items(view.arch.get(name) or [], name),
        }
        for name in sections(view.view_type)
        if name in view.arch or name == sections(view.view_type)[-1] or view.view_type in SCOPED
    ]


def position_choices(env: Environment, view: StudioView) -> list[tuple[str, str]]:
    """(position, label) of every place a field can go (a search view's fields: not among its filters)."""
    model = env[view.model]
    labels = {name: section_label(name, view.view_type) for name in sections(view.view_type)}
    for _container, nodes in walk(view.arch, view.view_type):
        labels.update(
            {node[k]: node_label(model, node) for node in nodes for k in ("group", "page") if k in node}
        )
    choices = []
    for value, where, name in positions(view.arch, view.view_type):
        if (name if where == "inside" else section_of(view.view_type, name)) == "filters":
            continue
        if where == "inside":
            choices.append((value, _("At the end of %(place)s", place=labels.get(name, name))))
        else:
            slot = find(view.arch, view.view_type, name)
            field_label = node_label(model, slot.node if slot else {"field": plain_name(name)})
            section = section_of(view.view_type, name)
            if section:
                field_label = f"{labels.get(section, section)} › {field_label}"
            choices.append((value, _("After %(field)s", field=field_label)))
    return choices


def default_position(view: StudioView) -> str:
    """The end of the first group that holds fields (the main part of a form), else of the view."""
    if view.view_type in SCOPED:
        return f"inside:{sections(view.view_type)[0]}"
    for container, nodes in walk(view.arch, view.view_type):
        if container not in sections(view.view_type) and any("field" in node for node in nodes):
            return f"inside:{container}"
    return f"inside:{sections(view.view_type)[-1]}"


def addable_fields(env: Environment, view: StudioView) -> list[tuple[str, str]]:
    """(name, label) of the fields the view does not show yet."""
    model = env[view.model]
    shown = set(field_names(view.arch, view.view_type)) | panel_fields(model)
    if view.view_type in SCOPED:  # a field searched and grouped by is in every list it can be in
        lists = [
            {plain_name(key) for key in shown if key.startswith(f"{s}/")} for s in ("fields", "group_by")
        ]
        shown = (lists[0] & lists[1]) | panel_fields(model)
    return sorted(
        (
            (name, f"{translate(field.string)} ({name})")
            for name, field in model._fields.items()
            if name not in shown and name != "id" and model._field_accessible(field)
        ),
        key=lambda item: item[1].lower(),
    )


def sort_key(label: str) -> str:
    """Labels in the order people look for them: case and accents aside (Ámbito beside Ambos)."""
    return unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()


def relation_choices(env: Environment) -> list[tuple[str, str]]:
    """Models a relational field can point to, by their name in the user's language."""
    return sorted(
        (
            (name, f"{translate(cls._description)} ({name})")
            for name, cls in env.registry.models.items()
            if not cls._abstract and not cls._transient
        ),
        key=lambda item: sort_key(item[1]),
    )


def inverse_choices(env: Environment, model: str) -> list[tuple[str, str]]:
    """Many-to-one fields pointing at ``model``: the lines a one-to-many field of it can list."""
    choices = [
        (
            f"{name}:{field.name}",
            f"{translate(cls._description)} › {translate(field.string)} ({name}.{field.name})",
        )
        for name, cls in env.registry.models.items()
        if not cls._abstract
        for field in cls._fields.values()
        if field.type == "many2one" and field.comodel_name == model and field.store
    ]
    return sorted(choices, key=lambda item: sort_key(item[1]))


def studio_types(env: Environment) -> list[tuple[str, str]]:
    labels = type_labels(env)
    return [(key, labels.get(key, key)) for key in STUDIO_TYPES]


def list_preview(env: Environment, view: StudioView) -> dict[str, Any]:
    """A few records in the arranged columns (the client's list renderer)."""
    model = env[view.model]
    columns = list_view.list_columns(model, view.arch)
    records = model.search([], limit=PREVIEW_ROWS)
    rows = list_view.rows_data(env, model, view.arch, columns, records) if columns else []
    return {"columns": columns, "rows": rows}
