"""Merge model documents of installed addons, in dependency order, into ModelDefs."""
from __future__ import annotations

from typing import Any

from core.exceptions import MetadataError
from core.loader.defs import MODEL_KEYS, FieldDef, ModelDef, Source
from core.loader.yaml_source import LocatedDict


def _lines(node: Any) -> dict[str, int]:
    return dict(node.key_lines) if isinstance(node, LocatedDict) else {}


def merge_document(models: dict[str, ModelDef], doc: dict[str, Any], addon: str) -> None:
    """Add one validated model document (``model:`` or ``inherit:``) to ``models``."""
    file, line = getattr(doc, "file", None), getattr(doc, "line", None)
    source = Source(file, line, addon)
    if "model" in doc:
        name = doc["model"]
        if name in models:
            first = models[name].sources[0]
            raise MetadataError(file, line, f"model '{name}' is already defined at {first}; "
                                            f"use 'inherit: {name}' to extend it")
        model_def = models[name] = ModelDef(name=name)
    else:
        name = doc["inherit"]
        if name not in models:
            raise MetadataError(file, line, f"cannot extend unknown model '{name}' (inherit): define it with "
                                            "'model:' or add the addon that defines it to depends")
        model_def = models[name]
    model_def.sources.append(source)
    key_lines = _lines(doc)
    for key in MODEL_KEYS:
        if key in doc:
            model_def.attrs[key] = doc[key]
            model_def.attr_sources[key] = Source(file, key_lines.get(key, line), addon)
    for mixin in doc.get("mixins", ()):
        if mixin not in model_def.mixins:
            model_def.mixins.append(mixin)
    fields = doc.get("fields") or {}
    field_lines = _lines(fields)
    for field_name, attrs in fields.items():
        _merge_field(model_def, field_name, attrs, Source(file, field_lines.get(field_name, line), addon))
    model_def.constraints.extend(
        dict(c, _source=Source(file, doc["constraints"].line_of(i), addon))
        for i, c in enumerate(doc.get("constraints") or ())
    )
    model_def.indexes.extend(
        dict(index, _source=Source(file, doc["indexes"].line_of(i), addon))
        for i, index in enumerate(doc.get("indexes") or ())
    )


def _merge_field(model_def: ModelDef, name: str, attrs: dict[str, Any], source: Source) -> None:
    """``source`` is where the field's key is written (its name's line)."""
    lines = _lines(attrs)
    field_line = source.line
    field_source = source
    existing = model_def.fields.get(name)
    if existing is None:
        if "selection_add" in attrs:
            raise MetadataError(source.file, lines.get("selection_add", field_line),
                                f"field '{name}': selection_add extends an existing selection field, "
                                f"but {model_def.name} has no field '{name}'")
        model_def.fields[name] = FieldDef(
            name=name, attrs=dict(attrs), sources=[field_source], attr_lines=lines
        )
        return
    if any(src.addon == source.addon and src.file == source.file for src in existing.sources):
        raise MetadataError(source.file, field_line, f"duplicate field '{name}' on model '{model_def.name}' "
                                                     f"(first declared at {existing.source})")
    if attrs["type"] != existing.type:
        raise MetadataError(source.file, lines.get("type", field_line),
                            f"field '{name}' of '{model_def.name}' is a {existing.type} (declared at "
                            f"{existing.source}); an extension cannot change it to {attrs['type']}")
    merged = dict(existing.attrs)
    for key, value in attrs.items():
        if key == "selection_add":
            if isinstance(merged.get("selection"), str):
                raise MetadataError(source.file, lines.get("selection_add", field_line),
                                    f"field '{name}' of '{model_def.name}': selection_add cannot extend the "
                                    f"options a method gives ({merged['selection']}); override the method")
            merged["selection"] = _add_selection(merged.get("selection") or [], value)
        else:
            merged[key] = value
    existing.attrs = merged
    existing.sources.append(field_source)
    existing.attr_lines.update(lines)


def _add_selection(current: list[list[str]], added: list[list[str]]) -> list[list[str]]:
    result = [list(item) for item in current]
    known = {item[0] for item in result}
    for value, label in added:
        if value in known:
            result = [[v, label if v == value else lab] for v, lab in result]
        else:
            result.append([value, label])
    return result


def apply_mixins(models: dict[str, ModelDef]) -> None:
    """Copy the fields of abstract mixins into the models that use them (explicitly or by flag)."""
    flagged = {
        md.attrs["enabled_by"]: md.name
        for md in models.values()
        if md.abstract and md.attrs.get("enabled_by")
    }
    for model_def in models.values():
        if model_def.abstract:
            continue
        for flag, mixin in flagged.items():
            if model_def.attrs.get(flag) and mixin not in model_def.mixins:
                model_def.mixins.append(mixin)
        for mixin_name in _expand_mixins(models, model_def):
            mixin_def = models[mixin_name]
            for fname, fdef in mixin_def.fields.items():
                if fname not in model_def.fields:
                    model_def.fields[fname] = FieldDef(fname, dict(fdef.attrs), list(fdef.sources),
                                                       dict(fdef.attr_lines))


def _expand_mixins(models: dict[str, ModelDef], model_def: ModelDef) -> list[str]:
    """The mixins of a model, including mixins of mixins, nearest first."""
    result: list[str] = []
    pending = list(model_def.mixins)
    while pending:
        name = pending.pop(0)
        if name in result:
            continue
        mixin = models.get(name)
        if mixin is None:
            file, line = model_def.where()
            raise MetadataError(file, line, f"model '{model_def.name}' uses unknown mixin '{name}'")
        if not mixin.abstract:
            file, line = model_def.where()
            raise MetadataError(file, line, f"model '{model_def.name}' uses '{name}' as a mixin, "
                                            "but it is not abstract")
        result.append(name)
        pending.extend(mixin.mixins)
    model_def.mixins = result
    return result
