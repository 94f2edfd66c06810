"""Optimistic locking: refuse a write based on a read older than the record's last change."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.exceptions import ConcurrencyError, ValidationError
from core.i18n import _

if TYPE_CHECKING:
    from core.records.model_part import ModelPart


def _parse_stamp(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).replace("T", " ").removesuffix("Z"))
    except ValueError:
        raise ValidationError(_("Invalid __last_update stamp %(value)r: expected YYYY-MM-DD HH:MM:SS",
                                value=value)) from None


def check_last_update(records: ModelPart, stamps: Any) -> None:
    """``stamps``: ``{"model,id": stamp}`` as Odoo clients send it, or one stamp for all records."""
    expected: dict[int, dt.datetime] = {}
    for record_id in records._ids:
        if isinstance(stamps, dict):
            stamp = stamps.get(f"{records._name},{record_id}")
        else:
            stamp = stamps
        if stamp:
            expected[record_id] = _parse_stamp(stamp)
    if not expected:
        return
    table = records._table
    statement = sa.select(table.c.id, table.c.write_date, table.c.write_uid).where(
        table.c.id.in_(list(expected))
    )
    if records.env.cr.dialect == "postgresql":
        statement = statement.with_for_update()
    for record_id, write_date, write_uid in records.env.cr.execute(statement):
        if write_date is None:
            continue
        stamp = expected[record_id]
        current = write_date if stamp.microsecond else write_date.replace(microsecond=0)
        if current > stamp:
            author = records.env["res.users"].sudo().browse(write_uid).display_name if (
                write_uid and "res.users" in records.env) else "?"
            record = records.browse(record_id)
            raise ConcurrencyError(
                _(
                    "%(record)s was changed by %(author)s at %(when)s, after you opened it. Reload it and "
                    "apply your changes again.",
                    record=record.sudo().display_name or f"{records._name},{record_id}",
                    author=author,
                    when=write_date.strftime("%Y-%m-%d %H:%M:%S"),
                )
            )
