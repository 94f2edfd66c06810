"""The printed quotations and orders, as PDF, for the logged-in user (record rules apply)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web import i18n
from web.client.errors import install_error_pages
from web.client.request_env import with_env

bp = Blueprint("sale", __name__, url_prefix="/sale")
bp.before_request(i18n.begin_request_lang)
install_error_pages(bp)
MAX_ORDERS = 200


@bp.route("/orders/<string:order_ids>/pdf")
@with_env(readonly=True)
def orders_pdf(env: Environment, order_ids: str) -> Any:
    """The PDF of the orders ``1,2,3`` (shown in the browser, named after the order)."""
    ids = [int(part) for part in order_ids.split(",") if part.isdigit()][:MAX_ORDERS]
    if "sale.order" not in env:  # the routes are mounted for every database, the addon may be absent
        raise MissingError(_("Sales are not installed in this database."))
    orders = env["sale.order"].browse(ids).exists()
    if not orders:
        raise MissingError(_("These orders do not exist or were deleted."))
    orders.check_access_rule("read")
    pdf = orders._report_pdf()
    filename = orders._report_filename().replace('"', "")
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
