"""The form view: the arch annotated with each field's widget data and each node's modifiers."""

from __future__ import annotations

from typing import Any

from flask import request

from core.i18n import translate
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.conditions import evaluate, modifiers, record_scope
from web.client.form_panels import form_panels
from web.client.views.form_data import (
    SECTIONS,
    default_values,
    line_fields,
    needed_fields,
    read_values,
    walk,
    widget,
)


def build_form(
    env: Environment,
    model_name: str,
    record_id: int | None,
    arch: dict[str, Any],
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    dom_prefix: str = "",
    with_panels: bool = True,
    last_update: str | None = None,
) -> dict[str, Any]:
    """Data of the form template; ``values`` (read format) replace the stored ones after a failed save.

    ``dom_prefix`` starts the id of every input, so a dialog's fields never share ids with the page's.
    ``last_update`` is the version the form was opened at (kept after a failed save); by default the
    record's current one."""
    model = env[model_name]
    names = needed_fields(model, arch)
    record = model.browse(record_id) if record_id else model.browse()
    stored = read_values(record, names) if record_id else default_values(model, names)
    if values:
        stored.update(values)
    values = stored
    errors = errors or {}
    scope = record_scope(env, values)
    readonly_form = not (model.check_access_rights("write" if record_id else "create", raise_exception=False))
    for section in SECTIONS:
        for node in walk(arch.get(section) or []):
            _annotate(env, model, node, values, scope, errors, readonly_form)
            if dom_prefix and "w" in node:
                _prefix_ids(node["w"], dom_prefix)
    status = arch.get("statusbar")
    # addons' panels (the chatter...) beside a saved record; a view can leave them out (chatter: false)
    show_panels = with_panels and bool(record_id) and arch.get("chatter", True)
    return {
        "model": model_name,
        "record_id": record_id,
        "arch": arch,
        "values": values,
        "title": (values.get("display_name") or record.display_name) if record_id else "",
        "statusbar": _statusbar(env, model, status, values, readonly_form, scope) if status else None,
        "readonly_form": readonly_form,
        # a wizard or settings form: its header buttons save it, there is nothing to keep as such
        "transient": model._transient,
        "errors": errors,
        "general_error": errors.get("__all__"),
        "panels": form_panels(env, model, record_id or 0, _page_url()) if show_panels else [],
        "can_delete": bool(record_id) and model.check_access_rights("unlink", raise_exception=False),
        "can_create": model.check_access_rights("create", raise_exception=False),
        "dom_prefix": dom_prefix,
        "last_update": last_update or (version_stamp(record) if record_id else ""),
    }


def version_stamp(record: BaseModel) -> str:
    """The record's last change, as the form posts it back (``__last_update``) to detect a stale save."""
    if "write_date" not in record._fields:
        return ""
    stamp = record.write_date
    return stamp.isoformat(sep=" ") if stamp else ""


def _page_url() -> str:
    """The record page itself, where the panels' forms come back to."""
    return request.full_path.rstrip("?")


def _prefix_ids(info: dict[str, Any], prefix: str) -> None:
    info["id"] = prefix + info["id"]
    for line in info.get("lines") or ():
        for cell in line["cells"]:
            cell["id"] = prefix + cell["id"]
    for cell in info.get("template") or ():
        cell["id"] = prefix + cell["id"]


def _annotate(
    env: Environment,
    model: BaseModel,
    node: dict[str, Any],
    values: dict[str, Any],
    scope: dict[str, Any],
    errors: dict[str, str],
    readonly_form: bool,
) -> None:
    if "field" in node:
        if not model._field_accessible(model._fields[node["field"]]):
            node["mods"] = {"invisible": True, "readonly": True, "required": False}
            return
        info = widget(env, model, node, values, scope, errors)
        if readonly_form:
            info["readonly"] = True
        comodel_name = getattr(model._fields[node["field"]], "comodel_name", None)
        if info["type"] == "one2many" and not env[comodel_name].check_access_rights(
                "write", raise_exception=False):
            info["readonly"] = True  # lines the user may not change (a history kept by the system)
        if info["type"] == "one2many" and isinstance(node.get("columns"), list):
            info.update(_sub_list(env, model, node, values, errors, info["readonly"], scope))
        elif info["type"] == "many2many" and info["readonly"] and isinstance(node.get("columns"), list):
            # a read-only many2many given columns reads as a table, as a one2many does
            info.update(_sub_list(env, model, node, values, errors, True, scope))
        elif info["type"] == "many2many":
            info["tags"] = _tags(env, model, node["field"], values.get(node["field"]) or [])
        node["w"] = info
        node["mods"] = info
        return
    node["mods"] = modifiers(node, None, scope)
    if "string" in node:
        node["label"] = translate(node["string"])


def _tags(env: Environment, model: BaseModel, name: str, ids: list[int]) -> list[tuple[int, str]]:
    comodel = env[model._fields[name].comodel_name]
    return comodel.browse([i for i in ids if isinstance(i, int)]).name_get() if ids else []


def _sub_list(
    env: Environment,
    model: BaseModel,
    node: dict[str, Any],
    values: dict[str, Any],
    errors: dict[str, str],
    readonly: bool,
    parent_scope: dict[str, Any],
) -> dict[str, Any]:
    """Lines of a one2many as editable rows (existing lines, or the lines posted back after an error).
    A column whose ``column_invisible`` holds for the form's record is left out."""
    field = model._fields[node["field"]]
    comodel = env[field.comodel_name]
    inverse = getattr(field, "inverse_name", None)  # a many2many has none
    columns = [
        c
        for c in node["columns"]
        if c["field"] != inverse
        and comodel._field_accessible(comodel._fields[c["field"]])
        and not evaluate(c.get("column_invisible"), parent_scope)
    ]
    sub_names = [c["field"] for c in columns]
    value = values.get(field.name) or []
    if value and isinstance(value[0], dict):
        rows = value  # posted back: already line dictionaries
    else:
        names = line_fields(comodel, columns)
        rows = comodel.browse(value).with_context(bin_size=True).read(names) if value else []
    lines = []
    for index, row in enumerate(rows):
        scope = record_scope(env, {**row, "parent": None})
        prefix = f"{field.name}-{index}-"
        cells = [
            widget(env, comodel, column, row, scope, errors.get(f"{field.name}.{index}") or {}, prefix)
            for column in columns
        ]
        for cell in cells:
            if cell["type"] == "many2many":
                cell["tags"] = _tags(env, comodel, cell["field"], row.get(cell["field"]) or [])
        if readonly:
            for cell in cells:
                cell["readonly"] = True
        lines.append(
            {"id": row.get("id") or "", "prefix": prefix, "cells": cells, "deleted": bool(row.get("remove"))}
        )
    blank = default_values(comodel, sub_names)
    template_scope = record_scope(env, blank)
    template = [
        widget(env, comodel, column, blank, template_scope, {}, f"{field.name}-__index__-")
        for column in columns
    ]
    for cell in template:
        if cell["type"] == "many2many":
            cell["tags"] = _tags(env, comodel, cell["field"], blank.get(cell["field"]) or [])
    headers = [translate(c.get("string") or comodel._fields[c["field"]].string) for c in columns]
    return {
        "lines": lines,
        "template": template,
        "headers": headers,
        "next_index": len(rows),
        # the view's create: false / delete: false (the server refuses such lines all the same)
        "can_create": not readonly and node.get("create") is not False,
        "can_delete": not readonly and node.get("delete") is not False,
    }


def _statusbar(
    env: Environment,
    model: BaseModel,
    spec: dict[str, Any],
    values: dict[str, Any],
    readonly_form: bool,
    scope: dict[str, Any],
) -> dict[str, Any]:
    field = model._fields[spec["field"]]
    current = values.get(field.name)
    if field.type == "many2one":
        current = current[0] if isinstance(current, (tuple, list)) else current
        stages = env[field.comodel_name].search([])
        options = [(stage_id, name) for stage_id, name in stages.name_get()]
    else:
        options = [(key, translate(label)) for key, label in field.options(model)]
    visible = spec.get("visible")
    if visible:
        options = [(key, label) for key, label in options if str(key) in visible or key == current]
    return {
        "field": field.name,
        "current": current,
        # out of the flow (a lost lead): its last step is not shown as where it stands
        "inactive": bool(spec.get("inactive")) and evaluate(spec["inactive"], scope),
        "options": options,
        "clickable": bool(spec.get("clickable")) and not readonly_form,
    }
