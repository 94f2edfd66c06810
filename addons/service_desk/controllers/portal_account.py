"""``/my``: the portal account of a requester. Anyone signs up with their email and gets a one-time link
to choose a password (staff can send the same link as an invitation); logged in, the person sees every
ticket and request of their contact in one list, each leading to its tracking page. Which records they
see is decided by the record rules of the ticket models for portal users, not here."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for

from addons.service_desk.controllers.portal_common import public_env_run
from core.exceptions import UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from web import i18n
from web.addon_pages import addon_blueprint
from web.auth.session import start_session
from web.client.session_env import NotLoggedIn, run_as_user

bp = addon_blueprint("service_desk_account", __name__, "/my", public=True)


def _page(template: str, status: int = 200, **values: Any) -> tuple[str, int]:
    return render_template(
        template, portal_title=_("My requests"), portal_home=url_for(".home"), portal_track=None, **values
    ), status


def ticket_models(env: Environment) -> list[str]:
    """The installed ticket models (those of the service desk mixin) the user may read."""
    names = []
    for name in sorted(env.registry.models):
        records = env[name]
        if (
            hasattr(records, "_portal_entries")
            and not records._abstract
            and records.check_access_rights("read", raise_exception=False)
        ):
            names.append(name)
    return names


def my_entries(env: Environment) -> list[dict[str, Any]]:
    """The user's tickets and requests, newest first: the search runs as the user (record rules apply)."""
    entries: list[dict[str, Any]] = []
    for name in ticket_models(env):
        entries.extend(env[name].search([], order="id desc", limit=500)._portal_entries())
    entries.sort(key=lambda e: e["filed"] or e["updated"], reverse=True)
    for entry in entries:
        entry["filed_text"] = i18n.format_date(entry["filed"]) if entry["filed"] else ""
    return entries


@bp.get("/")
def home() -> Any:
    """The list of the logged-in person's records; the way in for the others."""
    try:
        data = run_as_user(
            lambda env: {"name": env.user.name, "entries": my_entries(env), "share": env.user.share},
            readonly=True,
        )
    except NotLoggedIn:
        return _page("service_desk/portal_my_login.html")
    return _page("service_desk/portal_my.html", **data)


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> Any:
    """Ask for an account: the link to choose a password is emailed."""
    values = {k: request.form.get(k, "").strip() for k in ("name", "email")}
    if request.method == "GET":
        return _page("service_desk/portal_my_signup.html", values=values)
    try:
        public_env_run(lambda env: env["res.partner"]._portal_signup_request(values["name"], values["email"]))
    except (UserError, ValidationError) as error:
        return _page("service_desk/portal_my_signup.html", 400, values=values, error=str(error))
    return _page("service_desk/portal_my_signup.html", values=values, sent=True)


@bp.route("/account/<token>", methods=["GET", "POST"])
def account(token: str) -> Any:
    """Choose the password of the account the link was sent for; logged in once it is set."""
    partner = public_env_run(
        lambda env: (lambda p: {"name": p.name, "email": p.email} if p else None)(
            env["res.partner"]._portal_partner_of_token(token)
        ),
        readonly=True,
    )
    if partner is None:
        return _page("service_desk/portal_my_account.html", 404,
                     error=_("This link is not valid any more: ask for a new one."))
    if request.method == "GET":
        return _page("service_desk/portal_my_account.html", partner=partner, token=token)
    password, again = request.form.get("password", ""), request.form.get("confirm", "")
    if password != again:
        return _page("service_desk/portal_my_account.html", 400, partner=partner, token=token,
                     error=_("The two passwords differ."))

    def activate(env: Environment) -> None:
        uid = env["res.users"]._portal_activate(token, password)
        start_session(env, uid)

    try:
        public_env_run(activate)
    except (UserError, ValidationError) as error:
        return _page(
            "service_desk/portal_my_account.html", 400, partner=partner, token=token, error=str(error)
        )
    return redirect(url_for(".home"))
