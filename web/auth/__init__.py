"""Authentication of the web client: server-side sessions, login/logout, password change, CSRF and
security headers."""

from __future__ import annotations

from flask import Flask

from web import i18n
from web.auth import headers
from web.auth.csrf import csrf, protect_forms
from web.auth.server_session import ServerSessionInterface
from web.auth.store import make_store, session_times

__all__ = ["protect_forms", "register"]


def register(app: Flask) -> None:
    from web.auth.routes import bp

    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    if "csrf" not in app.extensions:
        csrf.init_app(app)
    app.session_interface = ServerSessionInterface(make_store(app), session_times(app))
    headers.install(app)
    i18n.install(app)
    app.register_blueprint(bp)
