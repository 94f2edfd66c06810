"""``/rate/<token>``: the requester rates a closed ticket, no login needed (the token is the key)."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from core.exceptions import UserError
from core.i18n import _
from core.records.environment import SUPERUSER_ID, Environment
from web import i18n
from web.addon_pages import addon_blueprint
from web.databases import registry_for, run_in_env

bp = addon_blueprint("service_desk_rating", __name__, "/rate", public=True, assets=True)


def _in_env(work: Any, readonly: bool = False) -> Any:
    return run_in_env(registry_for(), SUPERUSER_ID, {"lang": i18n.request_lang()}, work, readonly=readonly)


def _rating(env: Environment, token: str) -> Any:
    if "rating.rating" not in env:
        raise UserError(_("Ratings are not installed in this database."))
    return env["rating.rating"]._find_token(token)


def _page(status: int = 200, **values: Any) -> tuple[str, int]:
    scores = [(5, _("Satisfied")), (3, _("Okay")), (1, _("Dissatisfied"))]
    return render_template("service_desk/rating.html", scores=scores, **values), status


@bp.get("/<token>")
@bp.get("/<token>/<int:score>")
def rate(token: str, score: int = 0) -> tuple[str, int]:
    """The rating form, ``score`` chosen in advance from the email's link."""

    def read(env: Environment) -> tuple[str, bool]:
        rating = _rating(env, token)
        return rating.res_name, rating.consumed

    try:
        name, done = _in_env(read, readonly=True)
    except UserError as error:
        return _page(404, error=str(error))
    return _page(token=token, score=score, name=name, done=done)


@bp.post("/<token>")
def submit(token: str) -> tuple[str, int]:
    """Record the rating and the comment; the thanks page, or the form again naming the problem."""
    score, feedback = request.form.get("score", ""), request.form.get("feedback", "").strip()[:2000]
    try:
        name = _in_env(lambda env: _rating(env, token)._apply_rating(score, feedback).res_name)
    except UserError as error:
        return _page(400, token=token, score=0, error=str(error), feedback=feedback)
    return _page(thanks=True, name=name)
