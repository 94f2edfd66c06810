"""The printed quotations and orders, as PDF, for the logged-in user (record rules apply)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from core.i18n import _
from core.records.environment import Environment
from web import i18n
from web.client.errors import install_error_pages
from web.client.printed import pdf_response
from web.client.request_env import with_env

bp = Blueprint("sale", __name__, url_prefix="/sale")
bp.before_request(i18n.begin_request_lang)
install_error_pages(bp)


@bp.route("/orders/<string:order_ids>/pdf")
@with_env(readonly=True)
def orders_pdf(env: Environment, order_ids: str) -> Any:
    """The PDF of the orders ``1,2,3`` (shown in the browser, named after the order)."""
    return pdf_response(env, "sale.order", order_ids, _("Sales are not installed in this database."),
                        _("These orders do not exist or were deleted."))
