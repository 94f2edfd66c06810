"""One new record in as few statements as possible: a single create is the API's commonest call.

Its precomputed fields are computed before the INSERT under a placeholder id, as Odoo computes them on a
new record that has no id yet. A value that refers to the record itself (res.partner's commercial entity
is the partner) is given the new id inside the INSERT, which picks the id itself: no statement reserves it
first. On PostgreSQL, the record's links to existing records (many2many SET and LINK commands) are inserted
by the same statement, as data-modifying CTEs, and the statement tells how many it inserted so a missing
target is still named.
"""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.db.bulk import next_id_select
from core.fields.commands import CLEAR, LINK, SET, UNLINK, normalize_commands
from core.fields.relational import Many2many
from core.records.integrity import translate_integrity_error
from core.records.precompute import precompute_new
from core.records.x2many import check_targets_exist

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.create import CreateMixin, CreatePlan

_placeholders = itertools.count()
LINK_CODES = (LINK, SET, UNLINK, CLEAR)  # what a new record's links may say without touching other records


def placeholder_id() -> int:
    """An id no record has: negative, and in PostgreSQL's integer range since a compute may search with it;
    each call gives another, so a create nested in a compute does not share it."""
    return -(2**31 - 1) + next(_placeholders) % 10**9


def create_one(model: CreateMixin, plan: CreatePlan, row: dict[Field, Any], others: dict[Field, Any],
               todo: list[Field]) -> tuple[int, set[Field], dict[Field, Any]]:
    """Insert one record from its column values ``row`` and cache it; its id, the fields precomputed into
    its row, and what remains of ``others`` to write after the INSERT."""
    own: list[Field] = []
    precomputed: set[Field] = set()
    if todo:
        row, own, precomputed = _precompute(model, row, others, todo)
    links = _links_to_fold(model, others) if model.env.cr.dialect == "postgresql" else {}
    if own or links:
        record_id = _insert(model, plan, row, own, links)
        row = {**row, **{field: record_id for field in own}}
    else:
        record_id = model._insert([row])[0]
    model._cache_created([record_id], [row], [others])
    cache = model.env.cache
    for field, targets in links.items():
        cache.set(field, record_id, tuple(targets))
    if links:
        model.env.cr.state.prefetch.clear()
    return record_id, precomputed, {f: v for f, v in others.items() if f not in links}


def _precompute(model: CreateMixin, row: dict[Field, Any], others: dict[Field, Any],
                todo: list[Field]) -> tuple[dict[Field, Any], list[Field], set[Field]]:
    """``row`` with its precomputed values, the fields whose value is the record itself, and the fields
    precomputed; nothing stays cached under the placeholder."""
    unsaved = placeholder_id()
    model._cache_created([unsaved], [row], [others])
    try:
        precomputed = precompute_new(model, [unsaved], [row], todo)
        cache = model.env.cache
        values = {field: cache.get(field, unsaved) for field in precomputed}
    finally:
        model._forget_unsaved([unsaved])
    own = [field for field, value in values.items() if value == unsaved and field not in row]
    return {**values, **row}, own, precomputed


def _links_to_fold(model: CreateMixin, others: dict[Field, Any]) -> dict[Many2many, list[int]]:
    """Many2many fields whose commands only link existing records, with the ids they link."""
    links: dict[Many2many, list[int]] = {}
    for field, value in others.items():
        if not isinstance(field, Many2many) or field.related or field.inverse:
            continue
        commands = normalize_commands(field, value)
        if any(command[0] not in LINK_CODES for command in commands):
            continue
        targets: list[int] = []
        for command in commands:
            if command[0] == LINK and command[1] not in targets:
                targets.append(command[1])
            elif command[0] == UNLINK:
                targets = [i for i in targets if i != command[1]]
            elif command[0] == CLEAR:
                targets = []
            elif command[0] == SET:
                targets = list(dict.fromkeys(command[2]))
        links[field] = targets
    return links


def _insert(model: CreateMixin, plan: CreatePlan, row: dict[Field, Any], own: list[Field],
            links: dict[Many2many, list[int]]) -> int:
    """The INSERT choosing the new id for the columns in ``own``, with the links of ``links``."""
    cr = model.env.cr
    table = model._table
    params = model._insert_params(plan, [row])[0]
    values: dict[str, Any] = dict(params)
    if own:
        new = next_id_select(cr, table).cte("new_id")
        new_id = sa.select(new.c.id).scalar_subquery()
        values.update({"id": new_id, **{field.column_name: new_id for field in own}})
    statement: Any = sa.insert(table).values(values).returning(table.c.id)
    counts: list[tuple[Many2many, int]] = []
    if links:
        cr.flush()  # the targets' existence is checked by the statement itself
        inserted = statement.cte("new_row")
        columns: list[Any] = [inserted.c.id]
        for index, (field, targets) in enumerate(links.items()):
            if not targets:
                continue
            columns.append(_link_count(model, field, targets, inserted, index))
            counts.append((field, len(targets)))
        statement = sa.select(*columns)
    try:
        result = cr.execute(statement).one()
    except IntegrityError as error:
        raise translate_integrity_error(model, error, [params]) from None
    record_id = int(result[0])
    for (field, wanted), found in zip(counts, result[1:]):
        if found != wanted:
            _undo_links(model, record_id, links)
            check_targets_exist(model, model.env[field.comodel_name], set(links[field]), field)
    return record_id


def _link_count(model: CreateMixin, field: Many2many, targets: list[int], inserted: Any, index: int) -> Any:
    """A CTE inserting the links to the existing ``targets``; the number it inserted, as a column."""
    relation = model.env.registry.relation_table(field)
    target = model.env[field.comodel_name]._table
    source = (sa.select(inserted.c.id, target.c.id)
              .select_from(inserted.join(target, target.c.id.in_(targets))))
    links = (sa.insert(relation).from_select([field.column1, field.column2], source)
             .returning(relation.c[field.column2]).cte(f"links_{index}"))
    return sa.select(sa.func.count()).select_from(links).scalar_subquery()


def _undo_links(model: CreateMixin, record_id: int, links: dict[Many2many, list[int]]) -> None:
    for field in links:
        relation = model.env.registry.relation_table(field)
        model.env.cr.execute(sa.delete(relation).where(relation.c[field.column1] == record_id))
