"""What every chatter create looks up and almost never changes: the subtype of notes, the default
subtypes of a model's followers, the partner of a user. Kept per registry beside its access caches and
dropped with them: a change of subtypes or of a user's partner signals the registry (every process
clears its caches), so a create with its creation message and follower spends no statement on them."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from core import model

_lock = threading.Lock()
# (database, the registry's access caches, their generation) -> {key: value}
_CACHE: dict[tuple[str, int, int], dict[Any, Any]] = {}


def remembered(env: Any, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered until the registry's access caches are next cleared."""
    security = env.registry.security
    stamp = (env.registry.db_name, id(security), security.generation)
    with _lock:
        values = _CACHE.get(stamp)
        if values is None:
            for old in [s for s in _CACHE if s[:2] == stamp[:2]]:
                del _CACHE[old]
            values = _CACHE[stamp] = {}
        if key in values:
            return values[key]
    value = compute()
    if not env.cr.data.get("mail_cache_unsafe"):
        with _lock:
            values[key] = value

        def undo() -> None:  # what this transaction saw may never have existed (a user rolled back)
            with _lock:
                values.pop(key, None)

        env.cr.postrollback.append(undo)
    return value


def subtype_id(env: Any, xml_id: str) -> int:
    """The id of the subtype of external id ``xml_id`` (ValueError when there is none)."""
    return remembered(env, ("subtype", xml_id), lambda: env.ref(xml_id).id)


def default_subtype_ids(env: Any, model_name: str) -> list[int]:
    """The subtypes followers of ``model_name`` get by default."""
    return list(remembered(env, ("default_subtypes", model_name), lambda: tuple(
        env["mail.message.subtype"].sudo().search(
            [("default", "=", True), "|", ("res_model", "=", False), ("res_model", "=", model_name)]).ids)))


def partner_of(env: Any) -> int:
    """The partner of the environment's user."""
    return remembered(env, ("partner", env.uid), lambda: env.user.partner_id.id)


@model("mail.message.subtype")
class MailMessageSubtype:
    """Changing subtypes clears the caches of every process (what is looked up above with them)."""

    def create(self, vals_list: Any) -> Any:
        records = super().create(vals_list)
        self._subtypes_changed()
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        self._subtypes_changed()
        return result

    def unlink(self) -> bool:
        result = super().unlink()
        self._subtypes_changed()
        return result

    def _subtypes_changed(self) -> None:
        # until this transaction ends its own lookups may see what others do not: never remember them
        self.env.cr.data["mail_cache_unsafe"] = True
        self.env.registry.signal_changes(self.env.cr)
