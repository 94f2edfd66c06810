"""From a posted form to values for create/write, enforcing the view on the server: fields that are
invisible or read-only for the record's values (their containers included) are never written, and
required ones must be filled. A crafted POST gets no further than the form a person sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytz

from core.exceptions import ValidationError
from core.fields.base import Field
from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.conditions import evaluate, modifiers, record_scope
from web.client.forms import bind_form, form_class
from web.client.views.form_data import (
    SECTIONS,
    default_values,
    field_nodes,
    line_fields,
    needed_fields,
    read_values,
)
from web.i18n import request_tz

EMPTY = (None, False, "", [])


def editable_nodes(
    model: BaseModel, arch: dict[str, Any], scope: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Field nodes the user may change for the values in ``scope``: visible, with visible containers,
    not read-only; keyed by field name, each with its evaluated ``required``."""
    result: dict[str, dict[str, Any]] = {}

    def visit(nodes: list[Any]) -> None:
        for node in nodes or ():
            if evaluate(node.get("invisible"), scope):
                continue
            if "field" in node:
                field = model._fields[node["field"]]
                mods = modifiers(node, field, scope)
                if not mods["readonly"] and model._field_accessible(field):
                    result[field.name] = {**node, "required_now": mods["required"]}
                continue
            visit(node.get("children") or [])

    for section in SECTIONS:
        if section != "header":
            visit(arch.get(section) or [])
    return result


class FormSubmission:
    """One posted form of ``model`` (a new record when ``record_id`` is None)."""

    def __init__(
        self, env: Environment, model_name: str, record_id: int | None, arch: dict[str, Any], formdata: Any
    ) -> None:
        self.env, self.model = env, env[model_name]
        self.record_id, self.arch = record_id, arch
        names = needed_fields(self.model, arch)
        record = self.model.browse(record_id)
        self.stored = read_values(record, names) if record_id else default_values(self.model, names)
        self.form = bind_form(form_class(self.model, field_nodes(arch)), formdata)
        self.errors: dict[str, Any] = {}
        self.posted: dict[str, Any] = {}

    def values(self) -> dict[str, Any]:
        """Values to create/write; ValidationError (with ``self.errors`` filled) if the form is wrong."""
        self.form.validate()
        first = editable_nodes(self.model, self.arch, record_scope(self.env, self.stored))
        early = {name: self._converted(name, node) for name, node in first.items() if name in self.form}
        scope = record_scope(self.env, {**self.stored, **self._read_format(early)})
        allowed = editable_nodes(self.model, self.arch, scope)
        vals: dict[str, Any] = {}
        for name, node in allowed.items():
            if name not in self.form:
                continue
            value = early[name] if name in early else self._converted(name, node)
            if value is _SKIP:
                continue
            # a value that could not be read says why (its form error) rather than "required"
            if (
                node["required_now"]
                and value in EMPTY
                and self.model._fields[name].type != "boolean"
                and not self.form.errors.get(name)
            ):
                self.errors.setdefault(name, _("This field is required."))
            vals[name] = value
        for name, messages in self.form.errors.items():
            if name in allowed and name not in self.errors:
                self.errors[name] = _first_message(messages)
        self.posted = self._read_format(vals)
        for name in self.errors:
            if getattr(self.form._fields.get(name), "raw", ""):  # an unreadable date stays as typed
                self.posted[name] = self.form[name].raw
        if self.errors:
            raise ValidationError(_("The form has errors: check the fields marked in red."))
        return vals

    # -- conversions ---------------------------------------------------------------------------
    def _converted(self, name: str, node: dict[str, Any]) -> Any:
        field = self.model._fields[name]
        data = self.form[name].data
        if field.type == "one2many":
            # no command means no line changed: an empty list would be (6, 0, []) and delete every line
            return self._line_commands(field, node, self.form[name]) or _SKIP
        return to_write(self.env, field, data, self.form[name])

    def _line_commands(self, field: Field, node: dict[str, Any], entries: Any) -> Any:
        comodel = self.env[field.comodel_name]
        stored_ids = set(self.stored.get(field.name) or ())
        columns = [c for c in node.get("columns") or () if c["field"] != field.inverse_name]
        stored_rows = (
            {row["id"]: row for row in comodel.browse(sorted(stored_ids)).read(line_fields(comodel, columns))}
            if stored_ids
            else {}
        )
        commands: list[Any] = []
        for index, entry in enumerate(entries.entries):
            data = entry.form
            line_id = data["id"].data
            if line_id and line_id not in stored_ids:
                self.errors[field.name] = _("Line %(line)s is not a line of this record.", line=index + 1)
                continue
            if data["remove"].data:
                if line_id and node.get("delete") is False:
                    self.errors[field.name] = _("Lines of this list cannot be removed.")
                elif line_id:
                    commands.append((2, line_id))
                continue
            scope = record_scope(self.env, stored_rows.get(line_id, {}))
            vals = {}
            for column in columns:
                sub_field = comodel._fields[column["field"]]
                mods = modifiers(column, sub_field, scope)
                if mods["readonly"] or mods["invisible"] or column["field"] not in data:
                    continue
                value = to_write(self.env, sub_field, data[column["field"]].data, data[column["field"]])
                if value is _SKIP or (line_id and _same(stored_rows[line_id].get(column["field"]), value)):
                    continue
                vals[column["field"]] = value
            if line_id and vals:
                commands.append((1, line_id, vals))
            elif not line_id and any(v not in EMPTY for v in vals.values()):
                if node.get("create") is False:
                    self.errors[field.name] = _("Lines cannot be added to this list.")
                    continue
                commands.append((0, 0, vals))
        return commands

    def _read_format(self, vals: dict[str, Any]) -> dict[str, Any]:
        """Posted values shaped as read() answers, to evaluate conditions and show the form again."""
        result: dict[str, Any] = {}
        for name, value in vals.items():
            field = self.model._fields[name]
            if value is _SKIP:
                continue
            if field.type == "many2one" and value:
                result[name] = (
                    value,
                    dict(self.env[field.comodel_name].browse([value]).name_get()).get(value, ""),
                )
            elif field.type == "many2many":
                result[name] = list(value[0][2]) if value else []
            elif field.type == "one2many":
                result[name] = self._posted_lines(name)
            elif field.type == "datetime" and value:
                result[name] = dt.datetime.fromisoformat(value)
            elif field.type == "date" and value:
                result[name] = dt.date.fromisoformat(value)
            else:
                result[name] = value
        return result

    def _posted_lines(self, name: str) -> list[dict[str, Any]]:
        field = self.model._fields[name]
        comodel = self.env[field.comodel_name]
        lines = []
        for entry in self.form[name].entries:
            row: dict[str, Any] = {"id": entry.form["id"].data, "remove": entry.form["remove"].data}
            for sub in entry.form:
                if sub.short_name in ("id", "remove", "csrf_token"):
                    continue
                sub_field = comodel._fields[sub.short_name]
                value = to_write(self.env, sub_field, sub.data, sub)
                if sub_field.type == "many2one" and value:
                    value = comodel.env[sub_field.comodel_name].browse(value).name_get()[0]
                elif sub_field.type == "many2many" and value:
                    value = list(value[0][2])
                row[sub.short_name] = False if value is _SKIP else value
            lines.append(row)
        return lines


class _Skip:
    """No change (a file input left empty)."""


_SKIP = _Skip()


def _first_message(messages: Any) -> str:
    while isinstance(messages, (list, tuple, dict)):
        if isinstance(messages, dict):
            messages = next(iter(messages.values()), "")
        else:
            messages = messages[0] if messages else ""
    return str(messages)


def _same(stored: Any, value: Any) -> bool:
    if isinstance(value, list) and value and isinstance(value[0], tuple) and value[0][0] == 6:
        return set(stored or ()) == set(value[0][2])  # many2many tags: the same ids in any order
    if isinstance(stored, (tuple, list)) and len(stored) == 2 and isinstance(stored[1], str):
        stored = stored[0]
    if isinstance(stored, (dt.date, dt.datetime)):
        stored = stored.isoformat(sep=" ") if isinstance(stored, dt.datetime) else stored.isoformat()
    return (stored or False) == (value or False)


def to_write(env: Environment, field: Field, data: Any, form_field: Any = None) -> Any:
    """The record API value of one form field's data."""
    kind = field.type
    if field.secret and not data:
        return _SKIP  # write-only: the form shows it empty, and empty keeps the stored value
    if kind in ("char", "text", "html"):
        return data.strip() if kind == "char" and isinstance(data, str) and data.strip() else (data or False)
    if kind in ("integer", "float", "monetary"):
        return data if data is not None else False
    if kind == "boolean":
        return bool(data)
    if kind == "date":
        return data.isoformat() if data else False
    if kind == "datetime":
        if not data:
            return False
        local = pytz.timezone(request_tz()).localize(data)
        return local.astimezone(pytz.utc).replace(tzinfo=None).isoformat(sep=" ")
    if kind == "selection":
        return data or False
    if kind == "many2one":
        return data or False
    if kind == "many2many":
        return [(6, 0, list(data or []))]
    if kind in ("binary", "image"):
        upload = data
        if upload is not None and getattr(upload, "filename", ""):
            return upload.read()
        return _SKIP
    return data
