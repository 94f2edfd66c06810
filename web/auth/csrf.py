"""CSRF protection of the web client's forms and fetch calls (Flask-WTF)."""

from __future__ import annotations

from flask import request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def protect_forms() -> None:
    """CSRF check of every state-changing request of the web client's blueprints (the RPC and REST
    APIs authenticate each call without cookies, so they are left alone)."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()
