"""Sequences: standard ones take their number in a short transaction of their own (no waiting, a hole
when the caller rolls back); gapless ones lock the row to the end of the caller's transaction, so
numbers are consecutive with no holes. A sequence ``use_date_range`` numbers each date range on its
own (INV/2026/0001, then INV/2027/0001): the range covering the document's date, made for its whole
year when there is none."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from core import _, clock, model, public
from core.exceptions import UserError, ValidationError

# (model, id) of the sequences and ranges this transaction created or changed: only it can see or update
# those rows
_TOUCHED = "ir_sequence_touched"
# how long the short transaction of a standard sequence waits for the row before using the caller's
LOCK_TIMEOUT = "5s"


class NextNumber:
    """What ir.sequence and its date ranges share: the next number, read and moved as Odoo's scripts do
    through ``number_next_actual`` (a number taken elsewhere is committed at once, so it shows)."""

    def create(self, vals_list: Any) -> Any:
        for vals in [vals_list] if isinstance(vals_list, dict) else vals_list:
            _check_next_number(vals)
        records = super().create(vals_list)  # type: ignore[misc]
        _touch(records)
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        _check_next_number(vals)
        _touch(self)
        return super().write(vals)  # type: ignore[misc]

    def _compute_number_next_actual(self) -> None:
        for record in self:
            record.number_next_actual = record.number_next if record.id else 0

    def _inverse_number_next_actual(self) -> None:
        for record in self:
            record.number_next = record.number_next_actual or 1


def _check_next_number(vals: Any) -> None:
    for key in ("number_next", "number_next_actual"):
        number = vals.get(key) if isinstance(vals, dict) else None
        if isinstance(number, (int, float)) and not isinstance(number, bool) and number < 0:
            raise ValidationError(_("The next number of a sequence cannot be negative (%(number)s).",
                                    number=number), field=key)


@model("ir.sequence")
class IrSequence(NextNumber):

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
        return self._now()

    def _now(self) -> dt.datetime:
        return clock.utcnow().replace(tzinfo=dt.UTC).astimezone(self.env.tzinfo)

    def _placeholder_values(self, moment: dt.datetime, range_start: dt.date | None) -> dict[str, str]:
        """What prefixes and suffixes may show: the document's date, the start of its date range
        (``range_``) and now (``current_``)."""
        values = _placeholders(moment)
        start = dt.datetime.combine(range_start, dt.time()) if range_start else moment
        values.update({f"range_{key}": value for key, value in _placeholders(start).items()})
        values.update({f"current_{key}": value for key, value in _placeholders(self._now()).items()})
        return values

    def _interpolate(self, text: str | None, values: dict[str, str]) -> str:
        if not text:
            return ""
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            # the document's own names; their range_ and current_ twins are said in words
            names = ", ".join(f"%({key})s" for key in values if "_" not in key)
            raise UserError(_("Invalid prefix or suffix %(value)r for sequence %(name)r; the placeholders "
                              "are %(placeholders)s (and the same with range_ or current_).",
                              value=text, name=self.name, placeholders=names)) from None

    def get_next_char(self, number_next: int, sequence_date: Any = None, range_start: dt.date | None = None
                      ) -> str:
        """The text of number ``number_next`` of this sequence (prefix, padded number, suffix)."""
        self.ensure_one()
        return self._format_numbers([number_next], sequence_date, range_start)[0]

    def _format_numbers(self, numbers: list[int], sequence_date: Any = None,
                        range_start: dt.date | None = None) -> list[str]:
        values = self._placeholder_values(self._moment(sequence_date), range_start)
        prefix, suffix = self._interpolate(self.prefix, values), self._interpolate(self.suffix, values)
        padding = max(self.padding, 0)
        return [f"{prefix}{number:0{padding}d}{suffix}" for number in numbers]

    # -- numbers ---------------------------------------------------------------------------
    def _take_number(self, row: Any = None, count: int = 1) -> int:
        """Reserve the next number of this sequence, or of its date range ``row``; with ``count``, that
        many consecutive numbers in one statement (the first is returned)."""
        row = row if row is not None else self
        table, step = row._table, self.number_increment * count
        increment = (sa.update(table).where(table.c.id == row.id)
                     .values(number_next=table.c.number_next + step)
                     .returning(table.c.number_next - step))
        number = None
        standard = self.implementation == "standard" and self.env.cr.dialect == "postgresql"
        if standard and (row._name, row.id) not in self.env.cr.data.get(_TOUCHED, ()):
            number = self._take_number_apart(increment)
        if number is None:
            # gapless, SQLite (one writer at a time anyway), or a row only this transaction sees
            number = self.env.cr.execute(increment).scalar_one()
        self.env.cache.invalidate([row._fields["number_next"], row._fields["number_next_actual"]], [row.id])
        return int(number)

    def _take_number_apart(self, increment: sa.Update) -> int | None:
        """The number, taken and committed in a transaction of its own; None when the row is not there
        for it or stays locked (then the caller's transaction takes it)."""
        with self.env.registry.engine.connect() as connection:
            try:
                connection.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
                number = connection.execute(increment).scalar_one_or_none()
                connection.commit()
            except OperationalError:
                connection.rollback()
                return None
        return number

    def _next(self, sequence_date: Any = None) -> str:
        return self._next_many(1, sequence_date)[0]

    def _next_many(self, count: int, sequence_date: Any = None) -> list[str]:
        """``count`` consecutive numbers of this sequence, taken in one statement."""
        self.ensure_one()
        if count < 1:
            return []
        date_range, range_start = None, None
        if self.use_date_range:
            date_range = self._date_range(self._moment(sequence_date).date())
            range_start = date_range.date_from
        first = self._take_number(date_range, count)
        step = self.number_increment
        return self._format_numbers([first + n * step for n in range(count)], sequence_date, range_start)

    def _date_range(self, day: dt.date) -> Any:
        """The date range of this sequence covering ``day``; made for the rest of that year (up to the next
        range) when there is none. Two transactions making the same range at once get the same one."""
        Ranges = self.env["ir.sequence.date_range"].sudo()
        domain = [("sequence_id", "=", self.id), ("date_from", "<=", day), ("date_to", ">=", day)]
        found = Ranges.search(domain, limit=1)
        if found:
            return found
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        before = Ranges.search([("sequence_id", "=", self.id), ("date_to", "<", day),
                                ("date_to", ">=", start)], order="date_to desc", limit=1)
        after = Ranges.search([("sequence_id", "=", self.id), ("date_from", ">", day),
                               ("date_from", "<=", end)], order="date_from", limit=1)
        if before:
            start = before.date_to + dt.timedelta(days=1)
        if after:
            end = after.date_from - dt.timedelta(days=1)
        try:
            with self.env.cr.savepoint():
                return Ranges.create({"sequence_id": self.id, "date_from": start, "date_to": end})
        except ValidationError:
            found = Ranges.search(domain, limit=1)  # another transaction made it first
            if not found:
                raise
            return found

    @public
    def next_by_id(self, sequence_date: Any = None) -> str:
        """The next number of this sequence, formatted with its prefix, padding and suffix."""
        self.check_access_rights("read")
        return self.sudo()._next(sequence_date)

    def next_many_by_id(self, count: int, sequence_date: Any = None) -> list[str]:
        """The next ``count`` numbers of this sequence at once (documents created in a batch)."""
        return self.next_for_dates([sequence_date] * count)

    def next_for_dates(self, dates: list[Any]) -> list[str]:
        """One number per date of ``dates``, in their order: the same numbers as as many ``next_by_id``
        calls, with one statement per date range instead of one per document (batches of postings)."""
        self.check_access_rights("read")
        sequence = self.sudo()
        sequence.ensure_one()
        days = [sequence._moment(date).date() for date in dates]
        ranges: dict[dt.date, Any] = {}
        if sequence.use_date_range and days:
            known = self.env["ir.sequence.date_range"].sudo().search(
                [("sequence_id", "=", sequence.id), ("date_from", "<=", max(days)),
                 ("date_to", ">=", min(days))]
            )
            for day in dict.fromkeys(days):
                found = [r for r in known if r.date_from <= day <= r.date_to]
                ranges[day] = found[0] if found else sequence._date_range(day)
                if not found:
                    known |= ranges[day]
        by_range: dict[Any, list[int]] = {}
        for index, day in enumerate(days):
            by_range.setdefault(ranges.get(day), []).append(index)
        numbers: list[str] = [""] * len(days)
        step = sequence.number_increment
        for row, indexes in by_range.items():
            first = sequence._take_number(row, len(indexes))
            start = row.date_from if row is not None else None
            for offset, index in enumerate(indexes):
                numbers[index] = sequence._format_numbers([first + offset * step], dates[index], start)[0]
        return numbers

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


def _placeholders(moment: dt.datetime) -> dict[str, str]:
    return {
        "year": moment.strftime("%Y"), "y": moment.strftime("%y"), "month": moment.strftime("%m"),
        "day": moment.strftime("%d"), "doy": moment.strftime("%j"), "woy": moment.strftime("%W"),
        "weekday": moment.strftime("%w"), "h24": moment.strftime("%H"), "h12": moment.strftime("%I"),
        "min": moment.strftime("%M"), "sec": moment.strftime("%S"),
    }


def _touch(records: Any) -> None:
    """Remember rows this transaction created or changed: only it may take numbers from them."""
    records.env.cr.data.setdefault(_TOUCHED, set()).update((records._name, i) for i in records._ids)


@model("ir.sequence.date_range")
class IrSequenceDateRange(NextNumber):
    pass
