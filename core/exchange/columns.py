"""The columns of a load: each header (``name``, ``parent_id/id``, ``child_ids/email``) parsed into
what it means for the model, with a clear error for one that means nothing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.exchange.cells import RowError
from core.exchange.export import split_path
from core.fields.relational import One2many, Relational
from core.i18n import _

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model_part import ModelPart

# what a column holds
XMLID = "xmlid"  # "id": the record's external id
DBID = "dbid"  # ".id": the record's database id
VALUE = "value"  # a field's value; for a relational field, the name of the target
REF_XMLID = "ref_xmlid"  # "field/id": external ids of the targets
REF_DBID = "ref_dbid"  # "field/.id": database ids of the targets
SUB = "sub"  # "one2many_field/...": a column of the lines ("line_ids/id" is each line's external id)


@dataclass
class Column:
    index: int
    name: str
    field: Field | None  # None for the record's own "id" / ".id"
    kind: str
    sub: Column | None = None  # for SUB: the column inside the line model

    @property
    def leaf(self) -> Column:
        """The column that holds the cell's meaning (the line column of a SUB column)."""
        return self.sub.leaf if self.sub is not None else self


def parse_columns(model: ModelPart, names: list[str]) -> tuple[list[Column], list[tuple[str, str | None]]]:
    """The parsed columns, and (message, field) for each header that cannot be imported. A column
    without a name (``""``, None or False, as an import screen sends "do not import") is left out."""
    columns: list[Column] = []
    problems: list[tuple[str, str | None]] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(names):
        if raw is None or raw is False or (isinstance(raw, str) and not raw.strip()):
            continue
        if not isinstance(raw, str):
            problems.append((_("Column %(index)s: %(name)r is not a column name.", index=index + 1, name=raw),
                             None))
            continue
        name = raw.strip()
        name = name.replace(":id", "/id")
        if name in seen:
            problems.append((_("Column %(column)r appears twice (columns %(first)s and %(second)s).",
                               column=name, first=seen[name] + 1, second=index + 1), name.split("/")[0]))
            continue
        seen[name] = index
        try:
            columns.append(_parse(model, index, name, split_path(name), nested=False))
        except RowError as problem:
            problems.append((problem.message, problem.field))
    return columns, problems


def _parse(model: ModelPart, index: int, name: str, path: list[str], nested: bool) -> Column:
    head = path[0]
    if path == ["id"]:
        return Column(index, name, None, XMLID)
    if path == [".id"]:
        return Column(index, name, None, DBID)
    field = model._fields.get(head)
    if field is None or not model._field_accessible(field) or head in ("display_name", "__last_update"):
        raise RowError(_("Unknown column %(column)r: %(model)s has no field %(field)r.", column=name,
                         model=model._name, field=head), head)
    if field.computed and not field.store and not field.inverse and not field.related:
        raise RowError(_("Column %(column)r: the field %(field)s is computed and cannot be imported.",
                         column=name, field=field.label()), head)
    if len(path) == 1:
        return Column(index, name, field, VALUE)
    if not isinstance(field, Relational):
        raise RowError(_("Unknown column %(column)r: %(field)s is not a relational field, it has no "
                         "sub-fields.", column=name, field=field.label()), head)
    if not isinstance(field, One2many) and path[1:] == ["id"]:
        return Column(index, name, field, REF_XMLID)
    if not isinstance(field, One2many) and path[1:] == [".id"]:
        return Column(index, name, field, REF_DBID)
    if not isinstance(field, One2many):
        raise RowError(_("Unknown column %(column)r: only the external id (%(field)s/id) or the database id "
                         "(%(field)s/.id) of a %(type)s field can be imported.", column=name, field=head,
                         type=field.type), head)
    if nested:
        raise RowError(_("Column %(column)r: lines inside lines cannot be imported in one file; import the "
                         "inner lines in a file of their own.", column=name), head)
    sub = _parse(model.env[field.comodel_name], index, name, path[1:], nested=True)
    if sub.field is not None and sub.field.name == field.inverse_name:
        raise RowError(_("Column %(column)r: the lines of %(field)s always belong to the record of their "
                         "row.", column=name, field=field.label()), head)
    return Column(index, name, field, SUB, sub)
