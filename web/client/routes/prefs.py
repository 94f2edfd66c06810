"""The user's preferences page: language and time zone, the way to the password and API keys, and the
user's open sessions, with "Log out my other sessions"."""

from __future__ import annotations

from typing import Any

import pytz
from flask import g, redirect, request, url_for

from core.exceptions import UserError
from core.i18n import LANGUAGES, _, set_lang
from core.records.environment import Environment
from web.auth.session import end_other_sessions, end_own_session, own_sessions, refresh_session
from web.client import bp
from web.client.devices import describe_device
from web.client.pages import page
from web.client.request_env import after_commit, flash, with_env
from web.i18n import request_lang


@bp.get("/preferences")
@with_env(readonly=True)
def preferences_page(env: Environment) -> Any:
    user = env(su=True)["res.users"].browse(env.uid)
    sessions = [(s, describe_device(s.stored.user_agent)) for s in own_sessions()]
    return page(env, "client/preferences.html", title=_("Preferences"), user=user,
                user_tz=user.tz or "", timezones=pytz.common_timezones, sessions=sessions)


@bp.route("/preferences", methods=["POST"])
@with_env()
def preferences(env: Environment) -> Any:
    lang, tz = request.form.get("lang"), request.form.get("tz")
    if tz and tz not in pytz.all_timezones_set:
        raise UserError(_("Unknown time zone %(tz)r.", tz=tz))
    offered = dict(env["res.lang"].get_installed()) if "res.lang" in env else LANGUAGES
    if lang is not None and lang not in offered:
        raise UserError(_("Unknown language %(lang)r.", lang=lang))
    vals = {key: value for key, value in (("lang", lang), ("tz", tz)) if value}
    env["res.users"].browse(env.uid).write(vals)
    refresh_session(env)
    # the rest of this request speaks the language just chosen, as every later one does (no new login)
    g.lang = request_lang()
    set_lang(g.lang)
    flash(_("Your preferences have been saved."), "success")
    target = request.form.get("back", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else "/web")


def _end_others() -> None:
    ended = end_other_sessions()
    if ended:
        flash(_("Your other sessions have been logged out (%(count)s).", count=ended), "success")
    else:
        flash(_("You had no other session open."), "info")


@bp.post("/preferences/sessions/end-others")
@with_env(readonly=True)  # a valid session asks, not a stale copy of one
def end_others(env: Environment) -> Any:
    after_commit(_end_others)  # outside the request's transaction: the store has its own
    return redirect(url_for("client.preferences_page"))


@bp.post("/preferences/sessions/<ref>/end")
@with_env(readonly=True)
def end_one(env: Environment, ref: str) -> Any:
    def end() -> None:
        if end_own_session(ref):
            flash(_("That session has been logged out."), "success")
        else:
            flash(_("That session is no longer open."), "info")

    after_commit(end)
    return redirect(url_for("client.preferences_page"))
