"""Tabular files (CSV and XLSX) in and out, shared by file import/export in the web client and the CLI."""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from openpyxl import Workbook, load_workbook

from core.exceptions import ValidationError


def read_table(content: bytes, filename: str) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a CSV (UTF-8, separator sniffed) or XLSX file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise ValidationError(f"{filename}: not a readable XLSX file ({error})") from None
        sheet = workbook.active
        rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    elif name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise ValidationError(f"{filename}: unsupported file type; use .csv or .xlsx")
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise ValidationError(f"{filename}: the file is empty")
    header = [str(cell or "").strip() for cell in rows[0]]
    width = len(header)
    body = [(list(row) + [""] * width)[:width] for row in rows[1:]]
    return header, body


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def write_table(header: list[str], rows: list[list[Any]], file_format: str) -> bytes:
    """CSV (UTF-8) or XLSX bytes of a header and rows."""
    if file_format == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for row in rows:
            sheet.append([value if not isinstance(value, (list, tuple)) else ", ".join(map(str, value))
                          for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    if file_format != "csv":
        raise ValidationError(f"Unsupported export format {file_format!r}: use csv or xlsx")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is False or value is None else value for value in row])
    return buffer.getvalue().encode("utf-8")
