"""Values read from a spreadsheet become the text an import converts."""

from __future__ import annotations

import datetime as dt

from core.exchange.files import _cell


def test_dates_and_datetimes_become_iso_text():
    assert _cell(dt.date(2024, 3, 5)) == "2024-03-05"
    assert _cell(dt.datetime(2024, 3, 5, 9, 30)) == "2024-03-05 09:30:00"
    assert _cell(dt.datetime(2024, 3, 5)) == "2024-03-05"
    assert _cell(None) == ""
    assert _cell(3.0) == "3"
