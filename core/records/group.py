"""read_group: grouping and aggregation in SQL, answered in Odoo's shape."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from babel.dates import format_date
from dateutil.relativedelta import relativedelta

from core.db.sql import NoIndex
from core.domain.parse import AND_
from core.exceptions import ValidationError, invalid_field
from core.fields.relational import Many2one
from core.fields.selection import Selection
from core.i18n import _
from core.records.compute import flush_for_query
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    from core.fields.base import Field

GRANULARITIES = ("day", "week", "month", "quarter", "year")
AGGREGATES = {"sum", "avg", "min", "max", "count", "count_distinct", "bool_and", "bool_or", "array_agg"}
_SPEC = re.compile(r"^\s*(\w+)\s*(?::\s*(\w+)(?:\((\w+)\))?)?\s*$")
_STEP = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
         "quarter": relativedelta(months=3), "year": relativedelta(years=1)}
_LABEL = {
    "day": "dd MMM yyyy",
    "week": "'W'w YYYY",
    "month": "MMMM yyyy",
    "quarter": "QQQ yyyy",
    "year": "yyyy",
}


def _utc_text(day: dt.date, zone: ZoneInfo | None) -> str:
    """The UTC time of midnight starting ``day`` in ``zone``, as datetimes are stored and compared."""
    midnight = dt.datetime.combine(day, dt.time())
    if zone is not None:
        midnight = midnight.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)
    return f"{midnight:%Y-%m-%d %H:%M:%S}"


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _GroupBy:
    def __init__(self, spec: str, field: Field, granularity: str | None) -> None:
        self.spec, self.field, self.granularity = spec, field, granularity


class GroupMixin(ModelPart):
    """Part of BaseModel: read_group (its steps are the functions below)."""

    def read_group(
        self,
        domain: Any,
        fields: list[str],
        groupby: Any,
        offset: int = 0,
        limit: int | None = None,
        orderby: str | None = None,
        lazy: bool = True,
    ) -> list[dict[str, Any]]:
        """Groups of the records matching ``domain``, with counts and aggregates computed in SQL."""
        self._check_access("read")
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        parsed = [parse_groupby(self, spec) for spec in groupby]
        used = parsed[:1] if lazy and parsed else parsed
        aggregates = parse_aggregates(self, fields, parsed)
        flush_for_query(self)
        table = self._table
        domain = list(domain or [])
        condition = self._where_condition(domain, table)
        group_columns = [group_expression(self, g, table).label(f"g{i}") for i, g in enumerate(used)]
        if self.env.cr.dialect == "sqlite" and not isinstance(condition, sa.sql.elements.True_):
            # with a filter, SQLite would walk the group column's index and fetch the rows from it one
            # by one; a plain scan grouped in a temporary tree is about twice as fast
            group_columns = [NoIndex(c.element).label(c.name) if not g.granularity else c
                             for g, c in zip(used, group_columns)]
        agg_columns = [aggregate_expression(function, table.c[field.column_name]).label(f"a{i}")
                       for i, (_alias, function, field) in enumerate(aggregates)]
        statement = sa.select(*group_columns, sa.func.count().label("n"), *agg_columns)
        statement = statement.where(condition)
        if group_columns:
            statement = statement.group_by(*(c.element for c in group_columns))
            statement = statement.order_by(
                *group_order(self, used, group_columns, aggregates, agg_columns, orderby, table)
            )
        statement = self._paginate(statement, offset, limit)
        rows = list(self.env.cr.execute(statement))
        groups = [group_result(self, row, used, aggregates, domain, groupby, lazy) for row in rows]
        label_many2one_groups(self, groups, used)
        if lazy and used and used[0].field.group_expand and not offset and not limit:
            groups = expand_groups(self, groups, used[0], aggregates, domain, groupby)
        return groups


def parse_groupby(records: ModelPart, spec: str) -> _GroupBy:
    name, _colon, granularity = spec.partition(":")
    field = records._fields.get(name.strip())
    if field is None:
        raise invalid_field(name, records._name)
    if not field.column:
        raise ValidationError(_("Field %(field)s of %(model)s is not stored and cannot be grouped by.",
                                field=field.label(), model=records._name))
    if field.secret:
        raise ValidationError(_("Field %(field)s of %(model)s is secret: it cannot be grouped by or "
                                "aggregated.", field=field.label(), model=records._name))
    if field.type in ("date", "datetime"):
        granularity = granularity or "month"
        if granularity not in GRANULARITIES:
            raise ValidationError(
                _(
                    "Invalid granularity %(g)r in %(spec)r: expected one of %(all)s",
                    g=granularity,
                    spec=spec,
                    all=", ".join(GRANULARITIES),
                )
            )
        return _GroupBy(f"{field.name}:{granularity}", field, granularity)
    if granularity:
        raise ValidationError(_("Invalid group-by %(spec)r: only dates take a granularity", spec=spec))
    return _GroupBy(field.name, field, None)


def group_expression(records: ModelPart, groupby: _GroupBy, table: sa.FromClause) -> Any:
    column: sa.ColumnElement[Any] = table.c[groupby.field.column_name]
    if not groupby.granularity:
        if groupby.field.translate:
            return sa.func.coalesce(column[records.env.lang].as_string(), column["en_US"].as_string())
        return column
    unit = groupby.granularity
    zone = group_zone(records, groupby)
    if records.env.cr.dialect == "postgresql":
        if zone:  # the stored UTC time, as a wall-clock time of the user's zone
            column = sa.func.timezone(zone.key, sa.func.timezone("UTC", column))
        return sa.func.date_trunc(unit, column)
    if zone:
        column = sa.func.erp_local_time(column, zone.key)  # registered on every SQLite connection
    if unit == "day":
        return sa.func.date(column)
    if unit == "month":
        return sa.func.strftime("%Y-%m-01", column)
    if unit == "year":
        return sa.func.strftime("%Y-01-01", column)
    if unit == "quarter":
        month = sa.cast(sa.func.strftime("%m", column), sa.Integer)
        return sa.func.printf("%s-%02d-01", sa.func.strftime("%Y", column), ((month - 1) // 3) * 3 + 1)
    weekday = (sa.cast(sa.func.strftime("%w", column), sa.Integer) + 6) % 7
    return sa.func.date(column, sa.literal("-") + sa.cast(weekday, sa.String) + sa.literal(" days"))


def group_zone(records: ModelPart, groupby: _GroupBy) -> ZoneInfo | None:
    """The time zone datetimes are grouped in: the context's ``tz`` (days, weeks and months begin at
    the user's midnight, as in Odoo), none for dates, UTC or an unknown zone."""
    if groupby.field.type != "datetime":
        return None
    zone = records.env.tzinfo
    return None if zone.key == "UTC" else zone


def parse_aggregates(
    records: ModelPart, fields: list[str], groupbys: list[_GroupBy]
) -> list[tuple[str, str, Field]]:
    grouped = {g.field.name for g in groupbys}
    result: list[tuple[str, str, Field]] = []
    for spec in fields or ():
        if spec == "__count":
            continue
        match = _SPEC.match(spec)
        if not match:
            raise ValidationError(_("Invalid aggregate specification %(spec)r", spec=spec))
        alias, function, source = match.group(1), match.group(2), match.group(3)
        field_name = source or alias
        field = records._fields.get(field_name)
        if field is None:
            raise invalid_field(field_name, records._name)
        if field.name in grouped:
            continue
        if function is None:
            function = field.aggregator
            if function is None or not field.column or field.secret:
                continue
        if field.secret:
            raise ValidationError(_("Field %(field)s of %(model)s is secret: it cannot be grouped by or "
                                    "aggregated.", field=field.label(), model=records._name))
        if function not in AGGREGATES:
            raise ValidationError(
                _("Invalid aggregate function %(function)r in %(spec)r", function=function, spec=spec)
            )
        if not field.column:
            raise ValidationError(
                _(
                    "Field %(field)s of %(model)s is not stored and cannot be aggregated.",
                    field=field.label(),
                    model=records._name,
                )
            )
        result.append((alias, function, field))
    return result


def aggregate_expression(function: str, column: Any) -> Any:
    if function == "count_distinct":
        return sa.func.count(sa.distinct(column))
    if function == "bool_and":
        return sa.func.min(sa.cast(column, sa.Integer))
    if function == "bool_or":
        return sa.func.max(sa.cast(column, sa.Integer))
    return getattr(sa.func, function)(column)


def group_order(records: ModelPart, used: list[_GroupBy], group_columns: list[Any], aggregates: list[Any],
                 agg_columns: list[Any], orderby: str | None, table: sa.FromClause) -> list[Any]:
    terms: list[Any] = []
    if orderby:
        by_name = {g.spec: col for g, col in zip(used, group_columns)}
        by_name.update({g.field.name: col for g, col in zip(used, group_columns)})
        by_name.update({alias: col for (alias, _f, _fld), col in zip(aggregates, agg_columns)})
        by_name["__count"] = sa.literal_column("n")
        for part in orderby.split(","):
            words = part.split()
            if not words:
                continue
            column = by_name.get(words[0])
            if column is None:
                raise ValidationError(
                    _(
                        'Invalid "orderby" %(order)r for read_group: %(name)r is neither a '
                        "group-by nor an aggregate",
                        order=orderby,
                        name=words[0],
                    )
                )
            descending = len(words) > 1 and words[1].lower() == "desc"
            expression: sa.ColumnClause[Any] = sa.literal_column(column.name)
            terms.append(expression.desc() if descending else expression.asc())
        return terms
    for groupby, column in zip(used, group_columns):
        if isinstance(groupby.field, Many2one):
            # the comodel's order, looked up once per group: the subquery only uses the grouped column
            expression = records._order_expression(groupby.field, table)
            terms.append(expression.asc().nulls_last())
        else:
            terms.append(column.element.asc().nulls_last())
    return terms


def group_value(records: ModelPart, groupby: _GroupBy, value: Any) -> Any:
    if value is None:
        return None
    if groupby.granularity:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        if isinstance(value, dt.datetime):
            value = value.date()
    return value


def group_result(
    records: ModelPart,
    row: Any,
    used: list[_GroupBy],
    aggregates: list[Any],
    domain: list[Any],
    groupby: list[str],
    lazy: bool,
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    group_domain: list[Any] = []
    for i, groupby_item in enumerate(used):
        value = group_value(records, groupby_item, row[i])
        key, leaf_domain, extra = group_key(records, groupby_item, value)
        result[groupby_item.spec] = key
        group_domain.extend(leaf_domain)
        if extra:
            result.setdefault("__range", {}).update(extra)
    count = row[len(used)]
    if lazy:
        count_key = f"{used[0].field.name}_count" if used else "__count"
        result[count_key] = count
    else:
        result["__count"] = count
    for j, (alias, function, field) in enumerate(aggregates):
        value = row[len(used) + 1 + j]
        if function in ("bool_and", "bool_or") and value is not None:
            value = bool(value)
        if (
            field.type in ("float", "monetary")
            and value is not None
            and function in ("sum", "avg", "min", "max")
        ):
            value = float(value)
        result[alias] = value if value is not None else False
    result["__domain"] = AND_([domain, group_domain]) if group_domain else list(domain)
    if lazy and len(groupby) > 1:
        result["__context"] = {"group_by": groupby[1:]}
    return result


def group_key(records: ModelPart, groupby: _GroupBy, value: Any) -> tuple[Any, list[Any], dict[str, Any]]:
    name = groupby.field.name
    if groupby.granularity:
        if value is None:
            return False, [(name, "=", False)], {groupby.spec: False}
        start = value
        end = start + _STEP[groupby.granularity]
        if groupby.field.type == "datetime":
            start_s, end_s = (_utc_text(day, group_zone(records, groupby)) for day in (start, end))
        else:
            start_s, end_s = f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"
        label = format_date(start, _LABEL[groupby.granularity], locale=records.env.lang)
        return (label, ["&", (name, ">=", start_s), (name, "<", end_s)],
                {groupby.spec: {"from": start_s, "to": end_s}})
    if value is None:
        return False, [(name, "=", False)], {}
    return value, [(name, "=", value)], {}


def label_many2one_groups(records: ModelPart, groups: list[dict[str, Any]], used: list[_GroupBy]) -> None:
    for groupby in used:
        if not isinstance(groupby.field, Many2one):
            continue
        # one name lookup for every group; False (the empty group) is a bool, not an id
        ids = list(dict.fromkeys(g[groupby.spec] for g in groups if _is_id(g[groupby.spec])))
        if not ids:
            continue
        names = dict(records.env[groupby.field.comodel_name].sudo().browse(ids)._display_names())
        for group in groups:
            value = group[groupby.spec]
            if _is_id(value):
                group[groupby.spec] = (value, names.get(value, ""))


def expand_groups(
    records: ModelPart,
    groups: list[dict[str, Any]],
    groupby: _GroupBy,
    aggregates: list[Any],
    domain: list[Any],
    specs: list[str],
) -> list[dict[str, Any]]:
    """Add the empty groups of a field declared ``group_expand`` (every stage of a pipeline)."""
    field = groupby.field
    if isinstance(field, Many2one):
        comodel = records.env[field.comodel_name]
        expand = field.group_expand
        if isinstance(expand, str):
            values = getattr(records, expand)(comodel.browse(), domain)
        else:
            values = comodel.search([])
        all_ids = list(values._ids)
        present = {g[groupby.spec][0] for g in groups if g[groupby.spec]}
        fold = "fold" in comodel._fields
        count_key = f"{field.name}_count"
        by_id = {g[groupby.spec][0]: g for g in groups if g[groupby.spec]}
        names = dict(comodel.sudo().browse(all_ids)._display_names())
        result = []
        for co_id in all_ids:
            group = by_id.get(co_id)
            if group is None:
                group = {groupby.spec: (co_id, names.get(co_id, "")), count_key: 0}
                for alias, _function, _field in aggregates:
                    group[alias] = False
                group["__domain"] = AND_([domain, [(field.name, "=", co_id)]])
                if len(specs) > 1:
                    group["__context"] = {"group_by": specs[1:]}
            result.append(group)
        result.extend(g for g in groups if not g[groupby.spec] or g[groupby.spec][0] not in set(all_ids))
        if fold:
            folded = {r.id: r.fold for r in comodel.sudo().browse(all_ids)}
            for group in result:
                key = group[groupby.spec]
                group["__fold"] = bool(key and folded.get(key[0]))
        del present
        return result
    if isinstance(field, Selection):
        by_value = {g[groupby.spec]: g for g in groups}
        result = []
        for value, _label in field.options(records):
            group = by_value.pop(value, None)
            if group is None:
                group = {groupby.spec: value, f"{field.name}_count": 0, "__domain":
                         AND_([domain, [(field.name, "=", value)]])}
                for alias, _function, _field in aggregates:
                    group[alias] = False
            result.append(group)
        result.extend(by_value.values())
        return result
    return groups
