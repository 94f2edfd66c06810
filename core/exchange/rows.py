"""The rows of one record turned into ``create``/``write`` values: which record they update (by
external or database id), the value of each cell, and the one2many lines of its continuation rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from core.exchange.cells import CellConverter, RowError, is_empty, label
from core.exchange.columns import DBID, REF_DBID, REF_XMLID, SUB, VALUE, XMLID, Column
from core.exchange.references import Pending, References, xmlid_key
from core.fields.base import MISSING
from core.fields.relational import Many2many, Many2one, One2many, Relational
from core.i18n import _

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart


class Reporter(Protocol):
    def error(self, message: str, field: str | None, first: int, last: int | None = None,
              kind: str = "error", moreinfo: Any = None) -> None: ...


@dataclass
class LoadRecord:
    """One record of the file: its rows, what it becomes, and the values to write."""

    position: int  # among the records of the load
    first: int  # first and last data row (counted from 0)
    last: int
    lines: list[list[Any]]
    target: int | Pending | None = None  # the record it updates; None: a record to create
    xmlid: str | None = None  # external id to give the record it creates or updates
    vals: dict[str, Any] = field(default_factory=dict)
    # one2many field → (index among the field's create commands, external id of that new line)
    line_xmlids: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    failed: bool = False


class RecordConverter:
    def __init__(self, model: ModelPart, columns: list[Column], references: References, cells: CellConverter,
                 reporter: Reporter) -> None:
        self.model = model
        self.columns = columns
        self.references = references
        self.cells = cells
        self.reporter = reporter
        self.id_column = next((c for c in columns if c.kind == XMLID), None)
        self.dbid_column = next((c for c in columns if c.kind == DBID), None)
        self.value_columns = [c for c in columns if c.kind not in (XMLID, DBID, SUB)]
        self.line_columns: dict[str, list[Column]] = {}
        for column in columns:
            if column.kind == SUB and column.field is not None:
                self.line_columns.setdefault(column.field.name, []).append(column)

    def report(self, record: LoadRecord, problem: RowError) -> None:
        record.failed = True
        self.reporter.error(problem.message, problem.field, record.first, record.last,
                            moreinfo=problem.moreinfo)

    # -- one record ------------------------------------------------------------------------
    def convert(self, record: LoadRecord) -> None:
        try:
            self.resolve_target(record)
        except RowError as problem:
            self.report(record, problem)
        creating = record.target is None
        for column in self.value_columns:
            try:
                cell = record.lines[0][column.index]
                record.vals.update(self.cell(column, cell, record.position, creating))
            except RowError as problem:
                self.report(record, problem)
        for name, columns in self.line_columns.items():
            try:
                self.convert_lines(record, self.model._fields[name], columns)
            except RowError as problem:
                self.report(record, problem)
        for message, field_name in self.references.warnings:
            self.reporter.error(message, field_name, record.first, record.last, kind="warning")
        self.references.warnings.clear()

    def resolve_target(self, record: LoadRecord) -> None:
        """Which record the row updates: the one of its ``.id``, of its ``id``, or of an earlier row."""
        row = record.lines[0]
        xml_id = str(row[self.id_column.index]).strip() if self.id_column and not is_empty(
            row[self.id_column.index]) else None
        existing = self.references.existing_xmlid(xml_id, self.model._name) if xml_id else None
        if self.dbid_column is not None and not is_empty(row[self.dbid_column.index]):
            record.target = self.references.dbid(None, self.model._name, row[self.dbid_column.index])
            record.xmlid = xml_id if xml_id and existing is None else None
            return
        if existing is not None:
            record.target = existing
        elif xml_id:
            defined = self.references.defined.get(xmlid_key(xml_id))
            if defined is not None and defined[1] < record.position:
                record.target = Pending(defined[1])  # a second row for the record an earlier row creates
            else:
                record.xmlid = xml_id

    def cell(self, column: Column, cell: Any, position: int, creating: bool) -> dict[str, Any]:
        """``{field: value}`` of one cell. An empty cell empties the field, as in Odoo (an export writes
        empty and false values as empty cells); only a required field with a default takes it instead."""
        field = column.field
        assert field is not None
        if is_empty(cell):
            if field.type == "boolean":
                return {field.name: False}  # false, not missing: an export writes False as an empty cell
            if field.required:
                if creating and self.has_default(field):
                    return {}
                raise RowError(_("Missing required value for the field '%(field)s' (%(name)s)",
                                 field=label(field), name=field.name), field.name)
            if isinstance(field, One2many) or (creating and isinstance(field, Many2many)):
                return {}
            return {field.name: [(6, 0, [])] if isinstance(field, Many2many) else False}
        if column.kind == VALUE and not isinstance(field, Relational):
            return {field.name: self.cells.convert(field, cell)}
        assert isinstance(field, Relational)  # parse_columns gives references to relational fields only
        text = str(cell).strip()
        parts = [text] if isinstance(field, Many2one) else [p.strip() for p in text.split(",") if p.strip()]
        if column.kind == REF_XMLID:
            ids: list[Any] = [self.references.xmlid(field, part, position) for part in parts]
        elif column.kind == REF_DBID:
            ids = [self.references.dbid(field, field.comodel_name, part) for part in parts]
        else:
            ids = [self.references.name(field, part) for part in parts]
        if isinstance(field, Many2one):
            return {field.name: ids[0]}
        if isinstance(field, One2many):
            return {field.name: [(4, target) for target in ids]}
        return {field.name: [(6, 0, ids)]}

    def has_default(self, field: Field) -> bool:
        return field.default is not MISSING or f"default_{field.name}" in self.model.env.context

    # -- one2many lines --------------------------------------------------------------------
    def convert_lines(self, record: LoadRecord, field: Field, columns: list[Column]) -> None:
        """Commands for the lines of ``field``: one line per row of the record that fills its columns."""
        assert isinstance(field, One2many)  # parse_columns gives lines to one2many fields only
        comodel = self.model.env[field.comodel_name]
        commands: list[tuple[Any, ...]] = []
        creates = 0
        for line in record.lines:
            item: dict[str, Any] = {}
            for column in columns:
                cell = line[column.index]
                if is_empty(cell):
                    continue
                leaf = column.leaf
                try:
                    if leaf.kind in (XMLID, DBID):
                        item["__ref__"] = self.line_reference(comodel, leaf.kind, cell, record.position)
                    else:
                        item.update(self.cell(leaf, cell, record.position, creating=True))
                except RowError as problem:
                    raise RowError(problem.message, column.name, problem.moreinfo) from None
            if not item:
                continue
            reference = item.pop("__ref__", None)
            if isinstance(reference, str) or reference is None:
                self.check_line_required(comodel, field, item, columns)
                commands.append((0, 0, item))
                if reference:
                    record.line_xmlids.setdefault(field.name, []).append((creates, reference))
                creates += 1
            else:
                commands.append((4, reference))
                if item:
                    commands.append((1, reference, item))
        if commands:
            record.vals[field.name] = commands

    def line_reference(self, comodel: BaseModel, kind: str, cell: Any, position: int) -> Any:
        """The existing line an ``id``/``.id`` line cell names; for an unknown external id, the id
        itself (the line is created and given it)."""
        if kind == DBID:
            return self.references.dbid(None, comodel._name, cell)
        text = str(cell).strip()
        existing = self.references.existing_xmlid(text, comodel._name)
        if existing is not None:
            return existing
        defined = self.references.defined.get(xmlid_key(text))
        if defined is not None and defined[0] == comodel._name and defined[1] < position:
            return Pending(defined[1])
        return text

    def check_line_required(self, comodel: BaseModel, field: One2many, item: dict[str, Any],
                            columns: list[Column]) -> None:
        if _creates_itself(comodel):
            return
        for name, line_field in comodel._fields.items():
            if (line_field.required and line_field.column and not line_field.computed and name not in item
                    and name != field.inverse_name and line_field.default is MISSING):
                raise RowError(_("Missing required value for the field '%(field)s' (%(name)s)",
                                 field=label(line_field), name=name), columns[0].name)

    # -- required fields without a column --------------------------------------------------
    def check_required(self, records: list[LoadRecord]) -> None:
        """Records to create lack required fields that no column gives and that have no default."""
        if _creates_itself(self.model):
            return
        given = {c.field.name for c in self.columns if c.field is not None}
        missing = [f for f in self.model._fields.values() if f.required and f.column and not f.computed
                   and f.name not in given and not self.has_default(f)]
        if not missing:
            return
        runs: list[list[LoadRecord]] = []
        for record in records:
            if record.target is not None or record.failed:
                continue
            if runs and runs[-1][-1].position == record.position - 1:
                runs[-1].append(record)
            else:
                runs.append([record])
        for run in runs:
            for required in missing:
                message = _("Missing required value for the field '%(field)s' (%(name)s)",
                            field=label(required), name=required.name)
                self.reporter.error(message, required.name, run[0].first, run[-1].last)


def _creates_itself(model: ModelPart) -> bool:
    """Whether the model's Python overrides create, which may fill required fields itself."""
    return any("create" in vars(hook) for hook in type(model)._hook_stack)
