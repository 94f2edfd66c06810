"""SQLAlchemy Tables from model definitions: columns, keys, indexes and constraints."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.sql.naming import conv

from core.exceptions import MetadataError
from core.fields.relational import Many2many, Many2one

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> sa.MetaData:
    return sa.MetaData(naming_convention=NAMING_CONVENTION)


def _short(name: str) -> str:
    """Constraint names within PostgreSQL's 63 characters, stable."""
    if len(name) <= 63:
        return name
    import hashlib

    return f"{name[:54]}_{hashlib.sha1(name.encode()).hexdigest()[:8]}"


def build_table(metadata: sa.MetaData, model: type[BaseModel], tables: dict[str, str]) -> sa.Table:
    """The Table of ``model``; ``tables`` maps model names to table names for foreign keys."""
    table_name = model._def.table
    columns: list[Any] = [sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)]
    for field in model._fields.values():
        if not field.column or field.name == "id":
            continue
        columns.append(_column(field, table_name, tables))
    extra: list[Any] = [trigram_index(table_name, field) for field in model._fields.values()
                         if field.column and field.attrs.get("index") == "trigram"]
    for constraint in model._def.constraints:
        name = _short(f"{table_name}_{constraint['name']}")
        if constraint.get("sql"):
            body = constraint["sql"].strip()
            extra.append(sa.CheckConstraint(body[body.index("(") + 1: body.rindex(")")], name=conv(name)))
        elif constraint.get("unique"):
            extra.append(sa.UniqueConstraint(*constraint["unique"], name=conv(name)))
    for index in model._def.indexes:
        where = _index_where(index)
        extra.append(
            sa.Index(conv(_short(index["name"])), *index["fields"], unique=bool(index.get("unique")),
                     postgresql_where=where, sqlite_where=where)
        )
    order_index = default_order_index(table_name, model, columns, extra)
    if order_index is not None:
        extra.append(order_index)
    # AUTOINCREMENT on SQLite: a deleted id is never given to a new record, as on PostgreSQL, so
    # references kept by id alone (external ids, attachments, messages) never reach a stranger
    return sa.Table(table_name, metadata, *columns, *extra, sqlite_autoincrement=True)


def _column(field: Field, table_name: str, tables: dict[str, str]) -> sa.Column[Any]:
    args: list[Any] = []
    if isinstance(field, Many2one):
        cotable = tables.get(field.comodel_name)
        if cotable is None:
            raise MetadataError(
                None, None, f"field {field} refers to {field.comodel_name}, which has no table"
            )
        ondelete = {"cascade": "CASCADE", "restrict": "RESTRICT", "set null": "SET NULL"}[field.ondelete]
        args.append(sa.ForeignKey(f"{cotable}.id", ondelete=ondelete,
                                  name=conv(_short(f"fk_{table_name}_{field.column_name}_{cotable}"))))
    # foreign keys are indexed unless a field says otherwise: joins and cascades need it
    index = field.attrs.get("index", field.type == "many2one")
    plain = bool(index) and index != "trigram"
    return sa.Column(field.column_name, field.sql_type(), *args, index=plain or None)


def order_columns(model: type[BaseModel]) -> list[str]:
    """The columns of ``model``'s default order that one b-tree index can serve: the leading terms on
    plain stored columns, in the first term's direction (a backward scan serves a descending order);
    ``id`` closes it when the order leaves it out (the search sorts by ``id asc`` last)."""
    spec = getattr(model, "_order", None) or model._def.attrs.get("order") or "id"
    terms = [part.split() for part in spec.split(",") if part.strip()]
    columns: list[str] = []
    direction = None
    for term in terms:
        name, term_direction = term[0], (term[1] if len(term) > 1 else "asc").lower()
        field = model._fields.get(name)
        # translated values and many2ones sorted by their target's order are expressions, not columns
        if (field is None or not field.column or field.translate or field.secret
                or isinstance(field, Many2one) or len(term) > 2):
            return columns
        if direction not in (None, term_direction):
            return columns
        direction = term_direction
        columns.append(field.column_name)
        if name == "id":
            return columns
    if direction == "asc":
        columns.append("id")
    return columns


def default_order_index(table_name: str, model: type[BaseModel], columns: list[Any],
                        extra: list[Any]) -> sa.Index | None:
    """An index for the model's default order (the sort of every list and ``search`` without one),
    unless an index or unique key already starts with the order's own columns."""
    wanted = order_columns(model)
    if not wanted or wanted == ["id"]:
        return None
    leading: list[tuple[str, ...]] = [(column.name,) for column in columns if column.index or column.unique]
    leading += [tuple(str(getattr(e, "name", e)) for e in item.expressions)
                for item in extra if isinstance(item, sa.Index)
                and item.dialect_kwargs.get("postgresql_using") != "gin"]
    fields = model._fields
    leading += [tuple(fields[name].column_name for name in constraint["unique"] if name in fields)
                for constraint in model._def.constraints if constraint.get("unique")]
    leading += [(field.column_name,) for field in fields.values() if field.column and field.unique]
    # an index of the sort's columns serves it: ``id`` last only breaks ties
    needed = tuple(wanted[:-1] if wanted[-1] == "id" else wanted)
    if any(existing[:len(needed)] == needed for existing in leading):
        return None
    return sa.Index(conv(_short(f"ix_{table_name}_order_{'_'.join(wanted)}")), *wanted)


def _index_where(index: dict[str, Any]) -> Any:
    """The condition of a partial index (``where_null``/``where_not_null``), or None."""
    terms = [sa.column(name).is_(None) for name in index.get("where_null") or ()]
    terms += [sa.column(name).is_not(None) for name in index.get("where_not_null") or ()]
    return sa.and_(*terms) if terms else None


def trigram_index(table_name: str, field: Field) -> sa.Index:
    """A GIN index of trigrams on PostgreSQL (``pg_trgm``): ``ilike '%word%'`` and ``like`` searches
    use it instead of reading the whole table. Other databases get a plain index of the column."""
    column = field.column_name
    return sa.Index(conv(_short(f"ix_{table_name}_{column}_trgm")), column, postgresql_using="gin",
                    postgresql_ops={column: "gin_trgm_ops"})


def uses_trigrams(metadata: sa.MetaData) -> bool:
    return any(index.dialect_options["postgresql"]["using"] == "gin"
               for table in metadata.tables.values() for index in table.indexes)


def unique_field_constraints(model: type[BaseModel], table: sa.Table) -> None:
    """Field-level ``unique: true`` as named unique constraints."""
    for field in model._fields.values():
        if field.column and field.unique:
            table.append_constraint(sa.UniqueConstraint(field.column_name,
                                                        name=conv(_short(f"uq_{table.name}_{field.column_name}"))))


def build_relation(metadata: sa.MetaData, field: Many2many, table: str, cotable: str) -> sa.Table:
    """The table of a many2many relation (shared by both sides when they declare the same one)."""
    existing = metadata.tables.get(field.relation)
    if existing is not None:
        if {c.name for c in existing.columns} != {field.column1, field.column2}:
            raise MetadataError(
                None,
                None,
                f"field {field}: relation table '{field.relation}' is already used with "
                f"columns {sorted(c.name for c in existing.columns)}",
            )
        return existing
    return sa.Table(
        field.relation, metadata,
        sa.Column(field.column1, sa.Integer, sa.ForeignKey(f"{table}.id", ondelete="CASCADE",
                                                           name=conv(_short(f"fk_{field.relation}_{field.column1}"))),
                  primary_key=True),
        sa.Column(field.column2, sa.Integer, sa.ForeignKey(f"{cotable}.id", ondelete="CASCADE",
                                                           name=conv(_short(f"fk_{field.relation}_{field.column2}"))),
                  primary_key=True, index=True),
    )
