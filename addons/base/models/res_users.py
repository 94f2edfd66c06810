"""Users: passwords hashed with argon2, login, groups, preferences and API keys."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import _, clock, model, public
from core.exceptions import AccessDenied, AccessError, ValidationError

_hasher = PasswordHasher()
# (db, uid) -> (keyed digest of the last good password, time): XML-RPC sends the password with every
# call and argon2 is slow on purpose; a short-lived memory of successful checks avoids rehashing.
_CHECK_CACHE: dict[tuple[str, int], tuple[bytes, float]] = {}
_CACHE_SECRET = secrets.token_bytes(32)
_CACHE_TTL = 600.0
_cache_lock = threading.Lock()
API_KEY_PREFIX_SIZE = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _digest(password: str) -> bytes:
    return hmac.new(_CACHE_SECRET, password.encode(), hashlib.sha256).digest()


def forget_checks(db: str, uid: int | None = None) -> None:
    with _cache_lock:
        for key in [k for k in _CHECK_CACHE if k[0] == db and (uid is None or k[1] == uid)]:
            _CHECK_CACHE.pop(key, None)


@model("res.users")
class ResUsers:
    # -- defaults and computes -------------------------------------------------------------
    def _default_groups(self) -> list[Any]:
        group = self.env.ref("base.group_user", raise_if_not_found=False)
        return [(6, 0, [group.id])] if group else []

    def _default_company_ids(self) -> list[Any]:
        company = self.env.company if "res.company" in self.env else None
        return [(6, 0, [company.id])] if company else []

    def _compute_share(self) -> None:
        internal = self.env.ref("base.group_user", raise_if_not_found=False)
        for user in self:
            user.share = not (internal and internal in user.groups_id)

    def _compute_display_name(self) -> None:
        for user in self:
            user.display_name = user.name or user.login or ""

    # -- create and write ------------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            password = vals.pop("password", None)
            if not vals.get("partner_id"):
                partner_vals = {"name": vals.get("name") or vals.get("login"), "email": vals.get("email")}
                for key in ("lang", "tz"):
                    if vals.get(key):
                        partner_vals[key] = vals[key]
                vals["partner_id"] = self.env["res.partner"].create(
                    {k: v for k, v in partner_vals.items() if v}).id
            if password:
                vals["password"] = hash_password(self._check_password_strength(password))
            prepared.append(vals)
        users = super().create(prepared)
        for user in users:
            if user.company_id and user.company_id not in user.company_ids:
                user.company_ids = [(4, user.company_id.id)]
            if user.partner_id.company_id and user.partner_id.company_id != user.company_id:
                user.partner_id.sudo().company_id = False
        self.env.registry.security.clear()
        return users

    def write(self, vals: dict[str, Any]) -> bool:
        if not self.env.su and self.ids == [self.env.uid] and set(vals) <= self._self_writable():
            # users change their own preferences and password without rights on res.users
            return self.sudo().write(vals)
        vals = dict(vals)
        if "password" in vals:
            password = vals.pop("password")
            if password:
                vals["password"] = hash_password(self._check_password_strength(password))
            for user in self:
                forget_checks(self.env.registry.db_name, user.id)
        result = super().write(vals)
        if {"groups_id", "active", "company_ids", "company_id"} & set(vals):
            self.env.registry.security.clear()
            self.env.registry.signal_changes(self.env.cr)
            for user in self:
                forget_checks(self.env.registry.db_name, user.id)
        return result

    @staticmethod
    def _self_writable() -> set[str]:
        return {"password", "lang", "tz", "signature", "email", "name", "image_1920"}

    def _check_password_strength(self, password: str) -> str:
        if not isinstance(password, str) or len(password) < 4:
            raise ValidationError(_("The password must have at least 4 characters."), field="password")
        return password

    def _fetch_columns(self, fields: list[Any], ids: list[Any], missing_for: Any = None) -> set[int]:
        found = super()._fetch_columns(fields, ids, missing_for)
        # the hash never leaves the server: the record API reads the password as an empty string
        password = self._fields["password"]
        if password in fields:
            values = self.env.cache.field_values(password)
            stored = self.env.cr.data.setdefault("password_hashes", {})
            for record_id in found:
                stored[record_id] = values.get(record_id)
                values[record_id] = ""
        return found

    # -- authentication --------------------------------------------------------------------
    def _stored_hash(self, uid: int) -> str | None:
        table = self._table
        import sqlalchemy as sa

        row = self.env.cr.execute(sa.select(table.c.password).where(table.c.id == uid)).first()
        return row[0] if row else None

    def _check_credentials(self, uid: int, password: str) -> None:
        """Raise AccessDenied unless ``password`` is the user's."""
        if not password or not isinstance(password, str):
            raise AccessDenied()
        key = (self.env.registry.db_name, uid)
        digest = _digest(password)
        with _cache_lock:
            cached = _CHECK_CACHE.get(key)
        if cached and hmac.compare_digest(cached[0], digest) and time.monotonic() - cached[1] < _CACHE_TTL:
            return
        stored = self._stored_hash(uid)
        try:
            if not stored or not _hasher.verify(stored, password):
                raise AccessDenied()
        except (VerificationError, InvalidHashError):
            if not self._check_api_key(uid, password):
                raise AccessDenied() from None
        with _cache_lock:
            _CHECK_CACHE[key] = (digest, time.monotonic())

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
        uid = self._login(login, password)
        self.sudo().browse(uid)._update_last_login()
        return uid

    def _update_last_login(self) -> None:
        table = self._table
        import sqlalchemy as sa

        self.env.cr.execute(sa.update(table).where(table.c.id.in_(self.ids)).values(login_date=clock.utcnow()))

    def check(self, uid: int, password: str) -> None:
        self.sudo()._check_credentials(uid, password)

    # -- API keys --------------------------------------------------------------------------
    def _check_api_key(self, uid: int, key: str) -> bool:
        return self.env["res.users.apikeys"].sudo()._check_key(key) == uid

    @public
    def create_api_key(self, name: str) -> str:
        """A new API key for the user (shown once; only its hash is kept)."""
        self.ensure_one()
        if self.id != self.env.uid and not self.env.is_admin():
            raise AccessError(_("You can only create API keys for yourself."))
        return self.env["res.users.apikeys"].sudo()._generate(self.id, name)

    # -- groups and context ----------------------------------------------------------------
    def has_group(self, group_xmlid: str) -> bool:
        """Whether the user belongs to the group (implied groups included)."""
        self.ensure_one()
        group_id = self.env.registry.security.group_id(self.env, group_xmlid)
        if group_id is None:
            return False
        env = self.env(user=self.id, su=False)
        return group_id in self.env.registry.security.user_groups(env)

    @public
    def context_get(self) -> dict[str, Any]:
        user = self.env.user
        return {"lang": user.lang or "en_US", "tz": user.tz or False, "uid": user.id}

    @public
    def preference_save(self) -> bool:
        return True
