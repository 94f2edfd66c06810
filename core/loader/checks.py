"""Checks that need every definition: comodels, inverses, depends and related paths, names."""
from __future__ import annotations

import difflib
from typing import Any

from core.exceptions import MetadataError
from core.loader.defs import FieldDef, ModelDef
from core.loader.sql_names import sql_column_names

RELATIONAL = ("many2one", "one2many", "many2many")
MAGIC = {"id": "integer", "create_uid": "many2one", "write_uid": "many2one", "create_date": "datetime",
         "write_date": "datetime", "display_name": "char"}


def _suggest(name: str, candidates: Any) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _fail(fdef: FieldDef | ModelDef, attr: str | None, reason: str) -> MetadataError:
    file, line = fdef.where(attr)
    return MetadataError(file, line, reason)


def field_names(model: ModelDef) -> set[str]:
    return set(model.fields) | set(MAGIC)


def field_type(models: dict[str, ModelDef], model: ModelDef, name: str) -> tuple[str, dict[str, Any]] | None:
    if name in model.fields:
        fdef = model.fields[name]
        return fdef.type, fdef.attrs
    if name in MAGIC:
        attrs = {"comodel_name": "res.users"} if MAGIC[name] == "many2one" else {}
        return MAGIC[name], attrs
    return None


def check_models(models: dict[str, ModelDef]) -> None:
    """Raise MetadataError (file:line) for the first inconsistency between definitions."""
    for model in models.values():
        for name, fdef in model.fields.items():
            _check_field(models, model, name, fdef)
        _check_model_attrs(models, model)


def _check_model_attrs(models: dict[str, ModelDef], model: ModelDef) -> None:
    names = field_names(model)
    for key in ("rec_name", "parent_name"):
        value = model.attrs.get(key)
        if value and value not in names:
            raise _fail(
                model, key, f"model '{model.name}': {key} '{value}' is not a field{_suggest(value, names)}"
            )
    order = model.attrs.get("order")
    if order:
        for part in order.split(","):
            name = part.split()[0]
            if name not in names:
                raise _fail(model, "order", f"model '{model.name}': order uses unknown field '{name}'"
                                            f"{_suggest(name, names)}")
    for constraint in model.constraints:
        if constraint.get("sql"):
            _check_sql_constraint(model, constraint)
        for name in list(constraint.get("unique") or ()) + list(constraint.get("fields") or ()):
            if name not in names:
                src = constraint.get("_source")
                raise MetadataError(
                    src.file if src else None,
                    src.line if src else None,
                    f"constraint '{constraint['name']}' of '{model.name}' names unknown field "
                    f"'{name}'{_suggest(name, names)}",
                )
    for index in model.indexes:
        conditions = [*(index.get("where_null") or ()), *(index.get("where_not_null") or ())]
        for name in [*index["fields"], *conditions]:
            if name not in names:
                src = index.get("_source")
                raise MetadataError(src.file if src else None, src.line if src else None,
                                    f"index '{index['name']}' of '{model.name}' names unknown field '{name}'"
                                    f"{_suggest(name, names)}")


def column_names(model: ModelDef) -> set[str]:
    """The columns of the model's table: stored fields that are not x2many or attachments, and the
    automatic ones."""
    names = {"id", "create_uid", "create_date", "write_uid", "write_date"}
    for name, fdef in model.fields.items():
        attrs = fdef.attrs
        computed = bool(attrs.get("compute") or attrs.get("related"))
        if (attrs["type"] not in ("one2many", "many2many") and attrs.get("store", not computed)
                and not attrs.get("attachment")):
            names.add(name)
    return names


def _check_sql_constraint(model: ModelDef, constraint: dict[str, Any]) -> None:
    """Every name an SQL constraint reads must be a column of the table, not only a field."""
    columns = column_names(model)
    for name in sql_column_names(constraint["sql"]):
        if name in columns:
            continue
        src = constraint.get("_source")
        why = ("is a field without a column (computed, x2many or attachment)" if name in model.fields
               else f"is not a column of {model.table}{_suggest(name, columns)}")
        raise MetadataError(
            src.file if src else None, src.line if src else None,
            f"constraint '{constraint['name']}' of '{model.name}': {constraint['sql']!r} reads '{name}', "
            f"which {why}",
        )


def _check_selection(model: ModelDef, name: str, fdef: FieldDef) -> None:
    """A literal default must be one of the values; a migration maps old values onto current ones."""
    attrs = fdef.attrs
    values = [str(item[0]) for item in attrs.get("selection") or ()]
    default = attrs.get("default")
    if values and default not in (None, False) and not isinstance(default, dict) and default not in values:
        raise _fail(fdef, "default", f"field '{name}' of '{model.name}': default {default!r} is not one of "
                                     f"its values ({', '.join(values)}){_suggest(str(default), values)}")
    for old, new in (attrs.get("selection_migrate") or {}).items():
        if str(old) in values:
            raise _fail(fdef, "selection_migrate", f"field '{name}' of '{model.name}': selection_migrate "
                                                   f"maps '{old}', which is still one of its values")
        if new not in values:
            raise _fail(fdef, "selection_migrate", f"field '{name}' of '{model.name}': selection_migrate "
                                                   f"maps '{old}' to {new!r}, which is not one of its values "
                                                   f"({', '.join(values)}){_suggest(str(new), values)}")


def _check_field(models: dict[str, ModelDef], model: ModelDef, name: str, fdef: FieldDef) -> None:
    attrs = fdef.attrs
    kind = attrs["type"]
    if name in MAGIC and not (name == "display_name" and attrs.get("compute")):
        raise _fail(fdef, None, f"field '{name}' of '{model.name}' is automatic and cannot be declared")
    if fdef.attrs.get("manual") and not name.startswith("x_"):
        raise _fail(fdef, None, f"custom field '{name}' must start with 'x_'")
    if kind in RELATIONAL:
        comodel = attrs.get("comodel_name")
        if comodel not in models:
            raise _fail(fdef, "comodel_name", f"field '{name}' of '{model.name}' refers to unknown model "
                                              f"'{comodel}'{_suggest(str(comodel), models)}")
        target = models[comodel]
        if target.abstract and not model.abstract:
            raise _fail(fdef, "comodel_name", f"field '{name}' of '{model.name}' refers to abstract model "
                                              f"'{comodel}'")
        if kind == "one2many":
            inverse = attrs["inverse_name"]
            inverse_type = field_type(models, target, inverse)
            if inverse_type is None:
                raise _fail(
                    fdef,
                    "inverse_name",
                    f"field '{name}' of '{model.name}': inverse_name '{inverse}' is "
                    f"not a field of '{comodel}'{_suggest(inverse, target.fields)}",
                )
            if inverse_type[0] not in ("many2one", "integer"):
                raise _fail(
                    fdef,
                    "inverse_name",
                    f"field '{name}' of '{model.name}': inverse_name '{inverse}' of "
                    f"'{comodel}' must be a many2one, not a {inverse_type[0]}",
                )
    for attr in ("currency_field",):
        value = attrs.get(attr)
        if value and value not in field_names(model):
            raise _fail(fdef, attr, f"field '{name}' of '{model.name}': {attr} '{value}' is not a field"
                                    f"{_suggest(value, model.fields)}")
    if attrs.get("model_field") and attrs["model_field"] not in model.fields:
        raise _fail(
            fdef,
            "model_field",
            f"field '{name}' of '{model.name}': model_field '{attrs['model_field']}' is not a field",
        )
    if attrs.get("selection_add") and kind != "selection":
        raise _fail(fdef, "selection_add", f"field '{name}' of '{model.name}' is not a selection")
    if attrs.get("selection_migrate") and kind != "selection":
        raise _fail(fdef, "selection_migrate", f"field '{name}' of '{model.name}' is not a selection")
    if kind == "selection":
        _check_selection(model, name, fdef)
    if (
        kind == "selection"
        and not attrs.get("selection")
        and not attrs.get("related")
        and not attrs.get("compute")
    ):
        raise _fail(fdef, "type", f"selection field '{name}' of '{model.name}' has no selection values")
    if attrs.get("secret"):
        _check_secret(model, name, fdef)
    _check_setting(model, name, fdef)
    if attrs.get("compute") and attrs.get("related"):
        raise _fail(fdef, "related", f"field '{name}' of '{model.name}' is both computed and related")
    for dep in attrs.get("depends") or ():
        _check_path(models, model, fdef, dep, "depends")
    if attrs.get("related"):
        last = _check_path(models, model, fdef, attrs["related"], "related")
        if last is not None and last[1].get("secret"):
            raise _fail(fdef, "related", f"related field '{name}' of '{model.name}' reads the secret field "
                                         f"'{attrs['related']}', which is never readable")
        if last is not None and last[0] != kind and not (kind == "binary" and last[0] == "image"):
            raise _fail(fdef, "type", f"related field '{name}' of '{model.name}' is a {kind}, but "
                                      f"'{attrs['related']}' is a {last[0]}")
        if (
            last is not None
            and kind in RELATIONAL
            and last[1].get("comodel_name") != attrs.get("comodel_name")
            and attrs.get("comodel_name")
        ):
            raise _fail(
                fdef,
                "comodel_name",
                f"related field '{name}' of '{model.name}' must have comodel_name "
                f"'{last[1].get('comodel_name')}'",
            )


SETTING_TYPES = ("boolean", "char", "integer", "float", "selection", "many2one")


def _check_setting(model: ModelDef, name: str, fdef: FieldDef) -> None:
    """``config_parameter`` and ``implied_group`` belong to plain fields of settings (transient) models."""
    attrs = fdef.attrs
    for attr in ("config_parameter", "implied_group"):
        if not attrs.get(attr):
            continue
        if not model.attrs.get("transient"):
            raise _fail(fdef, attr, f"field '{name}' of '{model.name}': '{attr}' only applies to settings "
                                    "models (transient: true)")
        if attrs.get("related") or attrs.get("compute"):
            raise _fail(fdef, attr, f"field '{name}' of '{model.name}': '{attr}' and related or compute "
                                    "exclude each other")
    if attrs.get("config_parameter") and attrs["type"] not in SETTING_TYPES:
        raise _fail(fdef, "config_parameter",
                    f"field '{name}' of '{model.name}': a {attrs['type']} cannot be kept as a system "
                    f"parameter (use one of {', '.join(SETTING_TYPES)})")
    if attrs.get("implied_group") and attrs["type"] != "boolean":
        raise _fail(fdef, "implied_group",
                    f"field '{name}' of '{model.name}': 'implied_group' needs a boolean field, "
                    f"not a {attrs['type']}")


SECRET_REFUSES = {
    "related": "is never readable, so no field can be related to it",
    "translate": "has one value, not one per language",
    "unique": "would tell whether a value is taken",
    "tracking": "would be written in the chatter",
    "aggregator": "cannot be aggregated",
    "group_expand": "cannot be grouped by",
}


def _check_secret(model: ModelDef, name: str, fdef: FieldDef) -> None:
    """A secret field is write-only text: what would hand its value out is refused."""
    attrs = fdef.attrs
    if attrs["type"] not in ("char", "text"):
        raise _fail(fdef, "secret", f"field '{name}' of '{model.name}': only char and text fields can be "
                                    f"secret, not {attrs['type']}")
    for attr, reason in SECRET_REFUSES.items():
        if attrs.get(attr):
            raise _fail(fdef, attr, f"field '{name}' of '{model.name}' is secret: it {reason} "
                                    f"(remove '{attr}')")
    if attrs.get("compute") and attrs.get("store"):
        raise _fail(fdef, "store", f"field '{name}' of '{model.name}' is secret: a stored computed value "
                                   "would be written from the cache, where it reads as '' (remove 'store')")
    for constraint in model.constraints:
        if name in (constraint.get("unique") or ()):
            src = constraint.get("_source")
            raise MetadataError(src.file if src else None, src.line if src else None,
                                f"constraint '{constraint['name']}' of '{model.name}': the secret field "
                                f"'{name}' cannot be unique (it would tell whether a value is taken)")


def _check_path(models: dict[str, ModelDef], model: ModelDef, fdef: FieldDef, path: str,
                attr: str) -> tuple[str, dict[str, Any]] | None:
    current = model
    parts = path.split(".")
    found: tuple[str, dict[str, Any]] | None = None
    for position, part in enumerate(parts):
        found = field_type(models, current, part)
        if found is None:
            raise _fail(
                fdef,
                attr,
                f"field '{fdef.name}' of '{model.name}': {attr} '{path}' names '{part}', but "
                f"{current.name} has no field '{part}'{_suggest(part, field_names(current))}",
            )
        if position < len(parts) - 1:
            if found[0] not in RELATIONAL:
                raise _fail(
                    fdef,
                    attr,
                    f"field '{fdef.name}' of '{model.name}': {attr} '{path}' goes through "
                    f"'{part}', which is a {found[0]}, not a relational field",
                )
            comodel = found[1].get("comodel_name")
            if comodel not in models:
                return None
            current = models[comodel]
    return found
