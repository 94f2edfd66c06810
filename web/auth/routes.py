"""Logging in and out, and changing one's password."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.exceptions import AccessDenied, ValidationError
from core.i18n import _
from core.records.environment import SUPERUSER_ID
from core.security.throttle import throttle
from web.auth.csrf import protect_forms
from web.auth.forms import LoginForm, PasswordForm
from web.auth.session import end_other_sessions, end_session, refresh_session, session_user, start_session
from web.databases import default_db, list_databases, registry_for, run_in_env
from web.i18n import begin_request_lang

bp = Blueprint("auth", __name__, url_prefix="/web")
bp.before_request(begin_request_lang)
bp.before_request(protect_forms)


def _client_address() -> str:
    return request.remote_addr or "unknown"


def _safe_next(target: str | None) -> str:
    """Only local paths: a crafted ``next`` must not send the user to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("client.home")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    databases = list_databases()
    form.db.choices = [(name, name) for name in databases]
    if not form.db.data:
        form.db.data = default_db()
    status = 200
    if form.validate_on_submit():
        wait = throttle().seconds_blocked(_client_address())
        if wait:
            flash(_("Too many failed logins. Try again in %(seconds)s seconds.", seconds=wait), "error")
            status = 429
        else:
            status = _try_login(form)
            if status == 302:
                return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form, show_db=len(databases) > 1), status


def _try_login(form: LoginForm) -> int:
    registry = registry_for(form.db.data)

    def work(env: Any) -> int:
        uid = env["res.users"].authenticate(form.login.data.strip(), form.password.data)
        start_session(env, uid)
        return uid

    try:
        run_in_env(registry, SUPERUSER_ID, {}, work)
    except AccessDenied:
        throttle().record_failure(_client_address())
        flash(_("Wrong login/password."), "error")
        return 401
    throttle().record_success(_client_address())
    return 302


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    end_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
def password() -> Any:
    who = session_user()
    if who is None:
        return redirect(url_for("auth.login", next=request.path))
    db, uid = who
    form = PasswordForm()
    status = 200
    if form.validate_on_submit():
        status = _change_password(db, uid, form)
        if status == 302:
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("client.home"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/password.html", form=form), status


def _change_password(db: str, uid: int, form: PasswordForm) -> int:
    registry = registry_for(db)

    def work(env: Any) -> None:
        users = env["res.users"]
        users.sudo()._check_credentials(uid, form.old_password.data)
        users.browse(uid).write({"password": form.new_password.data})
        refresh_session(env)

    try:
        run_in_env(registry, uid, {}, work)
    except AccessDenied:
        form.old_password.errors = [_("The current password is not right.")]
        return 400
    except ValidationError as error:
        form.new_password.errors = [error.message]
        return 400
    end_other_sessions()  # after the commit: the store has a transaction of its own
    return 302
