"""load(fields, rows): the import engine behind RPC ``load``, file import and ``erp import``.

Every row is converted and every reference resolved before anything is written; one bad cell
makes the whole load write nothing and answers one message per problem, naming the row (data
rows counted from 0), the column and the reason.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.addon.xmlids import lookup, set_xmlids, split_xmlid
from core.exceptions import AccessError, ErpError, ValidationError
from core.exchange.export import split_path
from core.i18n import _, translate

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel

BATCH = 1000
TRUE_WORDS = {"1", "true", "yes", "y", "t", "x", "on", "sí", "si", "verdadero"}
FALSE_WORDS = {"0", "false", "no", "n", "f", "off", "", "falso"}


class Pending:
    """A reference to the record an earlier row of the same load creates."""

    __slots__ = ("position",)

    def __init__(self, position: int) -> None:
        self.position = position


class RowError(Exception):
    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


@dataclass
class Column:
    index: int
    path: list[str]
    field: Field | None  # None for the "id" / ".id" columns
    kind: str  # "xmlid", "dbid", "value", "ref_xmlid", "ref_dbid", "sub"
    sub: Column | None = None


class Loader:
    def __init__(self, model: BaseModel, fields: list[str], rows: list[list[Any]], dryrun: bool = False,
                 progress: Callable[[int], None] | None = None) -> None:
        self.model = model
        self.env = model.env
        self.names = list(fields)
        self.rows = [list(row) for row in rows]
        self.dryrun = dryrun
        self.progress = progress
        self.messages: list[dict[str, Any]] = []
        self.pending_xmlids: dict[tuple[str, str], int] = {}
        self.name_cache: dict[tuple[str, str], int | None] = {}
        # external ids the rows of this load define: (module, name) -> record position
        self.defined: dict[tuple[str, str], tuple[int, str]] = {}

    # -- messages --------------------------------------------------------------------------
    def error(self, message: str, field: str | None, first: int, last: int | None = None) -> None:
        self.messages.append({"type": "error", "message": message, "field": field, "record": first,
                              "rows": {"from": first, "to": first if last is None else last}})

    # -- entry -----------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        self.model._check_access("create")
        columns = self.parse_columns()
        if self.messages:
            return self.answer(False)
        records = self.group_rows(columns)
        self.collect_defined(columns, records)
        self.prefetch_references(columns, records)
        converted = []
        for first, last, lines in records:
            try:
                converted.append((first, last, self.convert_record(columns, lines, first)))
            except RowError as problem:
                self.error(problem.message, problem.field, first, last)
        if self.messages:
            return self.answer(False)
        ids: list[int] = []
        try:
            with self.env.cr.savepoint():
                ids = self.write(converted)
                if self.dryrun:
                    raise _DryRun()
        except _DryRun:
            pass
        except (ValidationError, AccessError, ErpError) as problem:
            if not self.messages:
                self.error(str(problem), getattr(problem, "field", None), 0, len(self.rows) - 1)
        if self.messages:
            return self.answer(False)
        return self.answer(ids)

    def answer(self, ids: Any) -> dict[str, Any]:
        return {"ids": ids, "messages": self.messages, "nextrow": 0}

    # -- columns ---------------------------------------------------------------------------
    def parse_columns(self) -> list[Column]:
        columns: list[Column] = []
        for index, name in enumerate(self.names):
            if not isinstance(name, str) or not name.strip():
                self.error(_("Column %(index)s has no name.", index=index + 1), None, 0, max(len(self.rows) - 1, 0))
                continue
            try:
                columns.append(self.parse_column(index, split_path(name.strip()), self.model))
            except RowError as problem:
                self.error(problem.message, problem.field, 0, max(len(self.rows) - 1, 0))
        for row_index, row in enumerate(self.rows):
            if len(row) != len(self.names):
                self.error(_("Row %(row)s has %(count)s cells, but the file has %(columns)s columns.",
                             row=row_index, count=len(row), columns=len(self.names)), None, row_index)
        return columns

    def parse_column(self, index: int, path: list[str], model: BaseModel) -> Column:
        head = path[0]
        if head == "id" and len(path) == 1:
            return Column(index, path, None, "xmlid")
        if head == ".id" and len(path) == 1:
            return Column(index, path, None, "dbid")
        field = model._fields.get(head)
        if field is None or not model._field_accessible(field):
            raise RowError(_("Unknown column %(column)r: %(model)s has no field %(field)r.", column="/".join(path),
                             model=model._name, field=head), head)
        if field.computed and not field.store and not field.inverse and not field.related:
            raise RowError(_("Column %(column)r: field %(field)s is computed and cannot be imported.",
                             column="/".join(path), field=field.label()), head)
        if len(path) == 1:
            return Column(index, path, field, "value")
        if not field.relational:
            raise RowError(_("Unknown column %(column)r: %(field)s is not a relational field.",
                             column="/".join(path), field=field.label()), head)
        if len(path) == 2 and path[1] == "id":
            return Column(index, path, field, "ref_xmlid")
        if len(path) == 2 and path[1] == ".id":
            return Column(index, path, field, "ref_dbid")
        if field.type != "one2many":
            raise RowError(_("Unknown column %(column)r: only one2many fields take sub-fields.",
                             column="/".join(path)), head)
        sub = self.parse_column(index, path[1:], model.env[field.comodel_name])
        return Column(index, path, field, "sub", sub)

    # -- rows ------------------------------------------------------------------------------
    def group_rows(self, columns: list[Column]) -> list[tuple[int, int, list[list[Any]]]]:
        """Rows of one record: its own, then the following rows that fill only one2many columns."""
        main = [c.index for c in columns if c.kind != "sub"]
        records: list[tuple[int, int, list[list[Any]]]] = []
        for index, row in enumerate(self.rows):
            is_continuation = records and main and all(_empty(row[i]) for i in main if i < len(row))
            if is_continuation:
                first, _last, lines = records[-1]
                lines.append(row)
                records[-1] = (first, index, lines)
            else:
                records.append((index, index, [row]))
        return records

    # -- references ------------------------------------------------------------------------
    def collect_defined(self, columns: list[Column], records: list[tuple[int, int, list[list[Any]]]]) -> None:
        id_column = next((c for c in columns if c.kind == "xmlid"), None)
        if id_column is None:
            return
        for position, (_first, _last, lines) in enumerate(records):
            cell = lines[0][id_column.index]
            if not _empty(cell):
                key = split_xmlid(str(cell).strip(), "__import__")
                self.defined.setdefault(key, (position, self.model._name))

    def prefetch_references(self, columns: list[Column], records: list[tuple[int, int, list[list[Any]]]]) -> None:
        """Resolve every distinct name of relational columns with one search per column."""
        for column in columns:
            target = column.sub if column.kind == "sub" else column
            if target is None or target.kind != "value" or not target.field or not target.field.relational:
                continue
            names: set[str] = set()
            for _first, _last, lines in records:
                for line in lines:
                    cell = line[column.index] if column.index < len(line) else ""
                    if not _empty(cell):
                        names.update(self.split_many(target.field, str(cell)))
            if names:
                self.resolve_names(target.field, names)

    def resolve_names(self, field: Field, names: set[str]) -> None:
        comodel = self.env[field.comodel_name]
        rec_name = comodel._rec_name_field()
        todo = [n for n in names if (field.comodel_name, n) not in self.name_cache]
        for start in range(0, len(todo), 1000):
            chunk = todo[start:start + 1000]
            found = comodel.search_fetch([(rec_name, "in", chunk)], [rec_name]) if rec_name != "id" else comodel.browse()
            by_name: dict[str, int] = {}
            for record in found:
                by_name.setdefault(str(record[rec_name]), record.id)
            for name in chunk:
                self.name_cache[(field.comodel_name, name)] = by_name.get(name)
        for name in todo:
            if self.name_cache.get((field.comodel_name, name)) is None:
                # fall back on the model's own name search (case-insensitive, other names)
                matches = comodel.name_search(name, operator="=ilike", limit=1)
                self.name_cache[(field.comodel_name, name)] = matches[0][0] if matches else None

    @staticmethod
    def split_many(field: Field, cell: str) -> list[str]:
        if field.type == "many2one":
            return [cell.strip()]
        return [part.strip() for part in cell.split(",") if part.strip()]

    def resolve_xmlid(self, field: Field | None, model_name: str, xml_id: str) -> Any:
        module, name = split_xmlid(xml_id.strip(), "__import__")
        found = lookup(self.env, module, name)
        defined = self.defined.get((module, name))
        if found is None and defined is not None and defined[1] == model_name:
            return Pending(defined[0])
        if found is None or found[0] != model_name:
            label = f"'{translate(field.string)}'" if field else "id"
            raise RowError(_("No matching record found for external id '%(xmlid)s' in field %(field)s",
                             xmlid=xml_id.strip(), field=label), field.name if field else "id")
        return found[1]

    # -- conversion ------------------------------------------------------------------------
    def convert_record(self, columns: list[Column], lines: list[list[Any]], first: int) -> dict[str, Any]:
        vals: dict[str, Any] = {}
        sub_lines: dict[str, list[dict[str, Any]]] = {}
        for column in columns:
            if column.kind == "sub":
                assert column.field is not None
                for line in lines:
                    cell = line[column.index]
                    if _empty(cell):
                        continue
                    items = sub_lines.setdefault(column.field.name, [])
                    position = lines.index(line)
                    while len(items) <= position:
                        items.append({})
                    sub_vals = self.convert_cell(column.sub, cell)  # type: ignore[arg-type]
                    items[position].update(sub_vals)
                continue
            cell = lines[0][column.index]
            vals.update(self.convert_cell(column, cell))
        for name, items in sub_lines.items():
            commands = []
            for item in items:
                if not item:
                    continue
                if "__xmlid__" in item:
                    commands.append((4, item.pop("__xmlid__")))
                    if item:
                        commands.append((1, commands[-1][1], item))
                else:
                    commands.append((0, 0, item))
            vals[name] = commands
        return vals

    def convert_cell(self, column: Column, cell: Any) -> dict[str, Any]:
        field = column.field
        if column.kind == "xmlid":
            return {"__xmlid__": str(cell).strip()} if not _empty(cell) else {}
        if column.kind == "dbid":
            if _empty(cell):
                return {}
            try:
                return {"__dbid__": int(str(cell).strip())}
            except ValueError:
                raise RowError(_("Invalid database id %(value)r in column '.id'", value=cell), "id") from None
        assert field is not None
        if _empty(cell):
            if field.required and column.kind == "value":
                raise RowError(_("Missing required value for the field '%(field)s' (%(name)s)",
                                 field=translate(field.string), name=field.name), field.name)
            return {field.name: [(5,)] if field.type in ("many2many", "one2many") else False}
        text = str(cell).strip() if not isinstance(cell, (int, float, dt.date)) else cell
        if column.kind == "ref_xmlid":
            parts = self.split_many(field, str(text))
            ids = [self.resolve_xmlid(field, field.comodel_name, part) for part in parts]
            return {field.name: ids[0] if field.type == "many2one" else [(6, 0, ids)]}
        if column.kind == "ref_dbid":
            try:
                ids = [int(part) for part in self.split_many(field, str(text))]
            except ValueError:
                raise RowError(_("Invalid database id %(value)r in field '%(field)s'", value=text,
                                 field=translate(field.string)), field.name) from None
            return {field.name: ids[0] if field.type == "many2one" else [(6, 0, ids)]}
        return {field.name: self.convert_value(field, text)}

    def convert_value(self, field: Field, value: Any) -> Any:
        label = translate(field.string)
        kind = field.type
        if kind in ("char", "text", "html"):
            return str(value)
        if kind == "boolean":
            word = str(value).strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise RowError(_("'%(value)s' is not a valid boolean for field '%(field)s': use 1/0, true/false or "
                             "yes/no.", value=value, field=label), field.name)
        if kind == "integer":
            try:
                number = float(str(value).replace(" ", ""))
                if number != int(number):
                    raise ValueError
                return int(number)
            except ValueError:
                raise RowError(_("'%(value)s' does not seem to be an integer for field '%(field)s'", value=value,
                                 field=label), field.name) from None
        if kind in ("float", "monetary"):
            text = str(value).replace(" ", "")
            if "," in text and "." not in text:
                text = text.replace(",", ".")
            try:
                return float(text)
            except ValueError:
                raise RowError(_("'%(value)s' does not seem to be a number for field '%(field)s'", value=value,
                                 field=label), field.name) from None
        if kind in ("date", "datetime"):
            return self.convert_date(field, value, label)
        if kind == "selection":
            return self.convert_selection(field, str(value), label)
        if kind in ("many2one", "many2many", "one2many"):
            ids = []
            for name in self.split_many(field, str(value)):
                found = self.name_cache.get((field.comodel_name, name))
                if found is None:
                    raise RowError(_("No matching record found for name '%(name)s' in field '%(field)s'", name=name,
                                     field=label), field.name)
                ids.append(found)
            return ids[0] if kind == "many2one" else [(6, 0, ids)]
        if kind in ("binary", "image"):
            try:
                base64.b64decode(str(value), validate=True)
            except (binascii.Error, ValueError):
                raise RowError(_("Invalid base64 data for field '%(field)s'", field=label), field.name) from None
            return str(value)
        return value

    @staticmethod
    def convert_date(field: Field, value: Any, label: str) -> Any:
        if isinstance(value, dt.datetime):
            return value if field.type == "datetime" else value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for parser in (dt.datetime.fromisoformat, lambda t: dt.datetime.strptime(t, "%d/%m/%Y"),
                       lambda t: dt.datetime.strptime(t, "%d/%m/%Y %H:%M:%S")):
            try:
                parsed = parser(text.replace("T", " "))
            except ValueError:
                continue
            return parsed if field.type == "datetime" else parsed.date()
        kind = _("date") if field.type == "date" else _("date and time")
        raise RowError(_("'%(value)s' does not seem to be a valid %(kind)s for field '%(field)s'", value=value,
                         kind=kind, field=label), field.name)

    @staticmethod
    def convert_selection(field: Field, value: str, label: str) -> str:
        for key, name in field.selection:
            if value == key:
                return key
        lowered = value.lower()
        for key, name in field.selection:
            if lowered in (name.lower(), translate(name).lower(), key.lower()):
                return key
        raise RowError(_("Value '%(value)s' not found in selection field '%(field)s'", value=value, field=label),
                       field.name)

    # -- writing ---------------------------------------------------------------------------
    def write(self, converted: list[tuple[int, int, dict[str, Any]]]) -> list[int]:
        ids: list[int] = [0] * len(converted)
        batch: list[tuple[int, int, int, dict[str, Any], str | None]] = []
        done = 0

        def flush() -> None:
            nonlocal done
            if not batch:
                return
            self.create_batch(batch, ids)
            done += len(batch)
            batch.clear()
            if self.progress:
                self.progress(done)

        for position, (first, last, vals) in enumerate(converted):
            xml_id = vals.pop("__xmlid__", None)
            db_id = vals.pop("__dbid__", None)
            existing = self.existing_record(xml_id, db_id, first, last)
            if self.references_pending(vals, batch):
                flush()
            vals = self.replace_pending(vals, ids)
            if existing:
                flush()
                try:
                    self.model.browse(existing).write(vals)
                except ValidationError as problem:
                    self.error(problem.message, problem.field, first, last)
                    raise
                ids[position] = existing
                done += 1
                continue
            batch.append((position, first, last, vals, xml_id))
            if len(batch) >= BATCH:
                flush()
        flush()
        return ids

    def existing_record(self, xml_id: str | None, db_id: int | None, first: int, last: int) -> int | None:
        if db_id:
            if not self.model.browse(db_id).exists():
                self.error(_("No record with database id %(id)s in %(model)s", id=db_id, model=self.model._name),
                           "id", first, last)
                raise ValidationError("bad id")
            return db_id
        if xml_id:
            module, name = split_xmlid(xml_id, "__import__")
            found = lookup(self.env, module, name)
            if found and found[0] == self.model._name:
                return found[1]
        return None

    def references_pending(self, vals: dict[str, Any], batch: list[Any]) -> bool:
        """Whether ``vals`` refers to a record the current batch has not created yet."""
        if not batch:
            return False
        waiting = {position for position, *_rest in batch}
        return any(p.position in waiting for p in _pendings(vals))

    @staticmethod
    def replace_pending(value: Any, ids: list[int]) -> Any:
        if isinstance(value, Pending):
            return ids[value.position]
        if isinstance(value, dict):
            return {k: Loader.replace_pending(v, ids) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(Loader.replace_pending(v, ids) for v in value)
        return value

    def create_batch(self, batch: list[tuple[int, int, int, dict[str, Any], str | None]], ids: list[int]) -> None:
        try:
            records = self.model.create([vals for _p, _f, _l, vals, _x in batch])
        except ValidationError as problem:
            self.locate_failure(batch, problem)
            raise
        entries = []
        for (position, _first, _last, _vals, xml_id), record_id in zip(batch, records._ids):
            ids[position] = record_id
            if xml_id:
                module, name = split_xmlid(xml_id, "__import__")
                entries.append((module, name, record_id, False))
                self.pending_xmlids[(module, name)] = record_id
        set_xmlids(self.env, self.model._name, entries)

    def locate_failure(self, batch: list[Any], problem: ValidationError) -> None:
        """Find the row of a batch that the database refused, creating row by row in savepoints."""
        for _position, first, last, vals, _xml_id in batch:
            try:
                with self.env.cr.savepoint():
                    self.model.create([dict(vals)])
                    raise _DryRun()
            except _DryRun:
                continue
            except ValidationError as row_problem:
                self.error(row_problem.message, row_problem.field, first, last)
                return
        self.error(problem.message, problem.field, batch[0][1], batch[-1][2])


class _DryRun(Exception):
    """Raised to roll a savepoint back on purpose."""


def _pendings(value: Any) -> list[Pending]:
    if isinstance(value, Pending):
        return [value]
    if isinstance(value, dict):
        return [p for v in value.values() for p in _pendings(v)]
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _pendings(v)]
    return []


def _empty(cell: Any) -> bool:
    return cell is None or cell is False or (isinstance(cell, str) and not cell.strip())
