"""A report's table as a spreadsheet (openpyxl) or a PDF (the shared renderer of printed documents)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from addons.account.controllers.report_tables import Table
from addons.base.report import ReportTemplates
from core.i18n import _

TEMPLATES = ReportTemplates(Path(__file__).resolve().parent.parent / "report")


def filter_lines(company: str, table: Table, filters: Any, journal: str) -> list[str]:
    """The filters of the report in words, printed above its figures."""
    lines = [company]
    if filters.date_from or filters.date_to:
        lines.append(
            _("From %(start)s to %(end)s", start=filters.date_from or "…", end=filters.date_to or "…")
        )
    if journal:
        lines.append(_("Journal: %(journal)s", journal=journal))
    lines.append(_("Posted entries only"))
    return lines


def to_xlsx(table: Table, header: list[str]) -> bytes:
    """One sheet: the title and filters, then the columns and rows; figures stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in header:
        sheet.append([line])
    sheet.append([])
    sheet.append([label for label, _numeric in table.columns])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row.cells)
        if row.style in ("section", "total"):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for cell, (_label, numeric) in zip(sheet[sheet.max_row], table.columns, strict=False):
            if numeric and isinstance(cell.value, float | int):
                cell.number_format = "#,##0.00"
    for index, (_label, numeric) in enumerate(table.columns):
        sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = 16 if numeric else 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(table: Table, header: list[str]) -> bytes:
    """The report printed on A4 with its title and filters."""
    html = TEMPLATES.render("financial_report.html", table=table, header=header, title=table.title)
    return TEMPLATES.pdf(html)
