"""What depends on what: triggers of stored computed fields, inverse caches, restrict checks."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from core.fields.relational import Many2many, One2many, Relational

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel

Trigger = tuple["Field", "str | None"]


def build_triggers(models: dict[str, type[BaseModel]]) -> dict[tuple[str, str], list[Trigger]]:
    """(model, field) → [(stored computed field to recompute, path from it to the changed records)]."""
    triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for model in models.values():
        if model._abstract:
            continue
        for field in model._fields.values():
            if field.computed and field.store:
                for dependency in field.depends:
                    _add_path(models, model, field, dependency.split("."), [], triggers, set())
    return dict(triggers)


def build_upstream(models: dict[str, type[BaseModel]],
                   triggers: dict[tuple[str, str], list[Trigger]]) -> dict[Field, frozenset[Field]]:
    """Stored computed field → the stored computed fields its value follows from, directly or
    through others (a pending one of them must be computed before it is read)."""
    direct: dict[Field, set[Field]] = defaultdict(set)
    for (model_name, name), entries in triggers.items():
        model = models.get(model_name)
        source = model._fields.get(name) if model is not None else None
        if source is None or not (source.computed and source.store):
            continue
        for target, _path in entries:
            if target is not source:
                direct[target].add(source)
    upstream: dict[Field, frozenset[Field]] = {}
    for target in direct:
        found: set[Field] = set()
        todo = list(direct[target])
        while todo:
            field = todo.pop()
            if field not in found:
                found.add(field)
                todo.extend(direct.get(field, ()))
        found.discard(target)
        upstream[target] = frozenset(found)
    return upstream


def _add_path(
    models: dict[str, type[BaseModel]],
    model: type[BaseModel],
    target: Field,
    names: list[str],
    prefix: list[str],
    triggers: dict[tuple[str, str], list[Trigger]],
    seen: set[tuple[str, str]],
) -> None:
    current = model
    path = list(prefix)
    for position, name in enumerate(names):
        field = current._fields.get(name)
        if field is None:
            return
        key = (current._name, name)
        entry = (target, ".".join(path) or None)
        if entry not in triggers[key]:
            triggers[key].append(entry)
        if isinstance(field, One2many):
            inverse_entry = (target, ".".join(path + [name]))
            inverse_key = (field.comodel_name, field.inverse_name)
            if inverse_entry not in triggers[inverse_key]:
                triggers[inverse_key].append(inverse_entry)
        elif isinstance(field, Many2many) and field.comodel_name in models:
            # links written from the other side of the relation table change this side too
            inverse_entry = (target, ".".join(path + [name]))
            for other in models[field.comodel_name]._fields.values():
                if other is not field and isinstance(other, Many2many) and not other.computed and \
                        other.relation == field.relation and inverse_entry not in triggers[(other.model_name,
                                                                                            other.name)]:
                    triggers[(other.model_name, other.name)].append(inverse_entry)
        if field.computed and not field.store and (current._name, name) not in seen:
            # an unstored computed field in the path: depend on what it depends on
            seen = seen | {(current._name, name)}
            for dependency in field.depends:
                _add_path(models, current, target, dependency.split("."), path, triggers, seen)
        if position < len(names) - 1:
            if not isinstance(field, Relational) or field.comodel_name not in models:
                return
            path.append(name)
            current = models[field.comodel_name]


def build_inverses(models: dict[str, type[BaseModel]]) -> dict[tuple[str, str], list[Field]]:
    """(comodel, many2one) → one2many fields whose cache a change of that many2one makes stale."""
    inverses: dict[tuple[str, str], list[Field]] = defaultdict(list)
    relations: dict[str, list[Field]] = defaultdict(list)
    for model in models.values():
        for field in model._fields.values():
            if isinstance(field, One2many):
                inverses[(field.comodel_name, field.inverse_name)].append(field)
            elif isinstance(field, Many2many) and not field.computed:
                relations[field.relation].append(field)
    # both sides of a many2many share a relation table: writing one makes the other stale
    for fields in relations.values():
        for field in fields:
            inverses[(field.model_name, field.name)].extend(other for other in fields if other is not field)
    return dict(inverses)
