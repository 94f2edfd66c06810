"""The printed invoices, credit notes and bills, as PDF, for the logged-in user (record rules apply)."""

from __future__ import annotations

from typing import Any

from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.printed import pdf_response
from web.client.request_env import with_env

bp = addon_blueprint("account", __name__, "/account")


@bp.route("/invoices/<string:invoice_ids>/pdf")
@with_env(readonly=True)
def invoices_pdf(env: Environment, invoice_ids: str) -> Any:
    """The PDF of the invoices ``1,2,3`` (shown in the browser, named after the invoice)."""
    return pdf_response(env, "account.move", invoice_ids, _("Invoicing is not installed in this database."),
                        _("These invoices do not exist or were deleted."))
