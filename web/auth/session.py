"""Sessions of the web client: a signed cookie holding the database, the user and a token derived
from the user's password hash, checked against the database on every request. Changing the
password (or deactivating the user) ends every other session of that user at once."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import current_app, session

from core.records.environment import Environment

SESSION_KEYS = ("db", "uid", "login", "token", "lang", "tz")


def session_token(env: Environment, uid: int) -> str:
    """A token that changes with the user's password hash and activity."""
    users = env(su=True)["res.users"].with_context(active_test=False)
    user = users.browse(uid).exists()
    stored = users._stored_hash(uid) if user and user.active else None
    if not stored:
        return ""
    key = current_app.config["SECRET_KEY"].encode()
    message = f"{env.registry.db_name}:{uid}:{stored}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def start_session(env: Environment, uid: int) -> None:
    """Log ``uid`` in: a fresh session with the user's language and time zone."""
    user = env(su=True)["res.users"].browse(uid)
    session.clear()
    session.permanent = True
    session.update(
        db=env.registry.db_name,
        uid=uid,
        login=user.login,
        token=session_token(env, uid),
        lang=user.lang or "en_US",
        tz=user.tz or "UTC",
    )


def refresh_session(env: Environment) -> None:
    """Keep the session valid after the user changed password or preferences."""
    uid = session.get("uid")
    if uid:
        user = env(su=True)["res.users"].browse(uid)
        session.update(token=session_token(env, uid), lang=user.lang or "en_US", tz=user.tz or "UTC")


def end_session() -> None:
    session.clear()


def session_user() -> tuple[str, int] | None:
    """(database, uid) of the logged-in user, as the cookie says (not yet checked)."""
    uid, db = session.get("uid"), session.get("db")
    if isinstance(uid, int) and isinstance(db, str) and session.get("token"):
        return db, uid
    return None


def session_is_valid(env: Environment) -> bool:
    """Whether the cookie's token still matches the user's current password and activity."""
    expected = session_token(env, env.uid)
    return bool(expected) and hmac.compare_digest(expected, str(session.get("token", "")))


def session_context() -> dict[str, Any]:
    """The record API context of the logged-in user."""
    return {
        "lang": session.get("lang") or "en_US",
        "tz": session.get("tz") or "UTC",
        "uid": session.get("uid"),
    }
