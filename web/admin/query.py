"""The query of a back-office list: a search through the record API as the logged-in user.

flask-admin builds a list from ``get_query()`` (rows) and ``get_count_query()`` (how many): here both
return a RecordQuery, which holds a domain, an order and a slice and runs them with ``search``/
``search_count``, so the user's access rights and record rules decide what it finds. Nothing reaches
the database around the record API.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from core.domain.parse import AND_
from core.records.model import BaseModel


@dataclass(frozen=True)
class RecordQuery:
    """A search of ``records``' model: each method returns a narrower query, as SQLAlchemy's do."""

    records: BaseModel
    domain: tuple[Any, ...] = ()
    order: str | None = None
    offset: int = 0
    limit: int | None = None

    def filter(self, domain: list[Any]) -> RecordQuery:
        """The records that also match ``domain`` (an Odoo domain)."""
        if not domain:
            return self
        combined = AND_([list(self.domain), list(domain)]) if self.domain else list(domain)
        return replace(self, domain=tuple(combined))

    def order_by(self, order: str | None) -> RecordQuery:
        return replace(self, order=order or None)

    def slice(self, offset: int, limit: int | None) -> RecordQuery:
        return replace(self, offset=max(offset, 0), limit=limit)

    def count(self) -> int:
        return self.records.search_count(list(self.domain))

    def scalar(self) -> int:
        """The count, as flask-admin asks a count query for it."""
        return self.count()

    def all(self) -> BaseModel:
        """The records found, in order (a recordset)."""
        return self.records.search(list(self.domain), offset=self.offset, limit=self.limit, order=self.order)
