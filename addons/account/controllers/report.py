"""The printed invoices, credit notes and bills, as PDF, for the logged-in user (record rules apply)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web import i18n
from web.client.errors import install_error_pages
from web.client.request_env import with_env

bp = Blueprint("account", __name__, url_prefix="/account")
bp.before_request(i18n.begin_request_lang)
install_error_pages(bp)
MAX_INVOICES = 200


@bp.route("/invoices/<string:invoice_ids>/pdf")
@with_env(readonly=True)
def invoices_pdf(env: Environment, invoice_ids: str) -> Any:
    """The PDF of the invoices ``1,2,3`` (shown in the browser, named after the invoice)."""
    ids = [int(part) for part in invoice_ids.split(",") if part.isdigit()][:MAX_INVOICES]
    if "account.move" not in env:  # the routes are mounted for every database, the addon may be absent
        raise MissingError(_("Invoicing is not installed in this database."))
    invoices = env["account.move"].browse(ids).exists()
    if not invoices:
        raise MissingError(_("These invoices do not exist or were deleted."))
    invoices.check_access_rule("read")
    pdf = invoices._report_pdf()
    filename = invoices._report_filename().replace('"', "")
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
