"""Authentication of users: argon2 password hashes, API keys, and a short memory of good checks.

XML-RPC sends the password with every call and argon2 is slow on purpose, so a successful check is
remembered for a few minutes, keyed by a secret-keyed digest of the password. A remembered password
costs no statement: it is bound to the registry's access caches, which a change of password, activity,
groups or the user's deletion clears in every process (at once in this one, through the registry
signal in the others, before their next request). An API key's memory is bound to its row, read on
each call, so revoking it works at once everywhere. Failed checks are never remembered.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import _, clock, model, public
from core.exceptions import AccessDenied, AccessError, ValidationError

_hasher = PasswordHasher()
# (db, uid) -> (keyed digest of the password, what it was checked against, when, the stamp it holds for)
_CHECK_CACHE: dict[tuple[str, int], tuple[bytes, tuple[str, Any], float, Any]] = {}
# how many times this process forgot checks: a check that was running meanwhile is not trusted later
_FORGOTTEN = [0]
_CACHE_SECRET = secrets.token_bytes(32)
_CACHE_TTL = 600.0
_cache_lock = threading.Lock()
MIN_PASSWORD_LENGTH = 4


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _digest(password: str) -> bytes:
    return hmac.new(_CACHE_SECRET, password.encode(), hashlib.sha256).digest()


def _remembered(key: tuple[str, int], digest: bytes, stamp: Any) -> tuple[bool, Any]:
    """(whether ``digest`` is remembered as the password for ``stamp``, the fresh memory of ``digest``
    or None)."""
    with _cache_lock:
        cached = _CHECK_CACHE.get(key)
    if cached is None or not hmac.compare_digest(cached[0], digest) \
            or time.monotonic() - cached[2] >= _CACHE_TTL:
        return False, None
    return cached[1][0] == "password" and cached[3] == stamp, cached


# (db, uid, digest) -> [the lock of the check running for it, how many threads hold or wait for it]
_checking: dict[tuple[str, int, bytes], list[Any]] = {}


@contextmanager
def _one_check_at_a_time(key: tuple[str, int, bytes]) -> Iterator[None]:
    """Threads checking the same password of the same user take turns, so the first calls after a start,
    which often come at once, hash it once: the others find the first one's answer remembered."""
    with _cache_lock:
        entry = _checking.setdefault(key, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _cache_lock:
            entry[1] -= 1
            if entry[1] == 0 and _checking.get(key) is entry:
                del _checking[key]  # only the checks running are kept


def forget_checks(db: str, uid: int | None = None) -> None:
    """Drop the remembered checks of a user (or of every user of ``db``) in this process."""
    with _cache_lock:
        _FORGOTTEN[0] += 1
        for key in [k for k in _CHECK_CACHE if k[0] == db and (uid is None or k[1] == uid)]:
            _CHECK_CACHE.pop(key, None)


@model("res.users")
class ResUsersAuth:
    def _check_password_strength(self, password: Any) -> str:
        """``password`` if long enough (the setting auth.password_min_length, at least 4 characters)."""
        size = MIN_PASSWORD_LENGTH
        if "ir.config_parameter" in self.env:
            configured = self.env["ir.config_parameter"].sudo().get_param("auth.password_min_length", "")
            size = max(size, int(configured)) if str(configured).isdigit() else size
        if not isinstance(password, str) or len(password) < size:
            raise ValidationError(_("The password must have at least %(size)s characters.", size=size),
                                  field="password")
        return password

    def _stored_hash(self, uid: int) -> str | None:
        """The user's password hash (for tokens that must change with the password; never sent out)."""
        row = self._credentials_row(uid)
        return row[0] if row else None

    def _credentials_row(self, uid: int) -> tuple[str | None, bool] | None:
        table = self._table
        query = sa.select(table.c.password, table.c.active).where(table.c.id == uid)
        row = self.env.cr.execute(query).first()
        return (row[0], bool(row[1])) if row else None

    def _check_credentials(self, uid: int, password: str) -> None:
        """Raise AccessDenied unless ``password`` is the active user's password or one of their API keys.

        A password remembered as good costs no statement while the registry's access caches stand: a
        change of password, of the user's activity or groups, or the user's deletion forgets it in this
        process at once and signals the others (who drop it with their caches before their next request).
        """
        if not password or not isinstance(password, str):
            raise AccessDenied()
        key, digest = (self.env.registry.db_name, uid), _digest(password)
        stamp = self._credentials_stamp()
        if _remembered(key, digest, stamp)[0]:
            return
        with _one_check_at_a_time((*key, digest)):
            good, cached = _remembered(key, digest, stamp)
            if good:
                return  # another thread checked the same password while this one waited
            row = self._credentials_row(uid)
            if row is None or not row[1]:
                raise AccessDenied()
            stored = row[0]
            if cached is not None and self._still_valid(uid, cached[1], stored):
                basis = cached[1]
            else:
                basis = self._verify(uid, password, stored)
            with _cache_lock:
                _CHECK_CACHE[key] = (digest, basis, time.monotonic(), stamp)

    def _credentials_stamp(self) -> Any:
        """What a remembered check is bound to: this registry's access caches (cleared when any process
        changes users or rights) and this process's own forgetting of the user."""
        security = self.env.registry.security
        return (id(security), security.generation, _FORGOTTEN[0])

    def _verify(self, uid: int, password: str, stored: str | None) -> tuple[str, Any]:
        """What ``password`` matched: the stored hash, or an API key (AccessDenied for neither)."""
        try:
            if stored and _hasher.verify(stored, password):
                return ("password", stored)
        except (VerificationError, InvalidHashError):
            pass
        if not self.env.context.get("interactive"):
            key_id = self.env["res.users.apikeys"].sudo()._check_key(password, uid)
            if key_id:
                return ("apikey", key_id)
        raise AccessDenied()

    def _still_valid(self, uid: int, basis: tuple[str, Any], stored: str | None) -> bool:
        kind, value = basis
        if kind == "password":
            return value == stored
        return self.env["res.users.apikeys"].sudo()._key_is_live(value, uid)

    def _login(self, login: str, password: str) -> int:
        """The uid of ``login`` if ``password`` is right (password or API key); AccessDenied otherwise."""
        if not login or not isinstance(login, str):
            raise AccessDenied()
        user = self.sudo().with_context(active_test=True).search([("login", "=", login)], limit=1)
        if not user:
            raise AccessDenied()
        user._check_credentials(user.id, password)
        return user.id

    def authenticate(self, login: str, password: str) -> int:
        """The uid of ``login`` after checking ``password``; records the time of the login."""
        uid = self._login(login, password)
        self.sudo().browse(uid)._update_last_login()
        return uid

    def _update_last_login(self) -> None:
        table = self._table
        now = clock.utcnow()
        self.env.cr.execute(sa.update(table).where(table.c.id.in_(self.ids)).values(login_date=now))

    def check(self, uid: int, password: str) -> None:
        self.sudo()._check_credentials(uid, password)

    # -- changing credentials --------------------------------------------------------------
    @public
    def change_password(self, old_passwd: str, new_passwd: str) -> bool:
        """Change the current user's password, knowing the old one (no rights on users needed); True."""
        uid = self.env.uid
        try:
            self.sudo()._check_credentials(uid, old_passwd)
        except AccessDenied:
            raise AccessDenied(_("The old password is not correct.")) from None
        if old_passwd == new_passwd:
            raise ValidationError(_("The new password must differ from the old one."), field="password")
        self.sudo().browse(uid).write({"password": self._check_password_strength(new_passwd)})
        return True

    @public
    def create_api_key(self, name: str, expiration_date: Any = None) -> str:
        """A new API key for the user (shown once; only its hash is kept), usable instead of the password."""
        self.ensure_one()
        if self.id != self.env.uid and not self.env.is_admin():
            raise AccessError(_("You can only create API keys for yourself."))
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(_("An API key needs a description saying what uses it."), field="name")
        return self.env["res.users.apikeys"].sudo()._generate(self.id, name.strip(), expiration_date)
