"""Custom models and fields created at runtime (``state = 'manual'`` rows of ir.model and
ir.model.fields, ``x_`` names): merged into the definitions after every addon's, and applied live.

Applying a change builds a new registry from the rows the transaction sees, migrates the tables
it touches through the same alembic plan as installs, and makes it the transaction's registry.
The process adopts it when the transaction commits; other processes reload through the registry
signal. SQLite cannot alter most things inside a transaction with foreign keys on, so there the
changes that need a table rebuild run right after the commit.
"""
from __future__ import annotations

import ast
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.exceptions import MetadataError, ValidationError
from core.i18n import _
from core.loader.defs import FieldDef, ModelDef, Source

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.registry.registry import Registry
    from core.schema.diff import Change

_logger = logging.getLogger(__name__)
CUSTOM = "__custom__"
# what SQLite can do inside a transaction with foreign keys on; the rest rebuilds tables after commit
SQLITE_IN_TRANSACTION = frozenset({"add_table", "add_column", "add_index", "remove_index"})
FIELD_COLUMNS = ("name", "model", "ttype", "field_description", "help", "required", "readonly", "index",
                 "translate", "related", "currency_field", "copied", "tracking", "size", "relation",
                 "on_delete", "relation_field", "relation_table", "column1", "column2", "selection", "domain",
                 "groups")


def parse_selection(text: Any) -> list[list[str]]:
    """Selection values as stored: JSON, Odoo's Python literal, or one ``value:Label`` per line."""
    if not text:
        return []
    if isinstance(text, (list, tuple)):
        return [[str(v), str(label)] for v, label in text]
    text = str(text).strip()
    for parser in (json.loads, ast.literal_eval):
        try:
            value = parser(text)
        except (ValueError, SyntaxError, TypeError):
            continue
        if isinstance(value, (list, tuple)) and all(isinstance(i, (list, tuple)) and len(i) == 2
                                                    for i in value):
            return [[str(v), str(label)] for v, label in value]
    result = []
    for line in text.splitlines():
        if line.strip():
            value, _colon, label = line.partition(":")
            result.append([value.strip(), (label or value).strip()])
    return result


def field_attrs(row: dict[str, Any]) -> dict[str, Any]:
    """Definition attributes of a custom field row (Odoo's column names → metadata keys)."""
    attrs: dict[str, Any] = {"type": row["ttype"], "string": row["field_description"] or row["name"],
                             "manual": True}
    for key in ("help", "required", "readonly", "index", "translate", "related", "currency_field", "groups"):
        if row.get(key):
            attrs[key] = row[key]
    if row.get("copied") is False or row.get("copied") == 0:
        attrs["copy"] = False
    if row.get("tracking"):
        attrs["tracking"] = True
    if row["ttype"] == "char" and row.get("size"):
        attrs["size"] = int(row["size"])
    if row["ttype"] in ("many2one", "one2many", "many2many"):
        attrs["comodel_name"] = row["relation"]
    if row["ttype"] == "many2one":
        attrs["ondelete"] = row.get("on_delete") or "set null"
    if row["ttype"] == "one2many":
        attrs["inverse_name"] = row["relation_field"]
    if row["ttype"] == "many2many":
        for key in ("relation_table", "column1", "column2"):
            if row.get(key):
                attrs["relation" if key == "relation_table" else key] = row[key]
    if row["ttype"] == "selection":
        attrs["selection"] = parse_selection(row.get("selection"))
    if row.get("related"):
        attrs.pop("required", None)
        attrs["store"] = False
    if row.get("domain") and row["domain"] not in ("[]", ""):
        try:
            attrs["domain"] = list(ast.literal_eval(row["domain"]))
        except (ValueError, SyntaxError):
            _logger.warning("custom field %s.%s: domain %r ignored", row["model"], row["name"], row["domain"])
    return attrs


def _plain_text(value: Any) -> Any:
    """A translated column's value in English (stored as JSON)."""
    if isinstance(value, str) and (value.startswith("{") or value == "null"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return value.get("en_US") or next(iter(value.values()), "")
    return value


def merge_custom_definitions(registry: Registry, definitions: dict[str, ModelDef],
                             connection: sa.Connection | None = None) -> None:
    """Add the custom models and fields stored in the database to ``definitions``."""
    if connection is None:
        with registry.engine.connect() as conn:
            _merge(conn, definitions)
    else:
        _merge(connection, definitions)


def _merge(conn: sa.Connection, definitions: dict[str, ModelDef]) -> None:
    inspector = sa.inspect(conn)
    if not inspector.has_table("ir_model_fields") or not inspector.has_table("ir_model"):
        return
    models = conn.execute(sa.text("SELECT model, name, \"order\", is_mail_thread FROM ir_model "
                                  "WHERE state = 'manual' ORDER BY id")).mappings().all()
    for row in models:
        if row["model"] in definitions:
            continue
        model_def = ModelDef(name=row["model"], manual=True)
        model_def.attrs["description"] = _plain_text(row["name"]) or row["model"]
        if row["is_mail_thread"]:
            model_def.attrs["chatter"] = True
        model_def.sources.append(Source("database", None, CUSTOM))
        definitions[row["model"]] = model_def
    quoted = ", ".join(f'"{c}"' for c in FIELD_COLUMNS)
    query = f"SELECT {quoted} FROM ir_model_fields WHERE state = 'manual' ORDER BY id"
    rows = conn.execute(sa.text(query)).mappings()
    for row in rows:
        row = dict(row)
        row["field_description"] = _plain_text(row.get("field_description"))
        row["help"] = _plain_text(row.get("help"))
        model_def = definitions.get(row["model"])
        if model_def is None:
            _logger.warning("custom field %s.%s skipped: model not loaded", row["model"], row["name"])
            continue
        if row["ttype"] in ("many2one", "one2many", "many2many") and row["relation"] not in definitions:
            _logger.warning("custom field %s.%s skipped: model %s not loaded", row["model"], row["name"],
                            row["relation"])
            continue
        if row["name"] in model_def.fields:
            continue
        source = Source("database", None, CUSTOM)
        model_def.fields[row["name"]] = FieldDef(row["name"], field_attrs(row), [source])
    for model_def in definitions.values():
        if model_def.manual:
            _finish_custom_model(model_def, models)


def _finish_custom_model(model_def: ModelDef, rows: Any) -> None:
    if "x_name" in model_def.fields:
        model_def.attrs.setdefault("rec_name", "x_name")
    order = next((row["order"] for row in rows if row["model"] == model_def.name), None)
    names = set(model_def.fields) | {"id", "create_date", "write_date"}
    if order and all(part.split()[0] in names for part in order.split(",") if part.strip()):
        model_def.attrs["order"] = order


# -- applying changes live ----------------------------------------------------------------------
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
    """Make the custom definitions the transaction sees effective: new registry, migrated tables.

    Raises ValidationError (and changes no table) for an inconsistent definition, or for a change
    that would drop data unless ``allow_destructive`` or its values are ``saved`` (by table and column).
    """
    from core.registry.registry import Registry, bump_signal
    from core.schema.apply import apply_changes, log_changes

    cr = env.cr
    old = cr.registry
    env.flush()
    # first the signal: its row lock makes concurrent custom changes wait for each other (PostgreSQL)
    bump_signal(cr, "registry")
    bump_signal(cr, "cache")
    fresh = Registry(old.url, engine=old.engine, addons_path=old.addons_path)
    try:
        fresh.build(old.addons, connection=cr.connection)
    except MetadataError as error:
        raise ValidationError(_("The custom definition is not valid: %(reason)s", reason=error.reason),
                              ) from None
    tables, dropped = touched_tables(old, fresh)
    changes = _planned(cr.connection, fresh, tables, dropped)
    saved = saved or set()
    refused = [change for change in changes if change.destructive
               and (change.table, change.column) not in saved and (change.table, None) not in saved]
    if refused and not allow_destructive:
        raise ValidationError(_("This change would delete data (%(changes)s). Delete the data first, or "
                                "confirm with allow_destructive in the context.",
                                changes="; ".join(change.describe() for change in refused)))
    now = changes if cr.dialect != "sqlite" else [c for c in changes if c.operation in SQLITE_IN_TRANSACTION]
    apply_changes(cr.connection, fresh, now)
    log_changes(cr.connection, now, reason)
    rows = dict(cr.execute(sa.text("SELECT name, version FROM ir_registry_signal")).all())
    fresh.registry_version, fresh.cache_version = int(rows["registry"]), int(rows["cache"])
    env.invalidate_all()
    _adopt(cr, fresh, {c.table for c in changes if c not in now}, dropped)
    old.security.clear()
    from core.addon.reflect import reflect_models

    changed = {name for name, cls in fresh.models.items() if not cls._abstract and cls._table.name in tables}
    changed |= {name for name, cls in old.models.items() if name not in fresh.models}
    reflect_models(env(context={**env.context, "install_mode": True}), only=changed)
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


def _planned(conn: sa.Connection, registry: Registry, tables: set[str], dropped: set[str]) -> list[Change]:
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
    from core.registry.registry import Registry
    from core.schema.apply import apply_changes, log_changes, schema_connection

    if later:
        try:
            with schema_connection(registry) as conn:
                changes = _planned(conn, registry, later, dropped)
                apply_changes(conn, registry, changes)
                log_changes(conn, changes, "custom fields (table rebuild)")
        except Exception:
            _logger.exception("completing the tables %s after a custom change failed; run 'erp upgrade base' "
                              "to retry", ", ".join(sorted(later)))
    Registry.replace(registry)
