"""Writing what is not a column: x2many commands, related fields, inverse methods, attachments.

The second phase of create and write; functions of the model's records, not methods of BaseModel."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.fields.base import Field
from core.fields.commands import CLEAR, CREATE, DELETE, LINK, SET, UNLINK, UPDATE, normalize_commands
from core.fields.relational import Many2many, One2many
from core.records.recordset import split_every

if TYPE_CHECKING:
    from core.records.model_part import ModelPart


def write_others_batch(model: ModelPart, records: ModelPart, others_list: list[dict[Field, Any]],
                        creating: bool) -> None:
    by_field: dict[Field, list[tuple[int, Any]]] = defaultdict(list)
    for record_id, others in zip(records._ids, others_list):
        for field, value in others.items():
            by_field[field].append((record_id, value))
    for field, pairs in by_field.items():
        if isinstance(field, One2many):
            write_one2many(model, field, pairs, creating)
        elif isinstance(field, Many2many) and not field.related:
            write_many2many(model, field, pairs, creating)
        elif field.related:
            write_related(model, field, pairs)
        elif field.inverse:
            write_inverse(model, field, pairs)
        elif field.type in ("binary", "image"):
            write_attachment(model, field, pairs)


def write_one2many(records: ModelPart, field: One2many, pairs: list[tuple[int, Any]], creating: bool) -> None:
    comodel = records.env[field.comodel_name].with_context(active_test=False)
    inverse = comodel._fields[field.inverse_name]
    # a res_id-style inverse also needs the model name in its model_field
    owner = {inverse.attrs["model_field"]: records._name} if inverse.attrs.get("model_field") else {}
    to_create: list[dict[str, Any]] = []
    cache = records.env.cache
    for record_id, value in pairs:
        commands = normalize_commands(field, value)
        current: list[int] = [] if creating else list(records.browse(record_id)[field.name]._ids)
        for command in commands:
            code = command[0]
            if code == CREATE:
                to_create.append({**command[2], **owner, field.inverse_name: record_id})
            elif code == UPDATE:
                comodel.browse(command[1]).write(command[2])
            elif code == DELETE:
                comodel.browse(command[1]).unlink()
                current = [i for i in current if i != command[1]]
            elif code == UNLINK:
                detach_one2many(comodel, inverse, [command[1]])
                current = [i for i in current if i != command[1]]
            elif code == LINK:
                comodel.browse(command[1]).write({**owner, field.inverse_name: record_id})
                current.append(command[1])
            elif code == CLEAR:
                detach_one2many(comodel, inverse, current)
                current = []
            elif code == SET:
                keep = list(dict.fromkeys(command[2]))
                detach_one2many(comodel, inverse, [i for i in current if i not in keep])
                attach = [i for i in keep if i not in current]
                if attach:
                    comodel.browse(attach).write({**owner, field.inverse_name: record_id})
                current = keep
        cache.invalidate([field], [record_id])
    if to_create:
        comodel.create(to_create)
    cache.invalidate([field], [record_id for record_id, _value in pairs])


def detach_one2many(comodel: ModelPart, inverse: Field, ids: list[int]) -> None:
    if not ids:
        return
    records = comodel.browse(ids)
    if inverse.required or getattr(inverse, "ondelete", None) == "cascade":
        records.unlink()
    else:
        records.write({inverse.name: False})


def write_many2many(records: ModelPart, field: Many2many, pairs: list[tuple[int, Any]],
                    creating: bool) -> None:
    relation = records.env.registry.relation_table(field)
    col1, col2 = relation.c[field.column1], relation.c[field.column2]
    comodel = records.env[field.comodel_name]
    record_ids = [record_id for record_id, _value in pairs]
    current: dict[int, list[int]] = {record_id: [] for record_id in record_ids}
    if not creating:
        for owner, target in records.env.cr.execute(sa.select(col1, col2).where(col1.in_(record_ids))):
            current[owner].append(target)
    final: dict[int, list[int]] = {}
    pending_creates: list[tuple[int, int, dict[str, Any]]] = []
    for record_id, value in pairs:
        links = list(current[record_id])
        for command in normalize_commands(field, value):
            code = command[0]
            if code == CREATE:
                pending_creates.append((record_id, len(links), command[2]))
                links.append(-1)  # placeholder, filled after the batched create
            elif code == UPDATE:
                comodel.browse(command[1]).write(command[2])
                if command[1] not in links:
                    links.append(command[1])
            elif code == DELETE:
                comodel.browse(command[1]).unlink()
                links = [i for i in links if i != command[1]]
            elif code == UNLINK:
                links = [i for i in links if i != command[1]]
            elif code == LINK:
                if command[1] not in links:
                    links.append(command[1])
            elif code == CLEAR:
                links = []
            elif code == SET:
                links = list(dict.fromkeys(command[2]))
        final[record_id] = links
    if pending_creates:
        created = comodel.create([vals for _rid, _pos, vals in pending_creates])
        for (record_id, position, _vals), new_id in zip(pending_creates, created._ids):
            final[record_id][position] = new_id
    removed = [{"a": rid, "b": t} for rid in record_ids for t in current[rid] if t not in final[rid]]
    added = [{"a": rid, "b": t} for rid in record_ids for t in dict.fromkeys(final[rid])
             if t not in current[rid] and t != -1]
    if removed:
        records.env.cr.execute(
            sa.delete(relation).where(col1 == sa.bindparam("a")).where(col2 == sa.bindparam("b")), removed
        )
    if added:
        insert_existing_links(records, comodel, relation, field, added)
    cache = records.env.cache
    for record_id in record_ids:
        cache.set(field, record_id, tuple(dict.fromkeys(t for t in final[record_id] if t != -1)))
    records.env.cr.state.prefetch.clear()


LINKS_PER_STATEMENT = 200  # pairs folded into one INSERT ... SELECT (two parameters each)


def insert_existing_links(records: ModelPart, comodel: ModelPart, relation: sa.Table, field: Many2many,
                          added: list[dict[str, int]]) -> None:
    """Insert the links ``added`` ({"a": owner, "b": target}) whose target exists: the existence check
    and the insert in one INSERT ... SELECT per chunk. A missing target undoes the links and is named."""
    cr = records.env.cr
    cr.flush()
    target = comodel._table
    inserted = 0
    for chunk in split_every(added, LINKS_PER_STATEMENT):
        rows = [sa.select(sa.literal(row["a"], sa.Integer).label("a"),
                          sa.literal(row["b"], sa.Integer).label("b")) for row in chunk]
        pairs = (rows[0] if len(rows) == 1 else sa.union_all(*rows)).subquery("pairs")
        source = sa.select(pairs.c.a, target.c.id).select_from(pairs.join(target, target.c.id == pairs.c.b))
        # the driver's row count is only kept for an INSERT when asked for
        statement = sa.insert(relation).from_select([field.column1, field.column2], source)
        inserted += cr.execute(statement.execution_options(preserve_rowcount=True)).rowcount
    if inserted != len(added):
        try:
            check_targets_exist(records, comodel, {row["b"] for row in added}, field)
        except Exception:
            cr.execute(sa.delete(relation).where(relation.c[field.column1] == sa.bindparam("a"))
                       .where(relation.c[field.column2] == sa.bindparam("b")), added)
            raise


def check_targets_exist(target: ModelPart, comodel: ModelPart, ids: set[int], field: Field) -> None:
    found = set(comodel.sudo().browse(sorted(ids)).exists()._ids)
    missing = sorted(ids - found)
    if missing:
        raise field.error("The value of %(field)s refers to records that do not exist (%(model)s with id "
                          "%(ids)s).", ids=", ".join(str(i) for i in missing))


def write_related(records: ModelPart, field: Field, pairs: list[tuple[int, Any]]) -> None:
    path = field.related_path
    for record_id, value in pairs:
        target = records.browse(record_id)
        for name in path[:-1]:
            target = target[name]
        if target:
            target.write({path[-1]: value})
        records.env.cache.invalidate([field], [record_id])


def write_inverse(model: ModelPart, field: Field, pairs: list[tuple[int, Any]]) -> None:
    cache = model.env.cache
    for record_id, value in pairs:
        record = model.browse(record_id)
        cache.set(field, record_id, field.convert_to_cache(value, record))
    records = model.browse([record_id for record_id, _value in pairs])
    assert field.inverse is not None  # write_others_batch sends here the fields with an inverse
    getattr(records, field.inverse)()


def write_attachment(records: ModelPart, field: Field, pairs: list[tuple[int, Any]]) -> None:
    attachments = records.env["ir.attachment"].sudo()
    for record_id, value in pairs:
        content = field.convert_to_cache(value, records.browse(record_id))
        existing = attachments.search([("res_model", "=", records._name), ("res_field", "=", field.name),
                                       ("res_id", "=", record_id)])
        if content is None:
            existing.unlink()
        elif existing:
            existing.write({"raw": content})
        else:
            attachments.create({"name": field.name, "res_model": records._name, "res_field": field.name,
                                "res_id": record_id, "raw": content})
        records.env.cache.set(field, record_id, content)
