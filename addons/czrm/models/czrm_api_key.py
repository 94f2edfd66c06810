"""Open311 API keys: random keys given once to an app; the database keeps a SHA-256 hash and the first
characters to find it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from core import _, clock, model, public
from core.exceptions import UserError

PREFIX = 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@model("czrm.api.key")
class CzrmApiKey:
    def _compute_request_count(self) -> None:
        groups = (
            self.env["czrm.request"]
            .sudo()
            .read_group([("api_key_id", "in", self.ids)], ["api_key_id"], ["api_key_id"])
        )
        counts = {g["api_key_id"][0]: g["api_key_id_count"] for g in groups if g["api_key_id"]}
        for key in self:
            key.request_count = counts.get(key.id, 0)

    def _generate(self, name: str) -> tuple[Any, str]:
        """A new key for the app ``name``: (its record, the key in clear, to show once)."""
        if not (name or "").strip():
            raise UserError(_("Name the application the key is for."))
        key = secrets.token_urlsafe(32)
        record = self.sudo().create(
            {"name": name.strip(), "key_prefix": key[:PREFIX], "key_hash": hash_key(key)}
        )
        return record, key

    def _authenticate(self, key: str | None) -> Any:
        """The active key record of ``key``, or an empty recordset."""
        Keys = self.sudo()
        if not key or len(key) < PREFIX:
            return Keys.browse()
        candidates = Keys.search([("key_prefix", "=", key[:PREFIX]), ("active", "=", True)])
        hashes = candidates._secret_values("key_hash")
        digest = hash_key(key)
        for candidate in candidates:
            if hmac.compare_digest(hashes.get(candidate.id) or "", digest):
                candidate.write({"last_used": clock.utcnow()})
                return candidate
        return Keys.browse()


@model("czrm.api.key.generate")
class CzrmApiKeyGenerate:
    @public
    def action_generate(self) -> dict[str, Any]:
        """Make the key and show it on this form, once."""
        self.ensure_one()
        if self.key:
            raise UserError(_("This key was made already; make a new one from the API keys."))
        _record, key = self.env["czrm.api.key"]._generate(self.name)
        self.key = key
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
