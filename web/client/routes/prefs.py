"""The user's preferences: language and time zone."""

from __future__ import annotations

from typing import Any

import pytz
from flask import flash, redirect, request

from core.exceptions import UserError
from core.i18n import LANGUAGES, _
from core.records.environment import Environment
from web.auth.session import refresh_session
from web.client import bp
from web.client.session_env import run_as_user


@bp.route("/preferences", methods=["POST"])
def preferences() -> Any:
    lang, tz = request.form.get("lang"), request.form.get("tz")
    if tz and tz not in pytz.all_timezones_set:
        raise UserError(_("Unknown time zone %(tz)r.", tz=tz))

    def save(env: Environment) -> Any:
        offered = dict(env["res.lang"].get_installed()) if "res.lang" in env else LANGUAGES
        if lang is not None and lang not in offered:
            raise UserError(_("Unknown language %(lang)r.", lang=lang))
        vals = {key: value for key, value in (("lang", lang), ("tz", tz)) if value}
        env["res.users"].browse(env.uid).write(vals)
        refresh_session(env)
        return None

    run_as_user(save)
    flash(_("Your preferences have been saved."), "success")
    target = request.form.get("back", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else "/web")
