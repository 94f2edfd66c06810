"""References of a load (external ids, database ids, names) resolved up front in a few queries.

A file of 100,000 rows naming 100,000 external ids costs about a hundred queries here, not one per
cell; what is looked up once is answered from memory for every other row that names it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.exchange.cells import RowError, label
from core.fields.relational import Relational
from core.i18n import _

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.environment import Environment

CHUNK = 1000
IMPORT_MODULE = "__import__"


class Pending:
    """The record an earlier row of the same load creates; its id is known once that row is written."""

    __slots__ = ("position",)

    def __init__(self, position: int) -> None:
        self.position = position

    def __repr__(self) -> str:
        return f"Pending({self.position})"


def xmlid_key(text: str) -> tuple[str, str]:
    """``module.name`` → (module, name); a bare name belongs to ``__import__``, as in Odoo."""
    module, dot, name = text.strip().partition(".")
    return (module, name) if dot else (IMPORT_MODULE, module)


class References:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self.xmlids: dict[tuple[str, str], tuple[str, int] | None] = {}
        self.defined: dict[tuple[str, str], tuple[str, int]] = {}  # key → (model, position) of this load
        self.existing: dict[str, set[int]] = defaultdict(set)
        self.names: dict[tuple[str, str], int | None] = {}
        self.matches: dict[tuple[str, str], int] = {}
        self.warnings: list[tuple[str, str]] = []

    # -- external ids ----------------------------------------------------------------------
    def prefetch_xmlids(self, texts: Iterable[str]) -> None:
        """Look every external id up (a query per thousand), dropping those whose record is gone."""
        keys = {xmlid_key(text) for text in texts if text.strip()} - set(self.xmlids)
        if not keys or "ir.model.data" not in self.env.registry.models:
            self.xmlids.update(dict.fromkeys(keys))
            return
        table = self.env.registry.models["ir.model.data"]._table
        by_module: dict[str, list[str]] = defaultdict(list)
        for module, name in keys:
            by_module[module].append(name)
        found: dict[tuple[str, str], tuple[str, int]] = {}
        for module, names in by_module.items():
            for start in range(0, len(names), CHUNK):
                rows = self.env.cr.execute(
                    sa.select(table.c.name, table.c.model, table.c.res_id)
                    .where(table.c.module == module).where(table.c.name.in_(names[start:start + CHUNK])))
                found.update({(module, name): (model, res_id) for name, model, res_id in rows})
        by_model: dict[str, set[int]] = defaultdict(set)
        for model, res_id in found.values():
            by_model[model].add(res_id)
        for model, ids in by_model.items():
            self.prefetch_ids(model, ids)
        for key in keys:
            target = found.get(key)
            alive = target is not None and target[0] in self.env and target[1] in self.existing[target[0]]
            self.xmlids[key] = target if alive else None

    def define(self, text: str, model: str, position: int) -> None:
        """Row ``position`` of the load creates the record of external id ``text``."""
        self.defined.setdefault(xmlid_key(text), (model, position))

    def existing_xmlid(self, text: str, model: str) -> int | None:
        """The id of the ``model`` record an ``id`` cell names, or None when it is to be created."""
        target = self.xmlids.get(xmlid_key(text))
        if target is None:
            return None
        if target[0] != model:
            raise RowError(_("The external id '%(xmlid)s' belongs to a %(other)s record, not to a %(model)s "
                             "record.", xmlid=text.strip(), other=target[0], model=model), "id")
        return target[1]

    def xmlid(self, field: Relational, text: str, position: int) -> int | Pending:
        """The target of an external id in a ``field/id`` cell of the record at ``position``."""
        key = xmlid_key(text)
        target = self.xmlids.get(key)
        if target is not None and target[0] == field.comodel_name:
            return target[1]
        defined = self.defined.get(key)
        if target is None and defined is not None and defined[0] == field.comodel_name:
            if defined[1] < position:
                return Pending(defined[1])
            raise RowError(_("The external id '%(xmlid)s' in field '%(field)s' is created by a later row "
                             "(%(row)s) of this file: put the rows it refers to first.", xmlid=text.strip(),
                             field=label(field), row=defined[1]), field.name)
        raise RowError(_("No matching record found for external id '%(xmlid)s' in field '%(field)s'",
                         xmlid=text.strip(), field=label(field)), field.name,
                       possible_values("ir.model.data", [("model", "=", field.comodel_name)]))

    # -- database ids ----------------------------------------------------------------------
    def prefetch_ids(self, model: str, ids: Iterable[int]) -> None:
        todo = sorted(set(ids) - self.existing[model])
        if not todo or model not in self.env:
            return
        table = self.env[model]._table
        for start in range(0, len(todo), CHUNK):
            rows = self.env.cr.execute(sa.select(table.c.id).where(table.c.id.in_(todo[start:start + CHUNK])))
            self.existing[model].update(row[0] for row in rows)

    def dbid(self, field: Field | None, model: str, text: Any) -> int:
        """An existing database id of ``model`` given in a ``.id`` cell."""
        name = field.name if field else "id"
        try:
            record_id = int(str(text).strip())
        except ValueError:
            raise RowError(_("Invalid database id '%(value)s' for the field '%(field)s'", value=text,
                             field=label(field) if field else ".id"), name) from None
        if record_id not in self.existing[model]:
            raise RowError(_("No matching record found for database id '%(value)s' in field '%(field)s'",
                             value=record_id, field=label(field) if field else ".id"), name,
                           possible_values(model))
        return record_id

    # -- names -----------------------------------------------------------------------------
    def prefetch_names(self, field: Relational, names: set[str]) -> None:
        """Find the records named in a relational column: one exact search per thousand names, then the
        model's own name search (any case, other names such as an email) for the ones not found."""
        comodel = self.env[field.comodel_name]
        todo = sorted(n for n in names if (comodel._name, n) not in self.names)
        rec_name = comodel._rec_name_field()
        rec_field = comodel._fields.get(rec_name)
        if rec_field is not None and rec_field.store and rec_name != "id":
            for start in range(0, len(todo), CHUNK):
                chunk = todo[start:start + CHUNK]
                for record in comodel.search_fetch([(rec_name, "in", chunk)], [rec_name]):
                    key = (comodel._name, str(record[rec_name]))
                    self.matches[key] = self.matches.get(key, 0) + 1
                    self.names.setdefault(key, record.id)
        for name in todo:
            key = (comodel._name, name)
            if key in self.names:
                continue
            found = comodel._name_search(name, [], "=ilike", limit=2)
            self.names[key] = found[0] if found else None
            self.matches[key] = len(found)
        if self.env.context.get("name_create_enabled_fields", {}).get(field.name):
            for name in todo:
                if self.names[(comodel._name, name)] is None:
                    self.names[(comodel._name, name)] = comodel.name_create(name)[0]

    def name(self, field: Relational, text: str) -> int:
        key = (field.comodel_name, text)
        found = self.names.get(key)
        if found is None:
            raise RowError(_("No matching record found for name '%(name)s' in field '%(field)s'", name=text,
                             field=label(field)), field.name, possible_values(field.comodel_name))
        if self.matches.get(key, 1) > 1:
            self.warnings.append((_("Found multiple matches for value '%(value)s' in field '%(field)s'; the "
                                    "first one was used.", value=text, field=label(field)), field.name))
            self.matches[key] = 1  # warn once per name
        return found


def possible_values(model: str, domain: list[Any] | None = None) -> dict[str, Any]:
    """Odoo's ``moreinfo`` of a reference not found: the action listing the records it could name."""
    action: dict[str, Any] = {"name": _("Possible Values"), "type": "ir.actions.act_window", "target": "new",
                              "view_mode": "tree,form", "views": [[False, "list"], [False, "form"]],
                              "context": {"create": False}, "help": _("See all possible values"),
                              "res_model": model}
    if domain is not None:
        action["domain"] = domain
    return action
