"""The registry of one database: models of the installed addons, their tables and classes."""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from core.addon.graph import resolve
from core.addon.manifest import Manifest, addons_paths, discover
from core.db.engine import database_name, make_engine, normalize_url
from core.fields.relational import Many2many, Many2one, Relational, X2many
from core.i18n import load_catalog_dirs
from core.loader.checks import check_models
from core.loader.defs import ModelDef
from core.loader.merge import apply_mixins, merge_document
from core.loader.validate import validate_document
from core.loader.yaml_source import load_yaml_documents
from core.records.environment import SUPERUSER_ID, Environment
from core.records.precompute import plan_precompute
from core.records.transaction_state import RecordCursor
from core.registry import classes, installed, tables
from core.registry.collector import release, settle
from core.registry.dependencies import build_inverses, build_triggers, build_upstream
from core.registry.signal_state import SignalState
from core.registry.watch import POLL_SECONDS, forget_watch

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel

_logger = logging.getLogger(__name__)


class Registry(SignalState):
    """Models, tables and classes built from the definitions of the installed addons."""

    _registries: dict[str, Registry] = {}
    _lock = threading.RLock()

    def __init__(self, url: str, engine: Engine | None = None, addons_path: Any = None) -> None:
        self.url = str(normalize_url(url).render_as_string(hide_password=False))
        self.db_name = database_name(url)
        self.engine = engine or make_engine(self.url)
        self.addons_path = addons_path
        self.models: dict[str, type[BaseModel]] = {}
        self.definitions: dict[str, ModelDef] = {}
        self.metadata = tables.new_metadata()
        self.manifests: dict[str, Manifest] = {}
        self.addons: list[str] = []
        self.missing_addons: list[str] = []
        self.registry_version = 0
        self.cache_version = 0
        self._signal_seen: Any = None  # the watch's generation when the signal was last read
        self._signal_read_at = 0.0
        self._mapped: dict[str, type] = {}
        self._schemas: dict[str, Any] = {}
        self.triggers: dict[tuple[str, str], list[Any]] = {}
        self.upstream_computed: dict[Field, frozenset[Field]] = {}
        self.downstream_computed: dict[Field, tuple[Field, ...]] = {}
        self.inverse_x2many: dict[tuple[str, str], list[Field]] = {}
        self.unstored_computed: list[Field] = []
        self.restrict_references: dict[str, list[Field]] = {}
        self.reference_cleanups: list[tuple[str, str, str]] = []
        self.python_constraints: dict[str, list[tuple[str, set[str], str | None]]] = {}
        self.constraint_messages: dict[str, str] = {}
        self.unique_constraints: dict[str, tuple[str, list[str]]] = {}
        self.precompute: dict[str, tuple[Field, ...]] = {}
        self._by_compute: dict[tuple[str, str], list[Field]] = {}
        self._path_fields: dict[tuple[str, str], tuple[Field, ...]] = {}
        self._deletion_reach: dict[str, frozenset[str]] = {}
        self._x2many_to: dict[str, list[Field]] = defaultdict(list)
        self.relations: dict[str, sa.Table] = {}
        from core.security.service import Security

        self.security = Security(self)

    # -- access ----------------------------------------------------------------------------
    @classmethod
    def get(cls, url: str, addons_path: Any = None) -> Registry:
        """The registry of ``url``, loaded once per process and rebuilt when another process changed it."""
        key = str(normalize_url(url).render_as_string(hide_password=False))
        with cls._lock:
            registry = cls._registries.get(key)
            # a folder given now that the loaded registry does not search: rebuild with it
            if registry is None or (addons_path and not set(addons_paths(addons_path)) <= set(
                    registry.search_paths())):
                registry = cls(key, addons_path=addons_path)
                registry.load_installed()
                cls._registries[key] = registry
                settle()
            return registry

    @classmethod
    def replace(cls, registry: Registry) -> None:
        with cls._lock:
            cls._registries[registry.url] = registry
            release()  # the registry replaced (an install, a custom field) may be collected

    @classmethod
    def loaded(cls) -> list[Registry]:
        """The registries this process holds."""
        with cls._lock:
            return list(cls._registries.values())

    @classmethod
    def forget(cls, url: str) -> None:
        key = str(normalize_url(url).render_as_string(hide_password=False))
        with cls._lock:
            registry = cls._registries.pop(key, None)
        if registry is not None:
            forget_watch(registry.engine)
            registry.engine.dispose()
            release()  # the forgotten registry's objects may be collected again

    def __getitem__(self, model_name: str) -> type[BaseModel]:
        return self.models[model_name]

    def __contains__(self, model_name: object) -> bool:
        return model_name in self.models

    @property
    def has_users(self) -> bool:
        return "res.users" in self.models

    def cursor(self, readonly: bool = False) -> RecordCursor:
        return RecordCursor(self, readonly=readonly)

    @contextmanager
    def environment(self, uid: int = SUPERUSER_ID, context: dict[str, Any] | None = None,
                    readonly: bool = False) -> Iterator[Environment]:
        """An environment in a new transaction, committed at the end of the block (rolled back on error)."""
        with self.cursor(readonly=readonly) as cr:
            yield Environment(cr, uid, context or {})

    # -- building --------------------------------------------------------------------------
    def installed_addons(self) -> list[str]:
        with self.engine.connect() as conn:
            return installed.installed_addons(conn)

    def load_installed(self) -> None:
        """Build the installed addons found on disk; those missing (and what needs them) are left out
        with a warning, listed in ``missing_addons``."""
        names = self.installed_addons()
        available = self.available_addons()
        usable, self.missing_addons = installed.loadable(names, available)
        if self.missing_addons:
            installed.warn_missing(self.db_name, self.missing_addons, self.search_paths())
        self.build(usable)
        self._read_signal_versions()

    def search_paths(self, connection: sa.Connection | None = None) -> list[Path]:
        """Folders searched for addons: the project's, ``ERP_ADDONS_PATH``, the registry's own, then
        those the database's installed addons were recorded from (read through ``connection`` when
        given: inside a transaction, a second connection would wait for it on SQLite)."""
        paths = addons_paths(self.addons_path)
        if connection is not None:
            recorded = installed.recorded_paths(connection)
        else:
            try:
                with self.engine.connect() as conn:
                    recorded = installed.recorded_paths(conn)
            except sa.exc.OperationalError:  # a database not created yet
                recorded = []
        return paths + [path for path in recorded if path not in paths]

    def available_addons(self, connection: sa.Connection | None = None) -> dict[str, Manifest]:
        return discover(self.search_paths(connection))

    def build(
        self, addon_names: list[str], custom: bool = True, connection: sa.Connection | None = None
    ) -> None:
        """Load the definitions of ``addon_names`` (and their dependencies) and build everything.

        Custom models and fields are read through ``connection`` when given: a transaction that is
        changing them sees its own rows (and SQLite would block a second connection's read).
        """
        available = self.available_addons(connection)
        self._extend_addon_packages(available)
        order = resolve(addon_names, available) if addon_names else []
        self.manifests = {name: available[name] for name in order}
        self.addons = order
        definitions: dict[str, ModelDef] = {}
        for name in order:
            for path in self.manifests[name].model_files:
                for doc in model_documents(path):
                    merge_document(definitions, doc, name)
        if custom and "ir.model.fields" in definitions:
            from core.registry.custom import merge_custom_definitions

            merge_custom_definitions(self, definitions, connection)
        apply_mixins(definitions)
        check_models(definitions)
        load_catalog_dirs(self.manifests[n].path / "i18n" for n in order)
        hooks = classes.import_hooks([self.manifests[n] for n in order])
        self._build_models(definitions, hooks)

    def _extend_addon_packages(self, available: dict[str, Manifest]) -> None:
        import importlib

        package = importlib.import_module("addons")
        for path in dict.fromkeys(manifest.path.parent for manifest in available.values()):
            if str(path) not in package.__path__:
                package.__path__.append(str(path))

    def _build_models(self, definitions: dict[str, ModelDef], hooks: dict[str, list[type]]) -> None:
        has_users = "res.users" in definitions
        self.definitions = definitions
        self.metadata = tables.new_metadata()
        models: dict[str, type[BaseModel]] = {}
        for name, model_def in definitions.items():
            fields = classes.build_fields(model_def, has_users)
            cls = classes.build_class(model_def, fields, hooks, model_def.mixins)
            cls._registry = self
            classes.check_methods(cls)
            models[name] = cls
        table_names = {name: d.table for name, d in definitions.items() if not d.abstract}
        self.relations = {}
        for cls in models.values():
            if cls._abstract:
                continue
            cls._table = tables.build_table(self.metadata, cls, table_names)
            tables.unique_field_constraints(cls, cls._table)
        for name, cls in models.items():
            if cls._abstract:
                continue
            for field in cls._fields.values():
                if isinstance(field, Many2many) and not field.computed:
                    field.setup_relation(table_names[name], table_names[field.comodel_name])
                    self.relations[field.relation] = tables.build_relation(
                        self.metadata, field, table_names[name], table_names[field.comodel_name])
        self.models = models
        self._index_dependencies()

    def _index_dependencies(self) -> None:
        models = self.models
        self.triggers = build_triggers(models)
        self.upstream_computed = build_upstream(models, self.triggers)
        downstream: dict[Field, list[Field]] = defaultdict(list)
        for target, sources in self.upstream_computed.items():
            for source in sources:
                downstream[source].append(target)
        self.downstream_computed = {source: tuple(targets) for source, targets in downstream.items()}
        self.inverse_x2many = build_inverses(models)
        self.precompute = plan_precompute(models)
        self.unstored_computed = [f for cls in models.values() for f in cls._fields.values()
                                  if f.computed and not f.store]
        self.restrict_references = defaultdict(list)
        self.reference_cleanups = []
        self.python_constraints = {}
        self.constraint_messages = {}
        self.unique_constraints = {}
        self._by_compute = {}
        self._path_fields = {}
        self._deletion_reach = {}
        self._x2many_to = defaultdict(list)
        for name, cls in models.items():
            for field in cls._fields.values():
                if field.compute:
                    self._by_compute.setdefault((name, field.compute), []).append(field)
                if cls._abstract:
                    continue
                if isinstance(field, Many2one) and field.column and field.ondelete == "restrict":
                    self.restrict_references[field.comodel_name].append(field)
                if isinstance(field, X2many):
                    self._x2many_to[field.comodel_name].append(field)
                model_field = field.attrs.get("model_field")
                if model_field and field.column:
                    self.reference_cleanups.append(
                        (name, cls._fields[model_field].column_name, field.column_name)
                    )
            if cls._abstract:
                continue
            for constraint in cls._def.constraints:
                table_name = cls._table.name
                constraint_name = tables._short(f"{table_name}_{constraint['name']}")
                message = constraint.get("message")
                if constraint.get("python"):
                    self.python_constraints.setdefault(name, []).append(
                        (constraint["python"], set(constraint["fields"]), message))
                    continue
                if message:
                    self.constraint_messages[constraint_name] = message
                if constraint.get("unique"):
                    columns = [cls._fields[f].column_name for f in constraint["unique"]]
                    self.unique_constraints[constraint_name] = (table_name, columns)

    # -- lookups used by the record API ----------------------------------------------------
    def fields_by_compute(self, model: str, method: str) -> list[Field]:
        return self._by_compute.get((model, method), [])

    def path_fields(self, model: str, path: str) -> tuple[Field, ...]:
        """The fields a dotted ``path`` goes through from ``model`` (paths checked at load time)."""
        key = (model, path)
        fields = self._path_fields.get(key)
        if fields is None:
            found: list[Field] = []
            current = self.models[model]
            for name in path.split("."):
                field = current._fields[name]
                found.append(field)
                if isinstance(field, Relational):
                    current = self.models[field.comodel_name]
            fields = self._path_fields[key] = tuple(found)
        return fields

    def deletion_reach(self, model: str) -> frozenset[str]:
        """``model`` and the models whose records its deletions may cascade to."""
        reach = self._deletion_reach.get(model)
        if reach is None:
            found, pending = {model}, [model]
            while pending:
                current = pending.pop()
                for name, cls in self.models.items():
                    if name in found or cls._abstract:
                        continue
                    if any(
                        isinstance(f, Many2one)
                        and f.column
                        and f.comodel_name == current
                        and f.ondelete == "cascade"
                        for f in cls._fields.values()
                    ):
                        found.add(name)
                        pending.append(name)
            reach = self._deletion_reach[model] = frozenset(found)
        return reach

    def x2many_to(self, model: str) -> list[Field]:
        return self._x2many_to.get(model, [])

    def relation_table(self, field: Many2many) -> sa.Table:
        return self.relations[field.relation]

    def mapped_class(self, model_name: str) -> type:
        """An ORM-mapped class of the model's table (for flask-admin and ad-hoc queries), built once."""
        if model_name not in self._mapped:
            from core.registry.mapping import map_model

            self._mapped[model_name] = map_model(self, model_name)
        return self._mapped[model_name]

    def schema(self, model_name: str) -> Any:
        """A marshmallow schema of the model's fields, built once."""
        if model_name not in self._schemas:
            from core.registry.schemas import build_schema

            self._schemas[model_name] = build_schema(self.models[model_name])
        return self._schemas[model_name]

    def check_signals(self) -> Registry:
        """The up-to-date registry: rebuilt if another process changed metadata; caches cleared
        if it changed access rights. The signal is read only when the watch says it may have changed
        (PostgreSQL notifications, SQLite file stamps), and at least every ``POLL_SECONDS``."""
        generation = self.signal_watch.generation()
        if generation is not None and generation == self._signal_seen \
                and time.monotonic() - self._signal_read_at < POLL_SECONDS:
            return self
        registry_version, cache_version = self.read_signals()
        if registry_version != self.registry_version:
            fresh = Registry(self.url, engine=self.engine, addons_path=self.addons_path)
            fresh.load_installed()
            Registry.replace(fresh)
            return fresh
        if cache_version != self.cache_version:
            self.security.clear()
            self.cache_version = cache_version
        # the generation was taken before the read: a change committed meanwhile shows in the next one
        self._signal_seen, self._signal_read_at = generation, time.monotonic()
        return self


_DOCUMENTS: dict[str, tuple[tuple[int, int], list[Any]]] = {}


def model_documents(path: Any) -> list[Any]:
    """The validated documents of a model file, parsed once while the file is unchanged (every
    install, upgrade and custom field rebuilds a registry from the same files)."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _DOCUMENTS.get(str(path))
    if cached is None or cached[0] != stamp:
        documents = load_yaml_documents(path)
        for document in documents:
            validate_document(document, "model")
        cached = _DOCUMENTS[str(path)] = (stamp, documents)
    return cached[1]

