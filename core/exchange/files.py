"""Tabular files (CSV and XLSX) in and out, shared by file import/export in the web client and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from openpyxl import Workbook, load_workbook

from core.exceptions import ValidationError
from core.fields.relational import Relational
from core.i18n import _, translate


def read_table(content: bytes, filename: str) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a CSV (UTF-8 or Latin-1, separator sniffed) or XLSX file; ValidationError
    naming the file when it cannot be read."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _read_xlsx(content, filename)
    elif name.endswith((".csv", ".txt")):
        rows = _read_csv(content, filename)
    else:
        raise ValidationError(_("%(file)s: unsupported file type; use .csv or .xlsx", file=filename))
    while rows and not _filled(rows[-1]):
        rows.pop()  # spreadsheets often end with empty rows
    if not rows:
        raise ValidationError(_("%(file)s: the file is empty", file=filename))
    header = [str(cell or "").strip() for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise ValidationError(_("%(file)s: the first line must name the columns", file=filename))
    width = len(header)
    extra = [index + 2 for index, row in enumerate(rows[1:]) if len(row) > width and _filled(row[width:])]
    if extra:
        raise ValidationError(
            _(
                "%(file)s: line %(line)s has more cells than the header has columns",
                file=filename,
                line=extra[0],
            )
        )
    # blank lines stay, so the loader's row numbers are the file's lines minus the header
    body = [row if len(row) == width else (list(row) + [""] * width)[:width] for row in rows[1:]]
    return header, body


def _read_xlsx(content: bytes, filename: str) -> list[list[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds of errors for a bad file
        raise ValidationError(
            _("%(file)s: not a readable XLSX file (%(error)s)", file=filename, error=error)
        ) from None
    try:
        return [[_cell(value) for value in row] for row in workbook.active.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(content: bytes, filename: str) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as error:
        raise ValidationError(
            _("%(file)s: not a readable CSV file (%(error)s)", file=filename, error=error)
        ) from None


def _filled_cell(cell: Any) -> bool:
    return cell not in (None, "") and not (isinstance(cell, str) and not cell.strip())


def _filled(row: list[Any]) -> bool:
    return any(_filled_cell(cell) for cell in row)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date().isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
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
            sheet.append(
                [
                    value if not isinstance(value, (list, tuple)) else ", ".join(map(str, value))
                    for value in row
                ]
            )
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    if file_format != "csv":
        raise ValidationError(_("Unsupported export format %(format)r: use csv or xlsx", format=file_format))
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is False or value is None else value for value in row])
    return text.getvalue().encode("utf-8")


def export_table(records: Any, paths: list[str], file_format: str, labels: bool = False) -> bytes:
    """``records``' values of the field ``paths`` (``a/b`` or ``a.b``) as a CSV or XLSX file; the header holds
    the paths (import-compatible) or, with ``labels``, the translated field labels."""
    from core.exchange.export import split_path

    if not paths:
        raise ValidationError(_("Choose at least one field to export."))
    rows = records.export_data(paths)["datas"] if records else []
    header = (
        [path_label(records, path) for path in paths]
        if labels
        else ["/".join(split_path(path)) for path in paths]
    )
    return write_table(header, rows, file_format)


def path_label(model: Any, path: str) -> str:
    """``Country/Code`` for ``country_id.code``: the labels of the fields along a path."""
    from core.exchange.export import split_path

    parts, current = [], model
    for name in split_path(path):
        field = current._fields.get(name) if current is not None else None
        if field is None:
            parts.append({"id": _("External ID"), ".id": _("Database ID")}.get(name, name))
            current = None
            continue
        parts.append(translate(field.string or name))
        current = current.env[field.comodel_name] if isinstance(field, Relational) else None
    return "/".join(parts)
