"""Who calls the REST API: a bearer API key (per user, stored hashed) or the web client's session.

Session-cookie calls that change data must send a JSON body: a cross-site form cannot, so the
cookie alone never suffices to write (SameSite cookies add to that).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app, request

from core.exceptions import AccessDenied
from core.i18n import _
from core.records.environment import Environment
from core.registry.registry import Registry
from core.rpc import auth
from web import databases
from web.auth import session as web_session
from web.rest.errors import ApiError
from web.rest.ratelimit import RateLimiter, Verdict, limiter_from_config


@dataclass
class Credentials:
    kind: str  # "key" or "session"
    secret: str  # the API key, or "" for a session
    db: str
    uid: int | None  # the session's uid (keys resolve theirs in the transaction)

    @property
    def client(self) -> str:
        """Who is counted by the rate limiter."""
        if self.kind == "key":
            return "key:" + hashlib.sha256(self.secret.encode()).hexdigest()[:24]
        return f"user:{self.db}:{self.uid}"


def credentials() -> Credentials:
    """The credentials the request carries; 401 when there are none."""
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    if header:
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, _("Unsupported Authorization header: use 'Bearer <API key>'."))
        db = request.headers.get("X-Odoo-Database") or databases.default_db()
        return Credentials("key", value.strip(), db, None)
    found = web_session.session_user()
    if found is None:
        raise ApiError(401, _("Authentication required: send 'Authorization: Bearer <API key>' or log in."))
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.mimetype != "application/json":
        raise ApiError(415, _("Requests authenticated by the session cookie must send a JSON body."))
    db, uid = found
    return Credentials("session", "", db, uid)


def registry_of(creds: Credentials) -> Registry:
    try:
        return databases.registry_for(creds.db)
    except LookupError:
        raise ApiError(404, _("Database %(db)s does not exist", db=creds.db)) from None


def authenticate(env: Environment, creds: Credentials) -> int:
    """The uid of the credentials, checked in ``env``'s transaction; AccessDenied when invalid."""
    if creds.kind == "key":
        return auth.check_api_key(env, creds.secret, request.remote_addr)
    assert creds.uid is not None
    if not web_session.session_is_valid(env(user=creds.uid)):
        raise AccessDenied(_("Your session has expired: log in again."))
    return creds.uid


def rate_limit(creds: Credentials) -> Verdict:
    limiter: RateLimiter | None = current_app.extensions.get("erp_rest_limiter")
    if limiter is None:
        limiter = current_app.extensions["erp_rest_limiter"] = limiter_from_config(current_app.config)
    return limiter.hit(creds.client)
