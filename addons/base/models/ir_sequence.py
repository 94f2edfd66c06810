"""Sequences: standard ones use the row with a short update; gapless ones lock it to the end of the
transaction so numbers are consecutive with no holes."""
from __future__ import annotations

import sqlalchemy as sa

from core import _, clock, model, public
from core.exceptions import UserError


@model("ir.sequence")
class IrSequence:
    def _interpolate(self, text: str | None) -> str:
        if not text:
            return ""
        now = clock.utcnow()
        values = {
            "year": now.strftime("%Y"), "y": now.strftime("%y"), "month": now.strftime("%m"),
            "day": now.strftime("%d"), "doy": now.strftime("%j"), "woy": now.strftime("%W"),
            "weekday": now.strftime("%w"), "h24": now.strftime("%H"), "h12": now.strftime("%I"),
            "min": now.strftime("%M"), "sec": now.strftime("%S"),
        }
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            raise UserError(_("Invalid prefix or suffix %(text)r for sequence %(name)r.", text=text,
                              name=self.name)) from None

    def _take_number(self) -> int:
        """Reserve the next number of this sequence.

        Gapless: the row is updated in the current transaction, so it stays locked until commit and a
        rollback gives the number back. Standard: on PostgreSQL the row is updated in a transaction of its
        own, so nobody waits, at the cost of a hole when the caller rolls back.
        """
        table = self._table
        increment = (sa.update(table).where(table.c.id == self.id)
                     .values(number_next=table.c.number_next + table.c.number_increment)
                     .returning(table.c.number_next - table.c.number_increment))
        cr = self.env.cr
        if self.implementation == "standard" and cr.dialect == "postgresql":
            with self.env.registry.engine.connect() as connection:
                number = connection.execute(increment).scalar_one()
                connection.commit()
        else:
            number = cr.execute(increment).scalar_one()
        self.env.cache.invalidate([self._fields["number_next"]], [self.id])
        return int(number)

    def _next(self) -> str:
        self.ensure_one()
        number = self._take_number()
        return f"{self._interpolate(self.prefix)}{number:0{max(self.padding, 0)}d}{self._interpolate(self.suffix)}"

    @public
    def next_by_id(self) -> str:
        """The next number of this sequence, formatted with its prefix, padding and suffix."""
        self.check_access_rights("read")
        return self.sudo()._next()

    @public
    def next_by_code(self, sequence_code: str) -> str | bool:
        """The next number of the sequence with ``sequence_code`` (for the current company), or False."""
        self.check_access_rights("read")
        company_ids = [self.env.company.id, False] if "res.company" in self.env else [False]
        sequences = self.sudo().search([("code", "=", sequence_code), ("company_id", "in", company_ids)],
                                       order="company_id, id")
        if not sequences:
            return False
        preferred = sequences.filtered(lambda s: s.company_id) or sequences
        return preferred[0]._next()

    def get_next_char(self, number_next: int) -> str:
        self.ensure_one()
        return f"{self._interpolate(self.prefix)}{number_next:0{max(self.padding, 0)}d}{self._interpolate(self.suffix)}"
