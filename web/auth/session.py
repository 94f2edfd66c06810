"""Who is logged in to the web client and the web JSON routes: the server-side session (see
``web.auth.server_session``) holds the database, the user and a token derived from the user's password
hash, checked against the database on every request. Changing the password (or deactivating the user)
ends every other session of that user at once, whichever door made the change."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from flask import current_app, session

from core.records.environment import Environment
from web.auth.server_session import ServerSession, ServerSessionInterface
from web.auth.store import StoredSession, session_key

SESSION_KEYS = ("db", "uid", "login", "token", "lang", "tz")


def session_token(env: Environment, uid: int) -> str:
    """A token that changes with the user's password hash and activity ("" for no active user)."""
    row = env(su=True)["res.users"]._credentials_row(uid)
    if not row or not row[0] or not row[1]:
        return ""
    key = current_app.config["SECRET_KEY"].encode()
    message = f"{env.registry.db_name}:{uid}:{row[0]}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _server_session() -> ServerSession:
    if not isinstance(session._get_current_object(), ServerSession):  # type: ignore[attr-defined]
        raise RuntimeError("the app's session interface is not web.auth's server-side one")
    return session._get_current_object()  # type: ignore[attr-defined,no-any-return]


def _interface() -> ServerSessionInterface:
    interface = current_app.session_interface
    assert isinstance(interface, ServerSessionInterface)
    return interface


def start_session(env: Environment, uid: int) -> None:
    """Log ``uid`` in: a new session (a new id: the one before, if any, is deleted) with the user's
    language and time zone."""
    user = env(su=True)["res.users"].browse(uid)
    _server_session().renew()
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
    """Log out: the session is deleted from the store, so a copy of its cookie opens nothing."""
    _server_session().end()


def session_user() -> tuple[str, int] | None:
    """(database, uid) of the logged-in user, as the session says (not yet checked)."""
    uid, db = session.get("uid"), session.get("db")
    if isinstance(uid, int) and isinstance(db, str) and session.get("token"):
        return db, uid
    return None


def session_is_valid(env: Environment) -> bool:
    """Whether the session's token still matches the user's current password and activity."""
    expected = session_token(env, env.uid)
    return bool(expected) and hmac.compare_digest(expected, str(session.get("token", "")))


def session_context() -> dict[str, Any]:
    """The record API context of the logged-in user."""
    return {
        "lang": session.get("lang") or "en_US",
        "tz": session.get("tz") or "UTC",
        "uid": session.get("uid"),
    }


@dataclass(frozen=True)
class OpenSession:
    """One session of the logged-in user, as the preferences page lists it."""

    ref: str  # a short, stable reference (the start of the store's key, not the cookie's id)
    current: bool
    stored: StoredSession


def own_sessions() -> list[OpenSession]:
    """The logged-in user's open sessions, the current one first, then the most recently used."""
    who = session_user()
    if who is None:
        return []
    current = _current_key()
    found = [OpenSession(key[:16], key == current, stored)
             for key, stored in _interface().store.user_sessions(*who)]
    return sorted(found, key=lambda s: (not s.current, -s.stored.last_activity.timestamp()))


def end_other_sessions() -> int:
    """Log out every other session of the logged-in user (this one stays); how many were open."""
    who = session_user()
    if who is None:
        return 0
    return _interface().store.delete_user(*who, keep=_current_key())


def end_own_session(ref: str) -> bool:
    """Log out the logged-in user's session named ``ref`` (never the current one); whether it was open."""
    current = _current_key()
    for key, _stored in _interface().store.user_sessions(*(session_user() or ("", 0))):
        if key[:16] == ref and key != current:
            _interface().store.delete(key)
            return True
    return False


def _current_key() -> str | None:
    sid = _server_session().sid
    return session_key(sid) if sid else None
