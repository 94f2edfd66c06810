"""Who may use the studio: administrators (the Settings group), checked on the server by every route."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from core.exceptions import AccessError
from core.i18n import _
from core.records.environment import Environment
from web.client.session_env import run_as_user

T = TypeVar("T")
SETTINGS_GROUP = "base.group_system"


def is_studio_user(env: Environment) -> bool:
    return env.su or env.registry.security.user_in_any_group(env, SETTINGS_GROUP)


def require_settings(env: Environment) -> None:
    if not is_studio_user(env):
        raise AccessError(_("Only administrators (Settings group) can use the studio."))


def run_studio(work: Callable[[Environment], T], readonly: bool = False) -> T:
    """``work(env)`` as the logged-in user, who must be an administrator (AccessError otherwise)."""

    def checked(env: Environment) -> T:
        require_settings(env)
        return work(env)

    return run_as_user(checked, readonly=readonly)
