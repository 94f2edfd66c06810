"""Searching: domains (with active_test and record rules) to SQL, ordering, counting, names."""
from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.domain.compile import DomainCompiler
from core.domain.parse import AND_, normalize
from core.exceptions import ValidationError, invalid_field
from core.i18n import _
from core.records.compute import flush_for_query
from core.records.model_part import ModelPart
from core.records.search_flush import flush_for_search

if TYPE_CHECKING:
    from core.records.model import BaseModel

_ORDER_TERM = re.compile(
    r"^\s*([a-z_][a-z0-9_]*)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$", re.IGNORECASE
)



_ORDER_ALIASES: weakref.WeakKeyDictionary[sa.Table, Any] = weakref.WeakKeyDictionary()


def order_alias(table: sa.Table) -> Any:
    """One alias per table for the subqueries that sort by a many2one's target: building an alias
    proxies every column of the table, too costly to repeat on each query (each subquery is its
    own scope, so sharing the alias is sound)."""
    alias = _ORDER_ALIASES.get(table)
    if alias is None:
        alias = _ORDER_ALIASES[table] = table.alias()
    return alias

class SearchMixin(ModelPart):
    """Part of BaseModel: search and friends."""

    def _active_domain(self, domain: list[Any]) -> list[Any]:
        if "active" not in self._fields or not self.env.context.get("active_test", True):
            return domain
        for element in domain:
            if isinstance(element, (list, tuple)) and len(element) == 3 and element[0] == "active":
                return domain
        return AND_([[("active", "=", True)], domain]) if domain else [("active", "=", True)]

    def _where_condition(self, domain: Any, table: sa.FromClause, operation: str = "read") -> Any:
        """The condition of ``domain`` + the model's ``_extra_search_domain`` + active_test + record
        rules over ``table``, narrowed by the model's ``_narrow_search``."""
        domain = normalize(domain)
        extra = self._extra_search_domain(domain)
        if extra:
            domain = AND_([list(extra), domain]) if domain else list(extra)
        domain = self._active_domain(domain)
        condition = DomainCompiler(self, table).compile(domain)
        rule = self._rule_condition(operation, table)
        condition = condition if rule is None else sa.and_(condition, rule)
        return self._narrow_search(condition, table, operation)

    def _subquery_ids(self, domain: Any) -> sa.Select[Any]:
        """``SELECT id`` of the records matching ``domain``, to nest in another query."""
        self._check_access("read")
        alias = self._table.alias()
        return sa.select(alias.c.id).where(self._where_condition(domain, alias))

    def _order_by(self, order: str | None, table: sa.FromClause) -> list[Any]:
        """ORDER BY terms for an Odoo order spec; always ends with id for stable pages."""
        spec = order or self._order or "id"
        terms: list[Any] = []
        has_id = False
        for part in spec.split(","):
            if not part.strip():
                continue
            match = _ORDER_TERM.match(part)
            if not match:
                raise ValidationError(
                    _(
                        'Invalid "order" specified (%(order)s). A valid "order" specification is '
                        "a comma-separated list of valid field names (optionally followed by "
                        "asc/desc for the direction)",
                        order=spec,
                    )
                )
            name, direction, nulls = match.group(1), (match.group(2) or "asc").lower(), match.group(3)
            field = self._fields.get(name)
            if field is None:
                raise invalid_field(name, self._name)
            if field.secret:
                raise ValidationError(_('Invalid "order" specified (%(order)s): field %(field)r is secret '
                                        "and cannot be sorted on", order=spec, field=name))
            has_id = has_id or name == "id"
            expression = self._order_expression(field, table)
            if expression is None:
                raise ValidationError(
                    _(
                        'Invalid "order" specified (%(order)s): field %(field)r is not stored',
                        order=spec,
                        field=name,
                    )
                )
            term = expression.desc() if direction == "desc" else expression.asc()
            if nulls:
                term = term.nulls_first() if nulls.lower() == "first" else term.nulls_last()
            elif name != "id":
                term = term.nulls_first() if direction == "desc" else term.nulls_last()
            terms.append(term)
        if not has_id:
            terms.append(table.c.id.asc())
        return terms

    def _order_expression(self, field: Any, table: sa.FromClause) -> Any:
        if not field.column:
            return None
        column = table.c[field.column_name]
        if field.translate:
            lang = self.env.lang
            return sa.func.coalesce(column[lang].as_string(), column["en_US"].as_string())
        if field.type == "many2one":
            comodel = self.env[field.comodel_name]
            co_order = (comodel._order or "id").split(",")[0].split()[0]
            co_field = comodel._fields.get(co_order)
            if (
                co_field is None
                or not co_field.column
                or co_field.type == "many2one"
                or comodel._name == self._name
            ):
                return column
            alias = order_alias(comodel._table)
            value = alias.c[co_field.column_name]
            if co_field.translate:
                value = sa.func.coalesce(value[self.env.lang].as_string(), value["en_US"].as_string())
            return sa.select(value).where(alias.c.id == column).scalar_subquery()
        return column

    def _search(self, domain: Any = None, offset: int = 0, limit: int | None = None,
                order: str | None = None) -> list[int]:
        """Ids matching ``domain`` in ``order``."""
        self._check_access("read")
        flush_for_search(self, domain, order)
        table = self._table
        statement = sa.select(table.c.id).where(self._where_condition(domain or [], table))
        statement = statement.order_by(*self._order_by(order, table))
        statement = self._paginate(statement, offset, limit)
        return [row[0] for row in self.env.cr.execute(statement)]

    @staticmethod
    def _paginate(statement: Any, offset: Any, limit: Any) -> Any:
        if offset:
            try:
                offset = int(offset)
            except (TypeError, ValueError):
                raise ValidationError(
                    _("Invalid offset %(value)r: expected a number", value=offset)
                ) from None
            if offset < 0:
                raise ValidationError(_("Invalid offset %(value)r: must not be negative", value=offset))
            statement = statement.offset(offset)
        if limit is not None and limit is not False:
            try:
                limit = int(limit)
            except (TypeError, ValueError):
                raise ValidationError(_("Invalid limit %(value)r: expected a number", value=limit)) from None
            if limit < 0:
                raise ValidationError(_("Invalid limit %(value)r: must not be negative", value=limit))
            statement = statement.limit(limit)
        return statement

    def search(self, domain: Any = None, offset: int = 0, limit: int | None = None,
               order: str | None = None) -> BaseModel:
        """Records matching ``domain`` (Odoo syntax), ordered and paginated."""
        return self.browse(self._search(domain, offset, limit, order))

    def search_count(self, domain: Any = None, limit: int | None = None) -> int:
        self._check_access("read")
        flush_for_query(self)
        table = self._table
        condition = self._where_condition(domain or [], table)
        if limit:
            # counting stops at ``limit``: only a subquery can say so; never sorted, nothing joined
            inner = sa.select(table.c.id).where(condition).limit(int(limit))
            statement = sa.select(sa.func.count()).select_from(inner.subquery())
        else:
            statement = sa.select(sa.func.count()).select_from(table).where(condition)
        return int(self.env.cr.execute(statement).scalar() or 0)

    def search_fetch(self, domain: Any, field_names: list[str], offset: int = 0,
                     limit: int | None = None, order: str | None = None) -> BaseModel:
        """Search and cache the stored columns of ``field_names`` in the same query."""
        self._check_access("read")
        fields = self._check_field_names(field_names)
        flush_for_query(self)
        table = self._table
        columns = list(dict.fromkeys(self._prefetchable_columns()
                                     + [f for f in fields if f.column and not f.secret]))
        statement = sa.select(table.c.id, *(table.c[f.column_name] for f in columns))
        statement = statement.where(self._where_condition(domain or [], table))
        statement = self._paginate(statement.order_by(*self._order_by(order, table)), offset, limit)
        cache = self.env.cache
        targets = [
            (cache.field_values(f), f.convert_from_column if f.needs_from_column else None) for f in columns
        ]
        ids = []
        for row in self.env.cr.execute(statement):
            record_id = row[0]
            ids.append(record_id)
            for (values, convert), value in zip(targets, row[1:]):
                values[record_id] = convert(value) if convert is not None and value is not None else value
        secrets = [f for f in fields if f.secret and f.column]
        if secrets:
            self._blank_secrets(secrets, ids)
        return self.browse(ids)

    def search_read(self, domain: Any = None, fields: list[str] | None = None, offset: int = 0,
                    limit: int | None = None, order: str | None = None, load: str | None = "_classic_read"
                    ) -> list[dict[str, Any]]:
        records = self.search_fetch(domain, fields or [], offset, limit, order)
        if not records:
            return []
        return records._read_rows(fields, load, just_searched=True)

    def name_search(self, name: str = "", args: Any = None, operator: str = "ilike",
                    limit: int | None = 100) -> list[tuple[int, str]]:
        """(id, display name) of records whose name matches ``name``."""
        ids = self._name_search(name, args or [], operator, limit)
        return self.browse(ids)._display_names()

    def _name_search(self, name: str, domain: list[Any], operator: str = "ilike",
                     limit: int | None = 100, order: str | None = None) -> list[int]:
        """Override point: the ids of the records whose name matches ``name`` with ``operator``, within
        ``domain``; ``name_search`` and the name lookups of imports call it. Matches the record name."""
        if name or operator not in ("ilike", "like", "=ilike", "=like"):
            domain = AND_([[(self._rec_name_field(), operator, name)], domain])
        return self._search(domain, limit=limit, order=order)

    def name_create(self, name: str) -> tuple[int, str]:
        rec_name = self._rec_name_field()
        if rec_name == "id":
            raise ValidationError(_("Cannot create a %(model)s record from a name: it has no name field.",
                                    model=self._name))
        record = self.create({rec_name: name})
        return record._display_names()[0]
