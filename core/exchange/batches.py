"""Writing the converted records of a load: creates in batches of a thousand, updates only where a
value changed, external ids for what was created, and the exact row of whatever the database refuses."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError

from core.addon.xmlids import set_xmlids
from core.db.transaction import is_retryable
from core.exceptions import AccessError, UserError
from core.exchange.cells import RowError
from core.exchange.lines import LineMatcher, same_value
from core.exchange.references import Pending, xmlid_key
from core.i18n import _

if TYPE_CHECKING:
    from core.exchange.rows import LoadRecord, Reporter
    from core.records.model_part import ModelPart

BATCH = 1000


class _Undo(Exception):
    """Raised to roll a savepoint back on purpose."""


class BatchWriter:
    def __init__(self, model: ModelPart, reporter: Reporter, progress: Callable[[int], None] | None) -> None:
        self.model = model.with_context(import_file=True)
        self.env = self.model.env
        self.reporter = reporter
        self.progress = progress
        self.ids: dict[int, int] = {}  # record position → id

    def write(self, records: list[LoadRecord]) -> list[int]:
        """Ids of the records in file order (created or updated)."""
        batch: list[LoadRecord] = []
        waiting: set[int] = set()
        for record in records:
            if record.target is None and any(p.position in waiting for p in _pendings(record.vals)):
                self.flush(batch)
                batch, waiting = [], set()
            batch.append(record)
            if record.target is None:
                waiting.add(record.position)
            if len(batch) >= BATCH:
                self.flush(batch)
                batch, waiting = [], set()
        self.flush(batch)
        return [self.ids.get(record.position, 0) for record in records]

    # -- one batch -------------------------------------------------------------------------
    def flush(self, batch: list[LoadRecord]) -> None:
        if not batch:
            return
        self.attempt(batch)
        if self.progress:
            self.progress(batch[-1].last + 1)

    def attempt(self, batch: list[LoadRecord]) -> None:
        """Write the batch in a savepoint; when it fails, halve it until the failing rows are found."""
        try:
            with self.env.cr.savepoint():
                self.apply(batch)
        except (UserError, AccessError, DBAPIError, RowError) as problem:
            if isinstance(problem, DBAPIError) and is_retryable(problem):
                raise
            for record in batch:
                self.ids.pop(record.position, None)  # undone with the savepoint
            if len(batch) == 1:
                self.report(problem, batch[0].first, batch[0].last)
                return
            middle = len(batch) // 2
            self.attempt(batch[:middle])
            self.attempt(batch[middle:])

    def apply(self, batch: list[LoadRecord]) -> None:
        creates = [record for record in batch if record.target is None]
        if creates:
            created = self.model.create([self.resolve(record.vals) for record in creates])
            for record, record_id in zip(creates, created._ids):
                self.ids[record.position] = record_id
            self.assign_xmlids(creates)
            self.assign_line_xmlids(creates, {}, {})
        updates = [record for record in batch if record.target is not None]
        if updates:
            self.update(updates)

    def update(self, updates: list[LoadRecord]) -> None:
        target_ids = [self.resolve(record.target) for record in updates]
        targets = {record.id: record for record in self.model.browse(target_ids)}
        before: dict[int, dict[str, set[int]]] = {}
        line_xmlids: dict[int, dict[str, list[tuple[int, str]]]] = {}
        matched: dict[str, list[tuple[str, str, int, bool]]] = {}
        for record, target_id in zip(updates, target_ids):
            current = targets[target_id]
            matcher = LineMatcher(current)
            vals, line_xmlids[record.position] = matcher.match(self.resolve(record.vals), record.line_xmlids)
            before[record.position] = matcher.children
            for comodel, entry in matcher.xmlids:
                matched.setdefault(comodel, []).append(entry)
            changed = {name: value for name, value in vals.items() if not same_value(current, name, value)}
            if changed:
                current.write(changed)
            self.ids[record.position] = target_id
        self.assign_xmlids(updates)
        self.assign_line_xmlids(updates, before, line_xmlids)
        for comodel, entries in matched.items():
            set_xmlids(self.env, comodel, entries)

    def report(self, problem: Exception, first: int, last: int) -> None:
        if isinstance(problem, DBAPIError):
            message = str(problem.orig).strip().splitlines()[0] if problem.orig else str(problem)
            self.reporter.error(_("The database refused the row: %(reason)s", reason=message), None, first,
                                last)
        else:
            self.reporter.error(getattr(problem, "message", str(problem)), getattr(problem, "field", None),
                                first, last, moreinfo=getattr(problem, "moreinfo", None))

    # -- references to records of this load -----------------------------------------------
    def resolve(self, value: Any) -> Any:
        """``value`` with the ids of the records earlier rows created in place of their Pending marks."""
        if isinstance(value, Pending):
            found = self.ids.get(value.position)
            if not found:
                raise RowError(_("This row refers to the record of another row that could not be imported."),
                               None)
            return found
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.resolve(item) for item in value)
        return value

    # -- external ids ----------------------------------------------------------------------
    def assign_xmlids(self, records: list[LoadRecord]) -> None:
        entries = [(*xmlid_key(r.xmlid), self.ids[r.position], False) for r in records if r.xmlid]
        set_xmlids(self.env, self.model._name, entries)

    def assign_line_xmlids(self, records: list[LoadRecord], before: dict[int, dict[str, set[int]]],
                           adjusted: dict[int, dict[str, list[tuple[int, str]]]]) -> None:
        """Give one2many lines created with an unknown external id that id (new ids follow command order)."""
        wanted = [(record, adjusted.get(record.position, record.line_xmlids)) for record in records]
        wanted = [(record, pairs) for record, pairs in wanted if pairs]
        if not wanted:
            return
        owners = self.model.browse([self.ids[record.position] for record, _pairs in wanted])
        for name in {name for _record, pairs in wanted for name in pairs}:
            self.env.cache.invalidate([self.model._fields[name]], owners._ids)
        by_model: dict[str, list[tuple[str, str, int, bool]]] = {}
        for (record, pairs), owner in zip(wanted, owners):
            for name, positions in pairs.items():
                known = before.get(record.position, {}).get(name, set())
                new_ids = sorted(set(owner[name].ids) - known)
                comodel = self.model._fields[name].comodel_name
                for index, text in positions:
                    if index < len(new_ids):
                        by_model.setdefault(comodel, []).append((*xmlid_key(text), new_ids[index], False))
        for comodel, entries in by_model.items():
            set_xmlids(self.env, comodel, entries)


def _pendings(value: Any) -> list[Pending]:
    if isinstance(value, Pending):
        return [value]
    if isinstance(value, dict):
        return [p for item in value.values() for p in _pendings(item)]
    if isinstance(value, (list, tuple)):
        return [p for item in value for p in _pendings(item)]
    return []
