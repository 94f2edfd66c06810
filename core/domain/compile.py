"""Compile a normalised domain into a SQLAlchemy condition with bound parameters.

Field names are checked against the registry; values are converted by their field; dotted paths
become ``IN (SELECT ...)`` subqueries on the related model, so every clause is independent of the
others and the same code serves SQLite and PostgreSQL.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.domain.parse import AND, FALSE_LEAF, NEGATIVE_OPERATORS, NOT, OR, TRUE_LEAF, normalize
from core.exceptions import ValidationError, invalid_field
from core.fields.base import Field
from core.fields.relational import Many2many, Many2one, One2many
from core.i18n import _

if TYPE_CHECKING:
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart

NEGATIVE_TO_POSITIVE = {"!=": "=", "<>": "=", "not like": "like", "not ilike": "ilike", "not in": "in",
                        "not any": "any"}


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class DomainCompiler:
    """Turns domains on ``model`` into conditions over ``table`` (the model's table or an alias)."""

    def __init__(self, model: ModelPart, table: sa.FromClause) -> None:
        self.model = model
        self.table = table
        self.fields = model._fields

    # -- entry -----------------------------------------------------------------------------
    def compile(self, domain: Any) -> sa.ColumnElement[bool]:
        items = normalize(domain)
        if not items:
            return sa.true()
        position = 0

        def parse() -> sa.ColumnElement[bool]:
            nonlocal position
            item = items[position]
            position += 1
            if item == NOT:
                if self._on_secret(items[position]):
                    return parse()  # neutral, negated or not
                return negate(parse())
            if item in (AND, OR):
                left, right = parse(), parse()
                return sa.and_(left, right) if item == AND else sa.or_(left, right)
            return self.leaf(item)

        return parse()

    def _on_secret(self, item: Any) -> bool:
        """Whether ``item`` is a leaf on a secret field of this model."""
        if not isinstance(item, (list, tuple)) or len(item) != 3 or not isinstance(item[0], str):
            return False
        field = self.fields.get(item[0].split(".")[0])
        return field is not None and field.secret

    # -- leaves ----------------------------------------------------------------------------
    def leaf(self, leaf: tuple[Any, str, Any]) -> sa.ColumnElement[bool]:
        if leaf == TRUE_LEAF:
            return sa.true()
        if leaf == FALSE_LEAF:
            return sa.false()
        path, operator, value = leaf
        names = path.split(".")
        field = self.fields.get(names[0])
        if field is None or field.groups and not self.model._field_accessible(field):
            raise invalid_field(names[0], self.model._name, leaf=leaf)
        if field.secret:
            return sa.true()  # ignored: a domain must never become a way to test a secret
        if len(names) > 1:
            return self._path_leaf(field, names, operator, value, leaf)
        if field.name == "id" and operator in ("child_of", "parent_of"):
            model = self.model.with_context(active_test=False)
            return self.table.c.id.in_(self._hierarchy(model, operator, value, leaf))
        if not field.column:
            return self._unstored_leaf(field, operator, value, leaf)
        if isinstance(field, Many2one):
            return self._many2one_leaf(field, operator, value, leaf)
        if isinstance(field, (One2many, Many2many)):
            return self._x2many_leaf(field, operator, value, leaf)
        return self._column_leaf(field, self._column(field), operator, value, leaf)

    def _column(self, field: Field) -> sa.ColumnElement[Any]:
        column: sa.ColumnElement[Any] = self.table.c[field.column_name]
        if field.translate:
            lang = self.model.env.lang
            column = sa.func.coalesce(column[lang].as_string(), column["en_US"].as_string())
        return column

    def _convert(self, field: Field, value: Any, leaf: Any) -> Any:
        if value is None or value is False and field.type != "boolean":
            return None
        if field.type in ("many2one", "one2many", "many2many", "integer") or field.name == "id":
            if hasattr(value, "_ids"):
                return value.id
            if isinstance(value, bool) or not isinstance(value, int):
                try:
                    return int(value)
                except (TypeError, ValueError):
                    raise ValidationError(_("Invalid value %(value)s in leaf %(leaf)s", value=repr(value),
                                            leaf=repr(leaf))) from None
            return value
        if field.translate:
            return value
        try:
            return field.convert_to_search(value, self.model)
        except ValidationError as error:
            raise ValidationError(_("Invalid value %(value)s in leaf %(leaf)s: %(reason)s", value=repr(value),
                                    leaf=repr(leaf), reason=error.message)) from None

    def _values(self, field: Field, value: Any, leaf: Any) -> list[Any]:
        if hasattr(value, "_ids"):
            return list(value._ids)
        if isinstance(value, (list, tuple, set, frozenset)):
            return [self._convert(field, item, leaf) if item is not False else False for item in value]
        return [self._convert(field, value, leaf)]

    def _column_leaf(self, field: Field, column: Any, operator: str, value: Any, leaf: Any) -> Any:
        if operator == "=?":
            if value is None or value is False:
                return sa.true()
            operator = "="
        if operator in ("in", "not in"):
            values = self._values(field, value, leaf)
            has_null = any(v is None or v is False for v in values)
            values = [v for v in values if v is not None and v is not False]
            if field.type == "boolean" and has_null:
                values.append(False)
            condition = column.in_(values) if values else sa.false()
            if has_null or field.type == "boolean" and False in values:
                condition = sa.or_(condition, column.is_(None))
            if operator == "not in":
                return sa.not_(condition) if has_null else sa.or_(sa.not_(condition), column.is_(None))
            return condition
        if operator in ("like", "ilike", "not like", "not ilike", "=like", "=ilike"):
            if value is None or value is False:
                condition = column.is_(None)
                return sa.not_(condition) if operator.startswith("not") else condition
            text = str(value)
            positive = operator.replace("not ", "")
            if positive in ("like", "ilike"):
                pattern = f"%{_escape_like(text)}%"
                escape = "\\"
            else:
                pattern, escape = text, None
            expression = (
                sa.cast(column, sa.String)
                if field.type not in ("char", "text", "html", "selection")
                else column
            )
            if positive.endswith("ilike"):
                condition = expression.ilike(pattern, escape=escape)
            else:
                condition = expression.like(pattern, escape=escape)
            if operator.startswith("not"):
                return sa.or_(sa.not_(condition), column.is_(None))
            return condition
        if operator in ("child_of", "parent_of", "any", "not any"):
            raise ValidationError(_("Invalid leaf %(leaf)s: operator %(operator)r needs a relational field",
                                    leaf=repr(leaf), operator=operator))
        converted = self._convert(field, value, leaf)
        if operator in ("=", "!=", "<>"):
            if converted is None:
                condition = column.is_(None)
                if field.type in ("char", "text", "html"):
                    condition = sa.or_(condition, column == "")
                return condition if operator == "=" else sa.not_(condition)
            if field.type == "boolean" and converted is False:
                condition = sa.or_(column.is_(None), column == sa.false())
                return condition if operator == "=" else sa.not_(condition)
            if operator == "=":
                return column == converted
            return sa.or_(column != converted, column.is_(None))
        if converted is None:
            return sa.false()
        return {">": column > converted, ">=": column >= converted, "<": column < converted,
                "<=": column <= converted}[operator]

    # -- relational ------------------------------------------------------------------------
    def _comodel(self, field: Field, active_test: bool = False) -> BaseModel:
        comodel = self.model.env[field.attrs["comodel_name"]]
        if not active_test:
            comodel = comodel.with_context(active_test=False)
        return comodel

    def _many2one_leaf(self, field: Many2one, operator: str, value: Any, leaf: Any) -> Any:
        column = self.table.c[field.column_name]
        if operator in ("any", "not any"):
            ids = self._comodel(field)._subquery_ids(value)
            condition = column.in_(ids)
            return condition if operator == "any" else sa.or_(sa.not_(condition), column.is_(None))
        if operator in ("child_of", "parent_of"):
            if field.comodel_name == self.model._name:
                # the field itself is the hierarchy, as in Odoo: X and its descendants (or ancestors)
                tree = self._hierarchy(self._comodel(field), operator, value, leaf, parent_name=field.name)
                return self.table.c.id.in_(tree)
            return column.in_(self._hierarchy(self._comodel(field), operator, value, leaf))
        if self._is_name_search(value, operator):
            return self._by_name(field, column, operator, value)
        return self._column_leaf(field, column, operator, value, leaf)

    @staticmethod
    def _is_name_search(value: Any, operator: str) -> bool:
        if isinstance(value, str):
            return True
        if operator in ("in", "not in") and isinstance(value, (list, tuple)):
            return any(isinstance(v, str) for v in value)
        return False

    def _by_name(self, field: Field, column: Any, operator: str, value: Any) -> Any:
        comodel = self._comodel(field)
        positive = NEGATIVE_TO_POSITIVE.get(operator, operator)
        rec_name = comodel._rec_name_field()
        ids = comodel._subquery_ids([(rec_name, positive, value)])
        condition = column.in_(ids)
        return sa.or_(sa.not_(condition), column.is_(None)) if operator in NEGATIVE_OPERATORS else condition

    def _x2many_ids(self, field: One2many | Many2many, co_ids: Any) -> sa.Select[Any]:
        """Ids of this model linked through ``field`` to the comodel ids of ``co_ids``."""
        comodel = self._comodel(field)
        if isinstance(field, One2many):
            inverse = comodel._fields[field.attrs["inverse_name"]]
            if not inverse.column:
                raise ValidationError(_("Field %(field)s cannot be searched: its inverse is not stored",
                                        field=str(field)))
            alias = comodel._table.alias()
            query = sa.select(alias.c[inverse.column_name]).where(alias.c[inverse.column_name].is_not(None))
            model_field = inverse.attrs.get("model_field")
            if model_field:  # a res_id-style inverse holds ids of any model: keep this model's rows
                query = query.where(alias.c[comodel._fields[model_field].column_name] == self.model._name)
            return query if co_ids is None else query.where(alias.c.id.in_(co_ids))
        relation = self.model.env.registry.relation_table(field)
        query = sa.select(relation.c[field.column1])
        return query if co_ids is None else query.where(relation.c[field.column2].in_(co_ids))

    def _x2many_leaf(self, field: One2many | Many2many, operator: str, value: Any, leaf: Any) -> Any:
        id_column = self.table.c.id
        if operator in ("any", "not any"):
            comodel = self._comodel(field, active_test=True)
            condition = id_column.in_(self._x2many_ids(field, comodel._subquery_ids(value)))
            return condition if operator == "any" else sa.not_(condition)
        if operator in ("child_of", "parent_of"):
            ids = self._hierarchy(self._comodel(field), operator, value, leaf)
            return id_column.in_(self._x2many_ids(field, ids))
        if value is False or value is None or value == []:
            exists = id_column.in_(self._x2many_ids(field, None))
            if operator in ("=", "in"):
                return sa.not_(exists)
            if operator in ("!=", "<>", "not in"):
                return exists
        positive = NEGATIVE_TO_POSITIVE.get(operator, operator)
        comodel = self._comodel(field)
        if self._is_name_search(value, positive):
            co_ids: Any = comodel._subquery_ids([(comodel._rec_name_field(), positive, value)])
        elif positive in ("=", "in"):
            co_ids = [v for v in self._values(field, value, leaf) if v is not None and v is not False]
        else:
            co_ids = comodel._subquery_ids([("id", positive, value)])
        condition = id_column.in_(self._x2many_ids(field, co_ids))
        return sa.not_(condition) if operator in NEGATIVE_OPERATORS else condition

    def _path_leaf(self, field: Field, names: list[str], operator: str, value: Any, leaf: Any) -> Any:
        if not isinstance(field, (Many2one, One2many, Many2many)):
            if field.related and not field.column:
                return self.leaf((".".join(field.related_path + names[1:]), operator, value))
            raise ValidationError(_("Invalid leaf %(leaf)s: '%(field)s' is not a relational field",
                                    leaf=repr(leaf), field=names[0]))
        rest = ".".join(names[1:])
        if isinstance(field, Many2one):
            if not field.column:
                return self.leaf((".".join(field.related_path + names[1:]), operator, value))
            ids = self._comodel(field)._subquery_ids([(rest, operator, value)])
            return self.table.c[field.column_name].in_(ids)
        comodel = self._comodel(field, active_test=True)
        if operator in NEGATIVE_OPERATORS:
            ids = comodel._subquery_ids([(rest, NEGATIVE_TO_POSITIVE[operator], value)])
            return sa.not_(self.table.c.id.in_(self._x2many_ids(field, ids)))
        ids = comodel._subquery_ids([(rest, operator, value)])
        return self.table.c.id.in_(self._x2many_ids(field, ids))

    def _unstored_leaf(self, field: Field, operator: str, value: Any, leaf: Any) -> Any:
        if field.search_method:
            domain = getattr(self.model, field.search_method)(operator, value)
            return self.compile(domain)
        if field.related:
            return self.leaf((field.related, operator, value))
        if isinstance(field, (One2many, Many2many)):
            return self._x2many_leaf(field, operator, value, leaf)
        raise ValidationError(_("Invalid leaf %(leaf)s: field '%(field)s' of %(model)s is not stored and "
                                "cannot be searched", leaf=repr(leaf), field=field.name,
                                model=self.model._name))

    # -- hierarchies -----------------------------------------------------------------------
    def _hierarchy(self, comodel: BaseModel, operator: str, value: Any, leaf: Any,
                   parent_name: str | None = None) -> Any:
        parent_name = parent_name or comodel._parent_name
        if not parent_name or parent_name not in comodel._fields:
            raise ValidationError(
                f"Invalid leaf {leaf!r}: {comodel._name} has no parent field for {operator}"
            )
        if isinstance(value, str) or (
            isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value)
        ):
            start: Any = comodel._subquery_ids([(comodel._rec_name_field(), "ilike" if isinstance(value, str)
                                                  else "in", value)])
        else:
            start = [v for v in self._values(comodel._fields["id"], value, leaf) if v]
        table = comodel._table
        parent = table.c[comodel._fields[parent_name].column_name]
        if operator == "child_of":
            seed = sa.select(table.c.id.label("id")).where(table.c.id.in_(start))
            tree = seed.cte(recursive=True)
            step = sa.select(table.c.id).where(parent == tree.c.id)
        else:
            seed = sa.select(table.c.id.label("id")).where(table.c.id.in_(start))
            tree = seed.cte(recursive=True)
            child = table.alias()
            step = (
                sa.select(table.c.id)
                .join(child, child.c[parent.name] == table.c.id)
                .where(child.c.id == tree.c.id)
            )
        tree = tree.union(step)
        return sa.select(tree.c.id)


def negate(condition: Any) -> Any:
    """NOT that counts an unknown (NULL) condition as false, so ``!`` gives the exact complement."""
    return condition.is_not(sa.true())


def ids_condition(column: Any, ids: Iterable[int]) -> Any:
    ids = list(ids)
    return column.in_(ids) if ids else sa.false()
