"""API keys: random secrets shown once, stored as argon2 hashes, found by a short prefix."""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import clock, model, public

PREFIX = 8
_hasher = PasswordHasher(time_cost=1, memory_cost=8192)


@model("res.users.apikeys")
class ResUsersApikeys:
    def _generate(self, user_id: int, name: str) -> str:
        key = secrets.token_hex(20)
        self.sudo().create({"name": name, "user_id": user_id, "key_prefix": key[:PREFIX],
                            "key_hash": _hasher.hash(key)})
        return key

    def _check_key(self, key: str) -> int | None:
        """The user id of a valid, unexpired key; None otherwise."""
        if not isinstance(key, str) or len(key) < PREFIX + 8:
            return None
        now = clock.utcnow()
        for record in self.sudo().search([("key_prefix", "=", key[:PREFIX])]):
            if record.expiration_date and record.expiration_date < now:
                continue
            try:
                if _hasher.verify(record.key_hash, key):
                    record.sudo().write({"last_used": now})
                    return record.user_id.id
            except (VerificationError, InvalidHashError):
                continue
        return None

    @public
    def action_revoke(self) -> bool:
        """Revoke the keys (only their owner or an administrator can)."""
        for record in self:
            if record.user_id.id != self.env.uid and not self.env.is_admin():
                from core.exceptions import AccessError

                raise AccessError("You can only revoke your own API keys.")
        self.sudo().unlink()
        return True
