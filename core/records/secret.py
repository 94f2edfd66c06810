"""Part of BaseModel: secret (write-only) fields, such as a password hash or an SMTP password.

A field declared ``secret: true`` is written like any other, but the record API never hands its stored
value out: its cache keeps "" (``core.records.transaction_state.SecretValues``), reads and exports answer "",
a domain leaf on it is neutral, and it cannot be sorted, grouped or aggregated. The Python code that
needs the stored value (checking a password, logging in to an SMTP server, signing a webhook) asks for
it explicitly with ``_secret_values``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.db.sql import in_ids
from core.records.model_part import ModelPart
from core.records.recordset import PREFETCH_MAX, split_every

if TYPE_CHECKING:
    from core.fields.base import Field


class SecretMixin(ModelPart):
    """Part of BaseModel: the one way to the stored value of a secret field."""

    def _secret_values(self, name: str) -> dict[int, Any]:
        """The stored values of the secret field ``name`` of these records, by id (records rules and
        access rights do not apply: only server code calls this, never a client)."""
        field = self._fields[name]
        if not field.secret or not field.column:
            raise ValueError(f"{field} is not a stored secret field")
        table = self._table
        ids = [i for i in self._ids if isinstance(i, int)]
        found: dict[int, Any] = {}
        for chunk in split_every(ids, PREFETCH_MAX * 10):
            statement = sa.select(table.c.id, table.c[field.column_name]).where(
                in_ids(table.c.id, chunk, self.env.cr.dialect))
            found.update((row[0], row[1]) for row in self.env.cr.execute(statement))
        return found

    def _secret_value(self, name: str) -> Any:
        """The stored value of the secret field ``name`` of this one record (None when empty)."""
        self.ensure_one()
        return self._secret_values(name).get(self._ids[0])

    def _blank_secrets(self, fields: Iterable[Field], ids: Iterable[Any]) -> None:
        """Cache "" for the secret ``fields`` of ``ids``: what reading them answers, without a query."""
        ids = list(ids)
        for field in fields:
            self.env.cache.field_values(field).update(dict.fromkeys(ids, ""))
