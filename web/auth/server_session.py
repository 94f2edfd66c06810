"""Server-side web sessions behind Flask's ``SessionInterface``: the ``session_id`` cookie (Odoo's name,
which Odoo's clients look for) holds a random id; the values live in a store (``web.auth.store``).

Why not Flask-Session: its Redis and SQLAlchemy backends keep sessions by id only, and this suite needs
them by user too (logging out every other session of a user, ending the sessions of a user whose
password changed); its SQLAlchemy backend wants one Flask-SQLAlchemy database bound to the app, while
here the store is the suite's own database (the record API of ``ir.session``, created by schema sync like
any model) or Redis; and the idle timeout and absolute lifetime are checked here against ``core.clock``,
so tests can freeze time. So this is a small interface of our own on Flask's.

The session is loaded on first use, so static files and API calls that never look at it cost no lookup.
A session is renewed (new id, old one deleted) at login, deleted at logout, and refused once its idle
timeout or absolute lifetime has passed. Session ids are never logged nor stored: the store's key is
their SHA-256.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask, Request, request
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.wrappers import Response

from core import clock
from web.auth.store import SessionStore, SessionTimes, StoredSession, session_key

SID_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,128}")
Loader = Callable[[str], tuple[StoredSession | None, bool]]  # sid -> (stored session, whether it expired)


class ServerSession(SessionMixin):
    """The values of one session, loaded from the store when first read or written."""

    def __init__(self, sid: str | None, load: Loader | None) -> None:
        self.sid = sid  # the cookie's id; None until the session is first saved (or after a renewal)
        self._load = load if sid else None
        self._data: dict[str, Any] = {}
        self.stored: StoredSession | None = None
        self.cookie_sid = sid  # what the client sent (to clear a cookie that names no session)
        self.ended: list[str] = []  # keys of stored sessions to delete when the response goes out
        self.modified = False
        self.accessed = False

    @property
    def new(self) -> bool:  # type: ignore[override]
        return self.stored is None

    def _ensure(self) -> dict[str, Any]:
        self.accessed = True
        if self._load is not None:
            load, self._load = self._load, None
            self.stored, expired = load(self.sid or "")
            if expired and self.sid:
                # deleted with the answer: a request may first read its session inside a transaction
                # of the store's own database, which must not wait for another one
                self.ended.append(session_key(self.sid))
            if self.stored is None:
                self.sid = None  # unknown or expired: never take over an id a client chose
            else:
                self._data = dict(self.stored.data)
        return self._data

    @property
    def loaded(self) -> bool:
        return self._load is None

    def __getitem__(self, key: str) -> Any:
        return self._ensure()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._ensure()[key] = value
        self.modified = True

    def __delitem__(self, key: str) -> None:
        del self._ensure()[key]
        self.modified = True

    def __iter__(self) -> Iterator[str]:
        return iter(self._ensure())

    def __len__(self) -> int:
        return len(self._ensure())

    def __contains__(self, key: object) -> bool:
        return key in self._ensure()

    def renew(self) -> None:
        """A new id for this session (at login: an id known before cannot follow the user in), empty."""
        self._ensure()
        if self.sid:
            self.ended.append(session_key(self.sid))
        self.sid, self.stored, self._data = None, None, {}
        self.modified = True

    def end(self) -> None:
        """Log out: the stored session is deleted and the cookie cleared."""
        self.renew()
        self.modified = False


class ServerSessionInterface(SessionInterface):
    def __init__(self, store: SessionStore, times: SessionTimes) -> None:
        self.store, self.times = store, times

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid or not SID_PATTERN.fullmatch(sid):
            return ServerSession(None, None)
        return ServerSession(sid, self._fetch)

    def _fetch(self, sid: str) -> tuple[StoredSession | None, bool]:
        """The stored session of ``sid`` (None when there is none or it expired), and whether it expired."""
        stored = self.store.load(session_key(sid))
        if stored is not None and self.times.expired(stored, clock.utcnow()):
            return None, True
        return stored, False

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        if session.accessed:
            response.vary.add("Cookie")
        for key in session.ended:
            self.store.delete(key)
        if not session.loaded:
            return  # never read nor written in this request: nothing changed
        if not session:
            self._forget(app, session, response)
            return
        now = clock.utcnow()
        if session.sid is None or session.stored is None:
            self._create(app, session, response, now)
        elif session.modified:
            session.stored.data, session.stored.last_activity = dict(session), now
            self.store.save(session_key(session.sid), session.stored, self.times.expiry(session.stored))
        elif self.times.touch_due(session.stored, now):
            session.stored.last_activity = now
            self.store.touch(session_key(session.sid), session.stored, self.times.expiry(session.stored))

    def _create(self, app: Flask, session: ServerSession, response: Response, now: dt.datetime) -> None:
        session.sid = secrets.token_urlsafe(32)
        session.stored = StoredSession(dict(session), started=now, last_activity=now,
                                       user_agent=request.user_agent.string or "",
                                       remote_addr=request.remote_addr or "")
        self.store.save(session_key(session.sid), session.stored, self.times.expiry(session.stored))
        response.set_cookie(
            self.get_cookie_name(app),
            session.sid,
            expires=self.times.deadline(session.stored),  # naive UTC, as werkzeug reads it
            httponly=self.get_cookie_httponly(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            partitioned=self.get_cookie_partitioned(app),
        )

    def _forget(self, app: Flask, session: ServerSession, response: Response) -> None:
        """An empty session: nothing to keep, and the client's cookie goes."""
        if session.sid and session.stored is not None:
            self.store.delete(session_key(session.sid))
        if session.cookie_sid:
            response.delete_cookie(
                self.get_cookie_name(app),
                domain=self.get_cookie_domain(app),
                path=self.get_cookie_path(app),
                secure=self.get_cookie_secure(app),
                httponly=self.get_cookie_httponly(app),
                samesite=self.get_cookie_samesite(app),
                partitioned=self.get_cookie_partitioned(app),
            )
