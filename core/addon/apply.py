"""One pipeline applies definitions to a database, whatever changed them.

Installing, upgrading and uninstalling addons, and custom models and fields changed from the
interface, all run the same steps (``Application.run``):

1. build a fresh registry from the definitions (the registry is a pure builder: definitions in,
   tables and classes out);
2. migrate the schema to it (alembic compare → plan → apply, destructive changes refused unless
   allowed or their data was saved);
3. in a transaction: reflect it into ``ir.model``/``ir.model.fields``, with the operation's own work
   before (install hooks) and after (data files);
4. publish it: signal the other processes, and serve it in this one once the transaction commits.

Addon operations (``AddonApplication``) migrate on a connection of their own and open a transaction
for the data; a custom change (``LiveApplication``) runs inside the transaction that wrote the rows
of ``ir.model``/``ir.model.fields``, so a refused change leaves neither rows nor tables behind.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.addon.reflect import reflect_models
from core.exceptions import MetadataError, ValidationError
from core.i18n import _
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry
from core.registry.signals import bump_signal
from core.schema.apply import apply_changes, log_changes, schema_connection, sync_schema

if TYPE_CHECKING:
    from core.schema.diff import Change

_logger = logging.getLogger(__name__)
Progress = Callable[[str], None]
INSTALL_CONTEXT = {"lang": "en_US", "install_mode": True, "tracking_disable": True}
# what SQLite can do inside a transaction with foreign keys on; the rest rebuilds tables after commit
SQLITE_IN_TRANSACTION = frozenset({"add_table", "add_column", "add_index", "remove_index"})


def build_registry(current: Registry, addons: list[str], connection: sa.Connection | None = None) -> Registry:
    """A new registry of ``addons`` (and the custom definitions ``connection`` sees) for the database
    of ``current``, which is left untouched."""
    fresh = Registry(current.url, engine=current.engine, addons_path=current.addons_path)
    fresh.build(addons, connection=connection)
    return fresh


class Application:
    """The steps of applying definitions; subclasses say where and how each one runs."""

    def __init__(self, current: Registry, addons: list[str], reason: str) -> None:
        self.current, self.addons, self.reason = current, addons, reason

    def run(self) -> Registry:
        fresh = self.build()
        self.migrate(fresh)
        with self.transaction(fresh) as env:
            self.before_reflect(env, fresh)
            reflect_models(env(context={**env.context, "install_mode": True}), only=self.reflected(fresh))
            self.after_reflect(env, fresh)
            self.signal(env, fresh)
        return self.publish(fresh)

    def build(self) -> Registry:
        return build_registry(self.current, self.addons)

    def migrate(self, fresh: Registry) -> None:
        raise NotImplementedError

    def transaction(self, fresh: Registry) -> Any:
        """A context manager giving the environment the rest of the steps run in."""
        raise NotImplementedError

    def reflected(self, fresh: Registry) -> set[str] | None:
        """The models whose ``ir.*`` rows to refresh (None: all)."""
        return None

    def before_reflect(self, env: Environment, fresh: Registry) -> None:
        """The operation's work on the migrated schema, before reflection."""

    def after_reflect(self, env: Environment, fresh: Registry) -> None:
        """The operation's work once the registry is reflected (data files)."""

    def signal(self, env: Environment, fresh: Registry) -> None:
        fresh.signal_changes(env.cr, registry=True)

    def publish(self, fresh: Registry) -> Registry:
        fresh._read_signal_versions()
        Registry.replace(fresh)
        return fresh


class AddonApplication(Application):
    """Install, upgrade or uninstall: the schema migrates on its own connection, the data goes in one
    transaction, and the registry is published once it commits."""

    def __init__(self, current: Registry, addons: list[str], reason: str, allow_destructive: bool = False,
                 progress: Progress | None = None) -> None:
        super().__init__(current, addons, reason)
        self.allow_destructive, self.progress = allow_destructive, progress

    def prepare(self, fresh: Registry) -> None:
        """Before the schema moves: checks of the new definitions, removals with the old registry."""

    def tables_to_drop(self, fresh: Registry) -> set[str]:
        return set()

    def schema_label(self) -> str:
        return "schema"

    def migrate(self, fresh: Registry) -> None:
        self.prepare(fresh)
        if self.progress:
            self.progress(self.schema_label())
        sync_schema(fresh, allow_destructive=self.allow_destructive, drop_tables=self.tables_to_drop(fresh),
                    reason=self.reason)

    @contextmanager
    def transaction(self, fresh: Registry) -> Iterator[Environment]:
        with fresh.cursor() as cr:
            yield Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)


# -- custom models and fields, live ---------------------------------------------------------------
class LiveApplication(Application):
    """The custom definitions a transaction wrote take effect inside it: new registry, migrated tables
    (those the change touches), reflected rows; the process adopts the registry when the transaction
    commits, other processes reload through the registry signal. SQLite cannot alter most things
    inside a transaction with foreign keys on, so there the table rebuilds run right after the commit.
    """

    def __init__(self, env: Environment, reason: str, allow_destructive: bool = False,
                 saved: set[tuple[str, str | None]] | None = None) -> None:
        super().__init__(env.cr.registry, env.cr.registry.addons, reason)
        self.env, self.allow_destructive, self.saved = env, allow_destructive, saved or set()
        self.tables: set[str] = set()
        self.dropped: set[str] = set()
        self.later: set[str] = set()

    def build(self) -> Registry:
        cr = self.env.cr
        self.env.flush()
        # first the signal: its row lock makes concurrent custom changes wait for each other (PostgreSQL)
        bump_signal(cr, "registry")
        bump_signal(cr, "cache")
        try:
            return build_registry(self.current, self.addons, connection=cr.connection)
        except MetadataError as error:
            raise ValidationError(_("The custom definition is not valid: %(reason)s", reason=error.reason),
                                  ) from None

    def migrate(self, fresh: Registry) -> None:
        cr = self.env.cr
        self.tables, self.dropped = touched_tables(self.current, fresh)
        changes = planned_changes(cr.connection, fresh, self.tables, self.dropped)
        saved = self.saved
        refused = [change for change in changes if change.destructive
                   and (change.table, change.column) not in saved and (change.table, None) not in saved]
        if refused and not self.allow_destructive:
            raise ValidationError(_("This change would delete data (%(changes)s). Delete the data first, or "
                                    "confirm with allow_destructive in the context.",
                                    changes="; ".join(change.describe() for change in refused)))
        now = changes if cr.dialect != "sqlite" else \
            [c for c in changes if c.operation in SQLITE_IN_TRANSACTION]
        apply_changes(cr.connection, fresh, now)
        log_changes(cr.connection, now, self.reason)
        self.later = {c.table for c in changes if c not in now}

    @contextmanager
    def transaction(self, fresh: Registry) -> Iterator[Environment]:
        cr = self.env.cr
        rows = dict(cr.execute(sa.text("SELECT name, version FROM ir_registry_signal")).all())
        fresh.registry_version, fresh.cache_version = int(rows["registry"]), int(rows["cache"])
        self.env.invalidate_all()
        _adopt(cr, fresh, self.later, self.dropped)
        self.current.security.clear()
        yield self.env

    def reflected(self, fresh: Registry) -> set[str]:
        changed = {name for name, cls in fresh.models.items()
                   if not cls._abstract and cls._table.name in self.tables}
        return changed | {name for name in self.current.models if name not in fresh.models}

    def signal(self, env: Environment, fresh: Registry) -> None:
        """Signalled first, in ``build`` (the lock orders concurrent changes)."""

    def publish(self, fresh: Registry) -> Registry:
        """Published when the transaction commits (``_adopt``)."""
        return fresh


def touched_tables(old: Registry, fresh: Registry) -> tuple[set[str], set[str]]:
    """Tables whose shape differs between two registries, and the tables only ``old`` has."""
    def shape(table: sa.Table) -> tuple[Any, ...]:
        columns = sorted((c.name, str(c.type), tuple(sorted(fk.target_fullname for fk in c.foreign_keys)))
                         for c in table.columns)
        return tuple(columns), tuple(sorted(str(i.name) for i in table.indexes))

    before, after = old.metadata.tables, fresh.metadata.tables
    touched = {name for name, table in after.items()
               if name not in before or shape(before[name]) != shape(table)}
    dropped = {name for name in before if name not in after}
    return touched | dropped, dropped


def planned_changes(conn: sa.Connection, registry: Registry, tables: set[str],
                    dropped: set[str]) -> list[Change]:
    from core.schema.diff import raw_diffs
    from core.schema.plan import plan

    if not tables:
        return []
    diffs = raw_diffs(conn, registry, dropped, only=tables)
    return [change for change in plan(conn, registry, diffs) if change.table in tables]


def _adopt(cr: Any, fresh: Registry, later: set[str], dropped: set[str]) -> None:
    """``fresh`` serves the rest of the transaction, and the process after the commit."""
    state = cr.data.get("custom_registry")
    if state is None:
        original = cr.registry
        state = cr.data["custom_registry"] = {"later": set(), "dropped": set()}

        def restore() -> None:
            cr.registry = original

        def publish() -> None:
            _finish_after_commit(cr.registry, state["later"], state["dropped"])

        cr.postrollback.append(restore)
        cr.postcommit.append(publish)
    state["later"] |= later
    state["dropped"] |= dropped
    cr.registry = fresh


def _finish_after_commit(registry: Registry, later: set[str], dropped: set[str]) -> None:
    if later:
        try:
            with schema_connection(registry) as conn:
                changes = planned_changes(conn, registry, later, dropped)
                apply_changes(conn, registry, changes)
                log_changes(conn, changes, "custom fields (table rebuild)")
        except Exception:
            _logger.exception("completing the tables %s after a custom change failed; run 'erp upgrade base' "
                              "to retry", ", ".join(sorted(later)))
    Registry.replace(registry)


@contextmanager
def custom_change(env: Environment, reason: str, allow_destructive: bool = False) -> Iterator[None]:
    """Rows of custom models and fields written inside the block take effect when it ends.

    Nested blocks (a custom model created with its fields) apply once, at the outermost end; the
    whole block runs in a savepoint, so a refused change leaves neither rows nor tables behind.
    Columns and tables whose values were saved first (``saved_before_removal``) may go with their data.
    """
    data = env.cr.data
    if data.get("custom_depth"):
        data["custom_depth"] += 1
        try:
            yield
        finally:
            data["custom_depth"] -= 1
        return
    data["custom_depth"] = 1
    data["custom_saved"] = set()
    try:
        with env.cr.savepoint():
            yield
            apply_custom_changes(env, reason, allow_destructive, saved=data["custom_saved"])
    finally:
        data["custom_depth"] = 0
        data.pop("custom_saved", None)


def saved_before_removal(env: Environment, targets: set[tuple[str, str | None]]) -> None:
    """Inside ``custom_change``: the values of these (table, column) - (table, None) for a whole table -
    are saved, so the change may drop them."""
    env.cr.data.setdefault("custom_saved", set()).update(targets)


def apply_custom_changes(env: Environment, reason: str, allow_destructive: bool = False,
                         saved: set[tuple[str, str | None]] | None = None) -> Registry:
    """Make the custom definitions the transaction sees effective (``LiveApplication``).

    Raises ValidationError (and changes no table) for an inconsistent definition, or for a change
    that would drop data unless ``allow_destructive`` or its values are ``saved`` (by table and column).
    """
    return LiveApplication(env, reason, allow_destructive, saved).run()
