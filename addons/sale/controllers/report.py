"""The printed quotations and orders, as PDF, for the logged-in user (record rules apply)."""

from __future__ import annotations

from typing import Any

from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.printed import pdf_response
from web.client.request_env import with_env

bp = addon_blueprint("sale", __name__, "/sale")


@bp.route("/orders/<string:order_ids>/pdf")
@with_env(readonly=True)
def orders_pdf(env: Environment, order_ids: str) -> Any:
    """The PDF of the orders ``1,2,3`` (shown in the browser, named after the order)."""
    return pdf_response(env, "sale.order", order_ids, _("Sales are not installed in this database."),
                        _("These orders do not exist or were deleted."))
