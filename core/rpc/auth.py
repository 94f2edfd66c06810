"""Who is calling: login with a password or an API key, checked against res.users.

Password checks go through ``res.users._check_credentials`` (which keeps Odoo's short-lived memory of
successful checks, so argon2 runs once per password, not once per call). API keys are verified once
with argon2 as well; afterwards a call costs one indexed lookup proving the key was not revoked.
Failed attempts count per client address (``core.security.throttle``, shared with the web login).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from typing import TYPE_CHECKING

import sqlalchemy as sa

from core import clock
from core.exceptions import AccessDenied
from core.i18n import _
from core.security.throttle import throttle

if TYPE_CHECKING:
    from core.records.environment import Environment

KEY_CACHE_TTL = 600.0
_lock = threading.Lock()
_key_cache: dict[tuple[str, bytes], tuple[int, tuple[int, ...], float]] = {}
_secret = secrets.token_bytes(32)


# -- throttling -------------------------------------------------------------------------------
def check_cooldown(address: str | None) -> None:
    """Raise AccessDenied while ``address`` is cooling down after too many failures."""
    if throttle().seconds_blocked(address):
        raise AccessDenied(_("Too many login failures, please wait a bit before trying again."))


def record_failure(address: str | None) -> None:
    throttle().record_failure(address)


def record_success(address: str | None) -> None:
    throttle().record_success(address)


def reset_throttling() -> None:
    """Forget every failure counted in this process (tests, and an administrator unblocking clients)."""
    throttle().reset()


# -- passwords --------------------------------------------------------------------------------
def login(env: Environment, login_name: str, password: str, address: str | None = None) -> int:
    """The uid of ``login_name`` when ``password`` (or an API key of the user) is right; AccessDenied else."""
    check_cooldown(address)
    try:
        uid = env["res.users"].sudo().authenticate(login_name, password)
    except AccessDenied:
        record_failure(address)
        raise
    record_success(address)
    return uid


def check_password(env: Environment, uid: object, password: object, address: str | None = None) -> int:
    """``uid`` when it is an active user whose password (or API key) is ``password``; AccessDenied else.

    ``res.users._check_credentials`` refuses inactive users and remembers successful checks.
    """
    check_cooldown(address)
    if not isinstance(uid, int) or isinstance(uid, bool) or not isinstance(password, str) or not password:
        record_failure(address)
        raise AccessDenied()
    try:
        env["res.users"].sudo()._check_credentials(uid, password)
    except AccessDenied:
        record_failure(address)
        raise
    return uid


# -- API keys ---------------------------------------------------------------------------------
def check_api_key(env: Environment, key: object, address: str | None = None) -> int:
    """The uid owning API key ``key`` (unexpired, not revoked, user active); AccessDenied otherwise.

    The key is verified once (argon2, by ``res.users.apikeys._check_key``); later calls with it cost one
    query proving the key record is still live and its user active.
    """
    check_cooldown(address)
    if not isinstance(key, str) or not key.strip():
        record_failure(address)
        raise AccessDenied(_("Invalid API key"))
    key = key.strip()
    cache_key = (env.registry.db_name, hmac.new(_secret, key.encode(), hashlib.sha256).digest())
    with _lock:
        cached = _key_cache.get(cache_key)
    key_id = cached[1][0] if cached and time.monotonic() - cached[2] < KEY_CACHE_TTL else None
    if key_id is None:
        key_id = env["res.users.apikeys"].sudo()._check_key(key)
    uid = _live_owner(env, key_id, key[:8]) if key_id else None
    if not uid:
        with _lock:
            _key_cache.pop(cache_key, None)
        record_failure(address)
        raise AccessDenied(_("Invalid API key"))
    with _lock:
        _key_cache[cache_key] = (uid, (key_id,), cached[2] if cached else time.monotonic())
    record_success(address)
    return uid


def _live_owner(env: Environment, key_id: int, prefix: str) -> int | None:
    """The active owner of key record ``key_id`` (with the key's prefix) if it is unexpired; else None."""
    keys = env.registry.models["res.users.apikeys"]._table
    users = env.registry.models["res.users"]._table
    statement = (
        sa.select(keys.c.user_id)
        .join(users, users.c.id == keys.c.user_id)
        .where(keys.c.id == key_id, keys.c.key_prefix == prefix, users.c.active.is_(True))
        .where(sa.or_(keys.c.expiration_date.is_(None), keys.c.expiration_date > clock.utcnow()))
    )
    row = env.cr.execute(statement).first()
    return row[0] if row else None
