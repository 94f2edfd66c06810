"""Sequences: standard ones take their number in a short transaction of their own (no waiting, a hole
when the caller rolls back); gapless ones lock the row to the end of the caller's transaction, so
numbers are consecutive with no holes."""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from core import _, clock, model, public
from core.exceptions import UserError

# ids of the sequences this transaction created or changed: only it can see or update those rows
_TOUCHED = "ir_sequence_touched"
# how long the short transaction of a standard sequence waits for the row before using the caller's
LOCK_TIMEOUT = "5s"


@model("ir.sequence")
class IrSequence:
    def create(self, vals_list: Any) -> Any:
        sequences = super().create(vals_list)
        self._touch(sequences._ids)
        return sequences

    def write(self, vals: dict[str, Any]) -> bool:
        self._touch(self._ids)
        return super().write(vals)

    def _touch(self, ids: Any) -> None:
        self.env.cr.data.setdefault(_TOUCHED, set()).update(ids)

    # -- formatting ------------------------------------------------------------------------
    def _moment(self, sequence_date: Any = None) -> dt.datetime:
        """The date the placeholders show: ``sequence_date`` (or ``ir_sequence_date`` in the context),
        else now in the user's time zone."""
        given = sequence_date or self.env.context.get("ir_sequence_date")
        if given:
            try:
                moment = dt.datetime.fromisoformat(str(given))
            except ValueError:
                raise UserError(_("Invalid date %(date)r for sequence %(name)r: expected YYYY-MM-DD.",
                                  date=given, name=self.name)) from None
            return moment
        try:
            zone = ZoneInfo(self.env.tz or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        return clock.utcnow().replace(tzinfo=dt.UTC).astimezone(zone)

    def _interpolate(self, text: str | None, moment: dt.datetime) -> str:
        if not text:
            return ""
        values = {
            "year": moment.strftime("%Y"), "y": moment.strftime("%y"), "month": moment.strftime("%m"),
            "day": moment.strftime("%d"), "doy": moment.strftime("%j"), "woy": moment.strftime("%W"),
            "weekday": moment.strftime("%w"), "h24": moment.strftime("%H"), "h12": moment.strftime("%I"),
            "min": moment.strftime("%M"), "sec": moment.strftime("%S"),
        }
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            raise UserError(_("Invalid prefix or suffix %(value)r for sequence %(name)r; the placeholders "
                              "are %(placeholders)s.", value=text, name=self.name,
                              placeholders=", ".join(f"%({key})s" for key in values))) from None

    def get_next_char(self, number_next: int, sequence_date: Any = None) -> str:
        """The text of number ``number_next`` of this sequence (prefix, padded number, suffix)."""
        self.ensure_one()
        moment = self._moment(sequence_date)
        return (f"{self._interpolate(self.prefix, moment)}{number_next:0{max(self.padding, 0)}d}"
                f"{self._interpolate(self.suffix, moment)}")

    # -- numbers ---------------------------------------------------------------------------
    def _increment(self) -> sa.Update:
        table = self._table
        return (sa.update(table).where(table.c.id == self.id)
                .values(number_next=table.c.number_next + table.c.number_increment)
                .returning(table.c.number_next - table.c.number_increment))

    def _take_number(self) -> int:
        """Reserve the next number of this sequence."""
        number = None
        standard = self.implementation == "standard" and self.env.cr.dialect == "postgresql"
        if standard and self.id not in self.env.cr.data.get(_TOUCHED, ()):
            number = self._take_number_apart()
        if number is None:
            # gapless, SQLite (one writer at a time anyway), or a row only this transaction sees
            number = self.env.cr.execute(self._increment()).scalar_one()
        self.env.cache.invalidate([self._fields["number_next"]], [self.id])
        return int(number)

    def _take_number_apart(self) -> int | None:
        """The number, taken and committed in a transaction of its own; None when the row is not there
        for it or stays locked (then the caller's transaction takes it)."""
        with self.env.registry.engine.connect() as connection:
            try:
                connection.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
                number = connection.execute(self._increment()).scalar_one_or_none()
                connection.commit()
            except OperationalError:
                connection.rollback()
                return None
        return number

    def _next(self, sequence_date: Any = None) -> str:
        self.ensure_one()
        return self.get_next_char(self._take_number(), sequence_date)

    @public
    def next_by_id(self, sequence_date: Any = None) -> str:
        """The next number of this sequence, formatted with its prefix, padding and suffix."""
        self.check_access_rights("read")
        return self.sudo()._next(sequence_date)

    @public
    def next_by_code(self, sequence_code: str, sequence_date: Any = None) -> str | bool:
        """The next number of the sequence with ``sequence_code`` (the current company's first), or False."""
        self.check_access_rights("read")
        if not isinstance(sequence_code, str) or not sequence_code:
            return False
        company_ids = [self.env.company.id, False] if "res.company" in self.env else [False]
        sequences = self.sudo().search([("code", "=", sequence_code), ("company_id", "in", company_ids)],
                                       order="company_id, id")
        if not sequences:
            return False
        preferred = sequences.filtered(lambda s: s.company_id) or sequences
        return preferred[0]._next(sequence_date)
