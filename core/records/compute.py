"""Keeping stored computed fields right: which records a change affects, and recomputing them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel

MAX_ROUNDS = 100


class ComputeMixin:
    """Part of BaseModel: modified() and recompute()."""

    def _modified_targets(self: BaseModel, fnames: Any, only_paths: bool = False) -> dict[Field, set[int]]:
        """Stored computed fields (and the ids) that depend on ``fnames`` of these records."""
        registry = self._registry
        targets: dict[Field, set[int]] = {}
        ids = [i for i in self._ids if isinstance(i, int)]
        if not ids:
            return targets
        for fname in fnames:
            for target, path in registry.triggers.get((self._name, fname), ()):
                if path is None:
                    if not only_paths and target.model_name == self._name:
                        targets.setdefault(target, set()).update(ids)
                    continue
                model = self.env[target.model_name].sudo().with_context(active_test=False)
                found = model._search([(path, "in", ids)])
                if found:
                    targets.setdefault(target, set()).update(found)
        return targets

    def _mark_to_compute(self: BaseModel, targets: dict[Field, set[int]]) -> None:
        cr = self.env.cr
        tocompute = cr.data.setdefault("tocompute", {})
        for field, ids in targets.items():
            if not ids:
                continue
            tocompute.setdefault(field, set()).update(ids)
            self.env.cache.invalidate([field], ids)

    def _modified(self: BaseModel, fnames: Any, before: dict[Field, set[int]] | None = None) -> None:
        """Mark what depends on ``fnames`` of these records for recomputation, and drop stale caches."""
        targets = self._modified_targets(fnames)
        for field, ids in (before or {}).items():
            targets.setdefault(field, set()).update(ids)
        self._mark_to_compute(targets)
        self._invalidate_dependents(fnames)

    def _invalidate_dependents(self: BaseModel, fnames: Any) -> None:
        registry = self._registry
        cache = self.env.cache
        cache.invalidate(registry.unstored_computed)
        inverses = [f for name in fnames for f in registry.inverse_x2many.get((self._name, name), ())]
        if inverses:
            cache.invalidate(inverses)
        self.env.cr.prefetch_cache.clear()

    def _recompute_pending(self: BaseModel) -> None:
        """Compute every pending stored computed field, following chains of dependencies."""
        env = self.env
        tocompute: dict[Field, set[int]] = env.cr.data.get("tocompute") or {}
        rounds = 0
        while tocompute:
            rounds += 1
            if rounds > MAX_ROUNDS:
                raise RecursionError("stored computed fields keep triggering each other")
            field = next(iter(tocompute))
            ids = tocompute.pop(field)
            records = env[field.model_name].sudo().with_context(active_test=False).browse(sorted(ids)).exists()
            if not records:
                continue
            fields = records._fields_computed_by(field.compute) if field.compute else [field]
            for other in fields:
                if other is not field and other in tocompute:
                    tocompute[other] -= set(records._ids)
                    if not tocompute[other]:
                        del tocompute[other]
            before = {f: {i: env.cache.get(f, i, _MISSING) for i in records._ids} for f in fields}
            env.cache.invalidate(fields, records._ids)
            records._compute_values(field, list(records._ids))
            changed = [f.name for f in fields
                       if any(env.cache.get(f, i) != before[f].get(i) for i in records._ids)]
            if changed:
                records._modified(changed)
        env.cr.flush()

    def _compute_pending_for(self: BaseModel, field: Field) -> bool:
        """If ``field`` is waiting to be recomputed for some of these records, compute it now."""
        tocompute = self.env.cr.data.get("tocompute")
        if not tocompute or field not in tocompute:
            return False
        pending = tocompute[field] & set(self._ids)
        if not pending:
            return False
        tocompute[field] -= pending
        if not tocompute[field]:
            del tocompute[field]
        self.sudo().browse(sorted(pending))._compute_values(field, sorted(pending))
        return True


_MISSING = object()
