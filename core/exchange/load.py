"""load(fields, rows): the import engine behind RPC ``load``, file import and ``erp import``.

Every cell is converted and every reference resolved before anything is written; a bad cell makes
the whole load write nothing and answers one message per problem, naming the row (data rows counted
from 0), the column and the reason. Records are created in batches of a thousand; a row whose values
equal what the record already holds is not written again, so loading a file twice is cheap.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.addon.xmlids import forget_cache
from core.db.statistics import analyze_filled_on_commit
from core.exchange.batches import BatchWriter
from core.exchange.cells import CellConverter, is_empty
from core.exchange.columns import DBID, REF_DBID, REF_XMLID, SUB, XMLID, Column, parse_columns
from core.exchange.references import References, xmlid_key
from core.exchange.rows import LoadRecord, RecordConverter
from core.fields.relational import Many2one, One2many, Relational
from core.i18n import _, translate

if TYPE_CHECKING:
    from core.records.model_part import ModelPart

MAX_MESSAGES = 1000
# What Odoo's import screen runs ``load`` with unless "Track history during import" is ticked: no
# creation message, follower or tracking value per imported record. RPC ``load`` itself follows the
# caller's context, as in Odoo.
IMPORT_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


def import_context(tracking: bool = False) -> dict[str, Any]:
    """The context keys of a file import (the import screen, ``erp import``): tracking off unless asked."""
    return {} if tracking else dict(IMPORT_CONTEXT)


class Loader:
    """One call of ``load``: ``Loader(model, fields, rows).run()`` → Odoo's answer."""

    def __init__(self, model: ModelPart, fields: list[str], rows: list[list[Any]], dryrun: bool = False,
                 progress: Callable[[int], None] | None = None) -> None:
        self.model = model
        self.env = model.env
        self.names = list(fields)
        self.rows = [list(row) if isinstance(row, (list, tuple)) else row for row in rows]
        self.dryrun = dryrun
        self.progress = progress
        self.messages: list[dict[str, Any]] = []

    # -- messages --------------------------------------------------------------------------
    def error(self, message: str, field: str | None, first: int, last: int | None = None,
              kind: str = "error", moreinfo: Any = None) -> None:
        if len(self.messages) == MAX_MESSAGES:
            text = _("Too many problems: the rows after row %(row)s were not checked.", row=first)
            self.messages.append(self._message(text, None, first, first, "error"))
            raise _Stop()
        self.messages.append(self._message(message, field, first, first if last is None else last, kind,
                                           moreinfo))

    def _message(self, message: str, field: str | None, first: int, last: int, kind: str,
                 moreinfo: Any = None) -> dict[str, Any]:
        """One message in Odoo's shape: ``field`` is the column's field name, ``field_name`` its label,
        ``moreinfo`` what helps to fix it (False when there is nothing to add)."""
        return {"type": kind, "message": message, "field": field, "field_name": self._field_label(field),
                "moreinfo": moreinfo if moreinfo is not None else False, "record": first,
                "rows": {"from": first, "to": last}}

    def _field_label(self, column: str | None) -> str | bool:
        """The label of the field a column (``parent_id/id``, ``child_ids/name``, ``.id``) writes."""
        name = (column or "").split("/")[0]
        field = self.model._fields.get(name)
        if field is None:
            return _("Database ID") if name == ".id" else _("External ID") if name == "id" else False
        return translate(field.string)

    def has_errors(self) -> bool:
        return any(message["type"] == "error" for message in self.messages)

    # -- entry -----------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        """``{"ids": [...] or False, "messages": [...], "nextrow": 0}``; all rows are written or none."""
        ids: list[int] = []
        try:
            columns = self.check_shape()
            if self.has_errors():
                return self.answer(False)
            records = self.group_rows(columns)
            with self.env.cr.savepoint():
                references = References(self.env)
                self.prefetch(columns, records, references)
                converter = RecordConverter(self.model, columns, references, CellConverter(self.env), self)
                for record in records:
                    converter.convert(record)
                converter.check_required(records)
                if not self.has_errors():
                    ids = BatchWriter(self.model, self, self.progress).write(records)
                if self.has_errors() or self.dryrun:
                    raise _Rollback()
            analyze_filled_on_commit(self.env.cr)  # the first searches after an import get a real plan
        except (_Rollback, _Stop):
            forget_cache(self.env)  # external ids the undone savepoint had recorded
        except BaseException:
            forget_cache(self.env)
            raise
        return self.answer(False if self.has_errors() else ids)

    def answer(self, ids: Any) -> dict[str, Any]:
        self.messages.sort(key=lambda message: (message["rows"]["from"], message["type"] != "error"))
        return {"ids": ids, "messages": self.messages, "nextrow": 0}

    # -- shape of the file -----------------------------------------------------------------
    def check_shape(self) -> list[Column]:
        last = max(len(self.rows) - 1, 0)
        columns, problems = parse_columns(self.model, self.names)
        for message, field in problems:
            self.error(message, field, 0, last)
        width = len(self.names)
        for index, row in enumerate(self.rows):
            if not isinstance(row, list):
                self.error(_("Row %(row)s is not a list of cells.", row=index), None, index)
            elif len(row) != width:
                self.error(_("Row %(row)s has %(count)s cells, but the file has %(columns)s columns.",
                             row=index, count=len(row), columns=width), None, index)
        return columns

    def group_rows(self, columns: list[Column]) -> list[LoadRecord]:
        """Rows of one record: its own, then the following rows that fill only one2many line columns."""
        main = [c.index for c in columns if c.kind != SUB]
        lines = [c.index for c in columns if c.kind == SUB]
        records: list[LoadRecord] = []
        for index, row in enumerate(self.rows):
            if all(is_empty(row[column.index]) for column in columns):
                continue  # a blank row separates nothing and creates nothing
            continues = records and lines and main and all(is_empty(row[i]) for i in main)
            if continues:
                records[-1].lines.append(row)
                records[-1].last = index
            else:
                records.append(LoadRecord(len(records), index, index, [row]))
        return records

    # -- references ------------------------------------------------------------------------
    def prefetch(self, columns: list[Column], records: list[LoadRecord], references: References) -> None:
        """Resolve every external id, database id and name of the file in a few queries."""
        xmlid_texts: set[str] = set()
        for column in columns:
            leaf = column.leaf
            rows = [line for record in records
                    for line in (record.lines if column.kind == SUB else record.lines[:1])]
            texts = {str(line[column.index]).strip() for line in rows if not is_empty(line[column.index])}
            if not texts:
                continue
            parts = {part.strip() for text in texts for part in text.split(",") if part.strip()}
            if leaf.kind in (XMLID, REF_XMLID):
                xmlid_texts.update(parts if leaf.kind == REF_XMLID else texts)
            elif leaf.kind in (DBID, REF_DBID):
                references.prefetch_ids(self.leaf_model(column), {int(p) for p in parts if p.isdigit()})
            elif leaf.field is not None and isinstance(leaf.field, Relational):
                references.prefetch_names(leaf.field, texts if isinstance(leaf.field, Many2one) else parts)
        references.prefetch_xmlids(xmlid_texts)
        id_column = next((c for c in columns if c.kind == XMLID), None)
        if id_column is not None:
            for record in records:
                cell = record.lines[0][id_column.index]
                if not is_empty(cell) and references.xmlids.get(xmlid_key(str(cell))) is None:
                    references.define(str(cell), self.model._name, record.position)

    def leaf_model(self, column: Column) -> str:
        """The model whose database ids a ``.id`` or ``field/.id`` column holds."""
        leaf = column.leaf
        if leaf.kind == REF_DBID and isinstance(leaf.field, Relational):
            return leaf.field.comodel_name
        if column.kind == SUB and isinstance(column.field, One2many):
            return column.field.comodel_name
        return self.model._name


class _Rollback(Exception):
    """Raised to undo the load's savepoint on purpose (errors found, or a dry run)."""


class _Stop(Exception):
    """Raised when there are so many problems that reporting more would not help."""

