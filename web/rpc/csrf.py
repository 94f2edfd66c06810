"""Keeping the APIs out of Flask-WTF's CSRF check, whichever order the feature areas register in.

The APIs are not forms: XML-RPC, JSON-RPC and JSON-2 carry credentials in every call or a bearer key,
and the routes that accept the session cookie require an application/json body, which a cross-site
form cannot send (with SameSite cookies on top).
"""

from __future__ import annotations

from flask import Blueprint, Flask

_EXEMPT_KEY = "erp_csrf_exempt_blueprints"


def exempt(app: Flask, blueprint: Blueprint) -> None:
    """Exempt ``blueprint`` from CSRFProtect now if it is set up, or before the first request it checks."""
    blueprints: set[Blueprint] = app.extensions.setdefault(_EXEMPT_KEY, set())
    blueprints.add(blueprint)
    _apply(app)
    if not getattr(app, "_erp_csrf_hook", False):
        app._erp_csrf_hook = True  # type: ignore[attr-defined]
        # runs before CSRFProtect's own before_request hook, which may be registered after us
        app.before_request_funcs.setdefault(None, []).insert(0, lambda: _apply(app))


def _apply(app: Flask) -> None:
    csrf = app.extensions.get("csrf")
    if csrf is None:
        return
    for blueprint in app.extensions.get(_EXEMPT_KEY, ()):
        csrf.exempt(blueprint)
