"""Writing what is not a column: x2many commands, related fields, inverse methods, attachments."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.fields.base import Field
from core.fields.commands import CLEAR, CREATE, DELETE, LINK, SET, UNLINK, UPDATE, normalize_commands

if TYPE_CHECKING:
    from core.records.model import BaseModel


class X2manyMixin:
    """Part of BaseModel: the second phase of create and write."""

    def _write_others_batch(self: BaseModel, records: BaseModel, others_list: list[dict[Field, Any]],
                            creating: bool) -> None:
        by_field: dict[Field, list[tuple[int, Any]]] = defaultdict(list)
        for record_id, others in zip(records._ids, others_list):
            for field, value in others.items():
                by_field[field].append((record_id, value))
        for field, pairs in by_field.items():
            if field.type == "one2many":
                self._write_one2many(field, pairs, creating)
            elif field.type == "many2many" and not field.related:
                self._write_many2many(field, pairs, creating)
            elif field.related:
                self._write_related(field, pairs)
            elif field.inverse:
                self._write_inverse(field, pairs)
            elif field.type in ("binary", "image"):
                self._write_attachment(field, pairs)

    # -- one2many --------------------------------------------------------------------------
    def _write_one2many(self: BaseModel, field: Field, pairs: list[tuple[int, Any]], creating: bool) -> None:
        comodel = self.env[field.comodel_name].with_context(active_test=False)
        inverse = comodel._fields[field.inverse_name]
        # a res_id-style inverse also needs the model name in its model_field
        owner = {inverse.attrs["model_field"]: self._name} if inverse.attrs.get("model_field") else {}
        to_create: list[dict[str, Any]] = []
        cache = self.env.cache
        for record_id, value in pairs:
            commands = normalize_commands(field, value)
            current: list[int] = [] if creating else list(self.browse(record_id)[field.name]._ids)
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
                    self._detach_one2many(comodel, inverse, [command[1]])
                    current = [i for i in current if i != command[1]]
                elif code == LINK:
                    comodel.browse(command[1]).write({**owner, field.inverse_name: record_id})
                    current.append(command[1])
                elif code == CLEAR:
                    self._detach_one2many(comodel, inverse, current)
                    current = []
                elif code == SET:
                    keep = list(dict.fromkeys(command[2]))
                    self._detach_one2many(comodel, inverse, [i for i in current if i not in keep])
                    attach = [i for i in keep if i not in current]
                    if attach:
                        comodel.browse(attach).write({**owner, field.inverse_name: record_id})
                    current = keep
            cache.invalidate([field], [record_id])
        if to_create:
            comodel.create(to_create)
        cache.invalidate([field], [record_id for record_id, _value in pairs])

    @staticmethod
    def _detach_one2many(comodel: BaseModel, inverse: Field, ids: list[int]) -> None:
        if not ids:
            return
        records = comodel.browse(ids)
        if inverse.required or getattr(inverse, "ondelete", None) == "cascade":
            records.unlink()
        else:
            records.write({inverse.name: False})

    # -- many2many -------------------------------------------------------------------------
    def _write_many2many(self: BaseModel, field: Field, pairs: list[tuple[int, Any]], creating: bool) -> None:
        relation = self.env.registry.relation_table(field)
        col1, col2 = relation.c[field.column1], relation.c[field.column2]
        comodel = self.env[field.comodel_name]
        record_ids = [record_id for record_id, _value in pairs]
        current: dict[int, list[int]] = {record_id: [] for record_id in record_ids}
        if not creating:
            for owner, target in self.env.cr.execute(sa.select(col1, col2).where(col1.in_(record_ids))):
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
            self.env.cr.execute(
                sa.delete(relation).where(col1 == sa.bindparam("a")).where(col2 == sa.bindparam("b")), removed
            )
        if added:
            self._check_targets_exist(comodel, {row["b"] for row in added}, field)
            self.env.cr.execute(sa.insert(relation).values({field.column1: sa.bindparam("a"),
                                                            field.column2: sa.bindparam("b")}), added)
        cache = self.env.cache
        for record_id in record_ids:
            cache.set(field, record_id, tuple(dict.fromkeys(t for t in final[record_id] if t != -1)))
        self.env.cr.prefetch_cache.clear()

    def _check_targets_exist(self: BaseModel, comodel: BaseModel, ids: set[int], field: Field) -> None:
        found = set(comodel.sudo().browse(sorted(ids)).exists()._ids)
        missing = sorted(ids - found)
        if missing:
            raise field.error("The value of %(field)s refers to records that do not exist (%(model)s with id "
                              "%(ids)s).", ids=", ".join(str(i) for i in missing))

    # -- related and inverse ---------------------------------------------------------------
    def _write_related(self: BaseModel, field: Field, pairs: list[tuple[int, Any]]) -> None:
        path = field.related_path
        for record_id, value in pairs:
            target = self.browse(record_id)
            for name in path[:-1]:
                target = target[name]
            if target:
                target.write({path[-1]: value})
            self.env.cache.invalidate([field], [record_id])

    def _write_inverse(self: BaseModel, field: Field, pairs: list[tuple[int, Any]]) -> None:
        cache = self.env.cache
        for record_id, value in pairs:
            record = self.browse(record_id)
            cache.set(field, record_id, field.convert_to_cache(value, record))
        records = self.browse([record_id for record_id, _value in pairs])
        getattr(records, field.inverse)()

    def _write_attachment(self: BaseModel, field: Field, pairs: list[tuple[int, Any]]) -> None:
        attachments = self.env["ir.attachment"].sudo()
        for record_id, value in pairs:
            content = field.convert_to_cache(value, self.browse(record_id))
            existing = attachments.search([("res_model", "=", self._name), ("res_field", "=", field.name),
                                           ("res_id", "=", record_id)])
            if content is None:
                existing.unlink()
            elif existing:
                existing.write({"raw": content})
            else:
                attachments.create({"name": field.name, "res_model": self._name, "res_field": field.name,
                                    "res_id": record_id, "raw": content})
            self.env.cache.set(field, record_id, content)
