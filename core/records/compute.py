"""Keeping stored computed fields right: which records a change affects, and recomputing them."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.db.sql import in_ids
from core.domain.compile import DomainCompiler
from core.fields.relational import Many2many, Many2one, One2many, Relational
from core.records.recordset import split_every

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.environment import Environment
    from core.records.model_part import ModelPart

# how often one field may be recomputed in one transaction step before we call it a cycle
MAX_RECOMPUTES_PER_FIELD = 50


_MISSING = object()


def modified_targets(model: ModelPart, fnames: Any, only_paths: bool = False, create: bool = False,
                      unlinking: bool = False) -> dict[Field, set[int]]:
    """Stored computed fields (and the ids) that depend on ``fnames`` of these records.

    ``only_paths``: the records reached through relations, before a write that may move these
    records elsewhere (only paths whose last step is the reverse of a written field can change).
    ``create``: the records are new: create computes their own fields, and nothing points at
    them through a many2one yet. ``unlinking``: the records are about to be deleted.
    """
    registry = model._registry
    targets: dict[Field, set[int]] = {}
    ids = [i for i in model._ids if isinstance(i, int)]
    if not ids:
        return targets
    # several changed fields often lead to the same path: look each path up once
    by_path: dict[tuple[str, str], list[Field]] = {}
    for fname in fnames:
        for target, path in registry.triggers.get((model._name, fname), ()):
            if path is None:
                if not only_paths and not create and target.model_name == model._name:
                    targets.setdefault(target, set()).update(ids)
                continue
            if path_is_relevant(model, target.model_name, path, fname, only_paths, create, unlinking):
                fields = by_path.setdefault((target.model_name, path), [])
                if target not in fields:
                    fields.append(target)
    for (model_name, path), fields in by_path.items():
        found = trigger_ids(model, model_name, path, ids)
        if found:
            for target in fields:
                targets.setdefault(target, set()).update(found)
    return targets


def path_is_relevant(
    model: ModelPart,
    model_name: str,
    path: str,
    fname: str,
    only_paths: bool,
    create: bool,
    unlinking: bool,
) -> bool:
    hops = model._registry.path_fields(model_name, path)
    last = hops[-1]
    if create:
        return not isinstance(last, Many2one)
    if unlinking:
        # records pointing here with ondelete restrict were refused already; cascaded ones disappear
        return not (
            len(hops) == 1 and isinstance(last, Many2one) and last.ondelete in ("restrict", "cascade")
        )
    if only_paths:
        return reverses(model, last, fname)
    return True


def reverses(model: ModelPart, hop: Field, fname: str) -> bool:
    """Whether writing ``fname`` on these records changes which records ``hop`` reaches them from."""
    if not isinstance(hop, Relational) or hop.comodel_name != model._name:
        return False
    if isinstance(hop, One2many):
        return hop.inverse_name == fname
    written = model._fields.get(fname)
    return isinstance(hop, Many2many) and written is not None and isinstance(written, Many2many) and \
        getattr(written, "relation", None) == hop.relation


def trigger_ids(target: ModelPart, model_name: str, path: str, ids: list[int]) -> set[int]:
    """Ids of ``model_name`` whose ``path`` reaches one of ``ids`` (records of this model)."""
    registry = target._registry
    fields = registry.path_fields(model_name, path)
    first = fields[0]
    if len(fields) == 1 and isinstance(first, One2many):
        inverse = target._fields.get(first.inverse_name)
        # (a res_id-style inverse holds ids of any model: the query below keeps this model's rows)
        if inverse is not None and inverse.column and not inverse.attrs.get("model_field"):
            # the records owning these lines are the lines' own many2one values
            return column_values(target, inverse, ids)
    if len(fields) == 1 and isinstance(first, Many2many):
        linked = linked_from_cache(target, first, ids)
        if linked is not None:
            return linked
    cr = target.env.cr
    compute_pending_fields(target, fields)
    if cr.state.towrite.has_any(fields):
        cr.flush()
    model = target.env[model_name].sudo().with_context(active_test=False)
    table = model._table
    condition = DomainCompiler(model, table).compile([(path, "in", ids)])
    return {row[0] for row in cr.execute(sa.select(table.c.id).where(condition))}


def linked_from_cache(model: ModelPart, hop: Many2many, ids: list[int]) -> set[int] | None:
    """Records linked to ``ids`` through the many2many ``hop``, read from the other side of its
    relation on these records when the cache holds it for all of them (else None)."""
    for field in model._fields.values():
        if isinstance(field, Many2many) and not field.computed and field.relation == hop.relation and \
                field.comodel_name == hop.model_name and not field.domain:
            values = model.env.cache.field_values(field)
            if all(i in values for i in ids):
                return {target for i in ids for target in values[i] or ()}
    return None


def column_values(records: ModelPart, field: Field, ids: list[int]) -> set[int]:
    """The non-empty values of a many2one column for ``ids``, from the cache when it has them."""
    values = records.env.cache.field_values(field)
    result = {values[i] for i in ids if i in values and values[i] is not None}
    missing = [i for i in ids if i not in values]
    if missing:
        cr = records.env.cr
        compute_pending_fields(records, (field,))
        if cr.state.towrite.has_any((field,)):
            cr.flush()
        table = records._table
        column = table.c[field.column_name]
        for chunk in split_every(missing, 10000):
            statement = (
                sa.select(column)
                .where(in_ids(table.c.id, chunk, cr.dialect))
                .where(column.is_not(None))
                .distinct()
            )
            result.update(row[0] for row in cr.execute(statement))
    return result


def mark_to_compute(records: ModelPart, targets: dict[Field, set[int]]) -> None:
    cr = records.env.cr
    tocompute = cr.state.tocompute
    for field, ids in targets.items():
        if not ids:
            continue
        tocompute.setdefault(field, set()).update(ids)
        records.env.cache.invalidate([field], ids)
        if cr.state.recompute_holds:
            forget_downstream(records, field)


def forget_downstream(records: ModelPart, field: Field) -> None:
    """In a hold, what follows from a pending field is only marked once that field is computed:
    the cached values that may follow from it are dropped (those still waiting for their column are
    written first), so that reading one goes through ``compute_pending_for``."""
    cr = records.env.cr
    targets = records._registry.downstream_computed.get(field, ())
    if cr.state.towrite.has_any(targets):
        cr.flush()
    cache, protected = cr.state.cache, cr.state.protected
    for target in targets:
        values = cache.field_values(target)
        computing = protected.get(target)  # values a compute method is assigning right now stay
        if computing:
            for record_id in [i for i in values if i not in computing]:
                del values[record_id]
        else:
            values.clear()


def modified(model: ModelPart, fnames: Any, before: dict[Field, set[int]] | None = None,
              create: bool = False) -> None:
    """Mark what depends on ``fnames`` of these records for recomputation, and drop stale caches."""
    targets = modified_targets(model, fnames, create=create)
    for field, ids in (before or {}).items():
        targets.setdefault(field, set()).update(ids)
    mark_to_compute(model, targets)
    invalidate_dependents(model, fnames)


def invalidate_dependents(records: ModelPart, fnames: Any) -> None:
    registry = records._registry
    cache = records.env.cache
    cache.invalidate(registry.unstored_computed)
    inverses = [f for name in fnames for f in registry.inverse_x2many.get((records._name, name), ())]
    if inverses:
        cache.invalidate(inverses)
    records.env.cr.state.prefetch.clear()


def recompute_pending(records: ModelPart) -> None:
    """Compute every pending stored computed field, following chains of dependencies."""
    cr = records.env.cr
    tocompute = cr.state.tocompute
    counts = cr.state.recomputed
    while tocompute:
        field = next(iter(tocompute))
        counts[field] += 1
        if counts[field] > MAX_RECOMPUTES_PER_FIELD:
            raise RecursionError(
                f"stored computed field {field} keeps being recomputed: its dependencies loop"
            )
        recompute_field(records, field, tocompute.pop(field))
    cr.state.queue_done()
    cr.flush()


def recompute_unless_held(records: ModelPart) -> None:
    """After a create, write or unlink: compute what it made pending, unless a hold
    (``Environment.holding_recompute``) gathers the work of several of them for its end."""
    if not records.env.cr.state.recompute_holds:
        recompute_pending(records)


@contextmanager
def holding_recompute(env: Environment) -> Iterator[None]:
    """Creates, writes and unlinks inside the block leave their stored computed fields pending; the
    outermost block computes each of them once, for every record waiting, when it ends. A read of a
    pending field, a search or a commit inside still computes what it needs first. An error leaves
    the work queued: a rollback drops it, anything else computes it before the next query."""
    state = env.cr.state
    state.recompute_holds += 1
    try:
        yield
    finally:
        state.recompute_holds -= 1
    if not state.recompute_holds:
        if state.tocompute:
            recompute_pending(env[next(iter(state.tocompute)).model_name])
        else:
            env.cr.flush()  # values computed by reads inside the block


def compute_pending_fields(model: ModelPart, fields: Any) -> None:
    """The pending ones of these stored computed ``fields`` (and the pending fields they follow
    from) get their values now, for SQL that is about to read their columns."""
    tocompute = model.env.cr.state.tocompute
    if not tocompute:
        return
    for field in fields:
        compute_upstream(model, field)
        ids = tocompute.pop(field, None)
        if ids:
            recompute_field(model, field, ids)


def compute_upstream(model: ModelPart, field: Field) -> None:
    """Compute the pending fields ``field`` follows from (a hold may leave a chain half done: the
    lines' subtotals pending, the order's total not marked yet), the most upstream first."""
    tocompute = model.env.cr.state.tocompute
    upstream = model._registry.upstream_computed.get(field)
    if not tocompute or not upstream:
        return
    upstream_of = model._registry.upstream_computed
    for _step in range(MAX_RECOMPUTES_PER_FIELD * max(1, len(upstream))):
        pending = [f for f in tocompute if f in upstream]
        if not pending:
            return
        first = next((f for f in pending if not any(g in tocompute for g in upstream_of.get(f, ()))),
                     pending[0])
        recompute_field(model, first, tocompute.pop(first))
    raise RecursionError(f"stored computed field {field} keeps being recomputed: its dependencies loop")


def recompute_field(model: ModelPart, field: Field, ids: set[Any]) -> None:
    """Compute ``field`` (and the fields its method also sets) on ``ids``; what changed is modified."""
    env, cr = model.env, model.env.cr
    records = env[field.model_name].sudo().with_context(active_test=False).browse(sorted(ids))
    if field.model_name in cr.state.unlinked:
        # a deleted record (or one its deletion cascaded to) may still be pending
        records = records.exists()
    if not records:
        return
    fields = records._fields_computed_by(field.compute) if field.compute else [field]
    tocompute = cr.state.tocompute
    for other in fields:
        if other is not field and other in tocompute:
            tocompute[other] -= set(records._ids)
            if not tocompute[other]:
                del tocompute[other]
    before = column_values_before(model, fields, records._ids)
    dirty = {f: cr.state.towrite.dirty_ids(f) & set(records._ids) for f in fields}
    cache = env.cache
    given = cr.state.given_computed
    # (a given value no longer cached was superseded: a write in a hold changed what it follows from)
    kept = {(f, i): cache.get(f, i) for f in fields for i in given.get(f, ())
            if i in before[f] and cache.contains(f, i)}
    cache.invalidate(fields, records._ids)
    records._compute_values(field, list(records._ids))
    for (f, i), value in kept.items():
        cache.set(f, i, value)
    changed = [f.name for f in fields if settle(model, f, records._ids, before[f], dirty[f])]
    if changed:
        modified(records, changed)


def column_values_before(model: ModelPart, fields: list[Field],
                          ids: tuple[Any, ...]) -> dict[Field, dict[Any, Any]]:
    """What each column holds now: the cached value, or NULL for records this transaction just
    inserted without a value; ``_MISSING`` when unknown."""
    cache, fresh = model.env.cache, model.env.cr.state.fresh_null
    before = {f: {i: cache.get(f, i, _MISSING) for i in ids} for f in fields}
    for f in fields:
        fresh_ids = fresh.get(f)
        if fresh_ids:
            for i in fresh_ids & set(ids):
                if before[f][i] is _MISSING:
                    before[f][i] = None
            # once computed, the column will hold the computed value, not NULL
            fresh_ids.difference_update(ids)
    return before


def settle(records: ModelPart, field: Field, ids: tuple[Any, ...], before: dict[Any, Any],
            dirty: set[Any]) -> bool:
    """Whether the computed values of ``field`` differ from the columns; equal ones are not written."""
    cache, towrite = records.env.cache, records.env.towrite
    differs = False
    for i in ids:
        new = cache.get(field, i)
        if before[i] is not _MISSING and new == before[i]:
            if i not in dirty:
                towrite.discard(field, i)  # the column already holds this value
        else:
            differs = True
    return differs


def flush_for_query(records: ModelPart) -> None:
    """Before SQL reads the tables: pending computations done, their values in the columns."""
    if records.env.cr.state.tocompute:
        recompute_pending(records)
    else:
        records.env.cr.flush()


def compute_pending_for(model: ModelPart, field: Field) -> bool:
    """If ``field`` is waiting to be recomputed for some of these records, compute it now (with
    every other record waiting for it, in one batch); whether anything was computed."""
    tocompute = model.env.cr.state.tocompute
    if not tocompute:
        return False
    compute_upstream(model, field)
    if field not in tocompute or not (tocompute[field] & set(model._ids)):
        return False
    recompute_field(model, field, tocompute.pop(field))
    return True
