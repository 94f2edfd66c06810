"""The customer's online quotation: opened from the link of the quotation email, without an account;
accept it by typing a name as signature, or decline it with a reason. The link's secret is checked on
every request; a missing or tampered one gets the same "not found" as an order that does not exist."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for

from core.exceptions import UserError, ValidationError
from core.i18n import _
from web import i18n
from web.addon_pages import addon_blueprint
from web.public import run_public

bp = addon_blueprint("sale_online", __name__, "/sale/online", public=True, assets=True)


def _order(env: Any, order_id: int, token: str) -> Any:
    if "sale.order" not in env:  # mounted for every database; the addon may be absent
        return None
    order = env["sale.order"].sudo().browse(order_id).exists()
    return order if order and order._check_portal_token(token) else None


def _not_found() -> tuple[str, int]:
    return render_template("sale/online_missing.html"), 404


def _page(view: dict[str, Any], token: str, status: int = 200, **extra: Any) -> tuple[str, int]:
    view["validity_text"] = i18n.format_date(view["validity_date"]) if view["validity_date"] else ""
    view["signed_text"] = i18n.format_datetime(view["signed_on"], "short") if view["signed_on"] else ""
    return render_template("sale/online_quotation.html", order=view, token=token, **extra), status


@bp.get("/<int:order_id>")
def show(order_id: int) -> Any:
    token = request.args.get("access_token", "")
    view = _view(order_id, token)
    if view is None:
        return _not_found()
    done = request.args.get("done")
    return _page(view, token, notice={"accepted": _("Thank you: your order is confirmed."),
                                      "declined": _("The quotation is declined. Thank you for telling us.")}
                 .get(done or ""))


def _view(order_id: int, token: str) -> dict[str, Any] | None:
    def work(env: Any) -> Any:
        order = _order(env, order_id, token)
        return order._online_view() if order else None

    return run_public(work, readonly=True)


def _answer(order_id: int, act: Any, done: str) -> Any:
    """Run the customer's answer in its own transaction; a refusal leaves the order as it was and is
    shown on the page, next to the field it names."""
    token = request.form.get("access_token", "")

    def work(env: Any) -> bool:
        order = _order(env, order_id, token)
        if order is None:
            return False
        act(order)
        return True

    try:
        found = run_public(work)
    except (ValidationError, UserError) as error:
        view = _view(order_id, token)
        if view is None:
            return _not_found()
        return _page(view, token, 400, error=error.message, error_field=getattr(error, "field", "") or "",
                     typed=request.form.get("name", ""))
    if not found:
        return _not_found()
    return redirect(url_for(".show", order_id=order_id, access_token=token, done=done))


@bp.post("/<int:order_id>/accept")
def accept(order_id: int) -> Any:
    return _answer(order_id, lambda order: order._online_accept(request.form.get("name", "")), "accepted")


@bp.post("/<int:order_id>/decline")
def decline(order_id: int) -> Any:
    return _answer(order_id, lambda order: order._online_decline(request.form.get("reason", "")), "declined")
