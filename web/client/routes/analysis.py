"""The pivot as shown, downloaded as an XLSX workbook (openpyxl)."""

from __future__ import annotations

import io
from typing import Any

from flask import Response, request
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from core.records.environment import Environment
from web.client import bp
from web.client.pages import nav_for
from web.client.request_env import with_env
from web.client.routes.view_pages import search_context
from web.client.views.arch import get_arch
from web.client.views.pivot import build_pivot, table_data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="EEF0F4")


def pivot_workbook(data: dict[str, Any], title: str) -> bytes:
    """The pivot's header rows (merged as on screen), its measure row and its rows, indented by depth."""
    book = Workbook()
    sheet = book.active
    sheet.title = (title or "Pivot")[:31]
    corner = data["corner_rowspan"]
    if corner > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=corner, end_column=1)
    for r, headers in enumerate(data["head"], start=1):
        column = 2
        while sheet.cell(row=r, column=column).coordinate in sheet.merged_cells:
            column += 1
        for header in headers:
            while sheet.cell(row=r, column=column).coordinate in sheet.merged_cells:
                column += 1
            cell = sheet.cell(row=r, column=column, value=header["label"])
            cell.font, cell.fill, cell.alignment = _BOLD, _HEAD, Alignment(horizontal="center")
            span, rows = header["colspan"], header["rowspan"]
            if span > 1 or rows > 1:
                sheet.merge_cells(
                    start_row=r, start_column=column, end_row=r + rows - 1, end_column=column + span - 1
                )
            column += span
    measure_row = corner
    for c, label in enumerate(data["measure_row"], start=2):
        cell = sheet.cell(row=measure_row, column=c, value=label)
        cell.font, cell.fill = _BOLD, _HEAD
    for r, row in enumerate(data["rows"], start=corner + 1):
        head = sheet.cell(row=r, column=1, value=row["label"])
        head.alignment = Alignment(indent=row["depth"] * 2)
        head.font = _BOLD
        for c, value in enumerate(row["cells"], start=2):
            sheet.cell(row=r, column=c, value=value["value"])
    sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@bp.route("/data/<model>/pivot.xlsx")
@with_env(readonly=True)
def pivot_xlsx(env: Environment, model: str) -> Any:
    """The pivot of the action's search and setup, as the page shows it, in a spreadsheet."""
    nav = nav_for(env, request.args.get("action", type=int), model)
    records, _search_arch, state, domain = search_context(env, nav.action)
    modes = nav.action.multi_modes or ["list"]
    arch = get_arch(env, nav.action.model, "pivot", nav.action.view_id if modes[0] == "pivot" else None)
    setup, table = build_pivot(env, records, arch, domain, request.args, state)
    title = nav.action.name or model
    content = pivot_workbook(table_data(records, setup, table), title)
    filename = f"{model.replace('.', '_')}_pivot.xlsx"
    return Response(
        content, mimetype=XLSX, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
