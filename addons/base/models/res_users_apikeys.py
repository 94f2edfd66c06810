"""API keys: random secrets shown once, stored as argon2 hashes, found by a short prefix."""
from __future__ import annotations

import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import _, clock, model, public
from core.exceptions import AccessError

PREFIX = 8
_hasher = PasswordHasher(time_cost=1, memory_cost=8192)


@model("res.users.apikeys")
class ResUsersApikeys:
    def _generate(self, user_id: int, name: str, expiration_date: Any = None) -> str:
        key = secrets.token_hex(20)
        self.sudo().create({"name": name, "user_id": user_id, "key_prefix": key[:PREFIX],
                            "key_hash": _hasher.hash(key), "expiration_date": expiration_date or False})
        return key

    def _check_key(self, key: str, uid: int | None = None) -> int | None:
        """The id of the valid, unexpired key ``key`` (of user ``uid`` when given); None otherwise."""
        if not isinstance(key, str) or len(key) < PREFIX + 8:
            return None
        now = clock.utcnow()
        domain = [("key_prefix", "=", key[:PREFIX])] + ([("user_id", "=", uid)] if uid else [])
        records = self.sudo().search(domain)
        hashes = records._secret_values("key_hash")  # write-only: read from the column to verify
        for record in records:
            if record.expiration_date and record.expiration_date < now:
                continue
            try:
                if _hasher.verify(hashes.get(record.id) or "", key):
                    record.sudo().write({"last_used": now})
                    return record.id
            except (VerificationError, InvalidHashError):
                continue
        return None

    def _key_is_live(self, key_id: int, uid: int) -> bool:
        """The key still exists, belongs to ``uid`` and has not expired (a remembered check stays good)."""
        record = self.sudo().browse(key_id).exists()
        return bool(record) and record.user_id.id == uid and not (
            record.expiration_date and record.expiration_date < clock.utcnow())

    @public
    def action_revoke(self) -> bool:
        """Revoke the keys (only their owner or an administrator can); True."""
        for record in self.sudo():
            if record.user_id.id != self.env.uid and not self.env.is_admin():
                raise AccessError(_("You can only revoke your own API keys."))
        self.sudo().unlink()
        return True
