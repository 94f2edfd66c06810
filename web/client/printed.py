"""The PDF of printed documents (quotations, invoices...) for the logged-in user: the records of a
``1,2,3`` URL that exist and the user may read, drawn by their model's ``_report_pdf``."""

from __future__ import annotations

from flask import Response

from core.exceptions import MissingError
from core.records.environment import Environment

MAX_DOCUMENTS = 200


def pdf_response(env: Environment, model: str, ids_text: str, not_installed: str, not_found: str) -> Response:
    """The PDF of the ``model`` records ``ids_text`` (shown in the browser, named after the document);
    MissingError with ``not_installed`` where the model's addon is absent (routes are mounted for every
    database) or ``not_found`` when none of the records exists."""
    ids = [int(part) for part in ids_text.split(",") if part.isdigit()][:MAX_DOCUMENTS]
    if model not in env:
        raise MissingError(not_installed)
    records = env[model].browse(ids).exists()
    if not records:
        raise MissingError(not_found)
    records.check_access_rule("read")
    filename = records._report_filename().replace('"', "")
    return Response(
        records._report_pdf(),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"',
                 "Cache-Control": "private, no-store"},
    )
