"""Who may use the studio: administrators (the Settings group), checked on the server by every route."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from core.exceptions import AccessError, UserError
from core.i18n import _
from core.records.environment import Environment
from web.client.request_env import with_env

SETTINGS_GROUP = "base.group_system"


def is_studio_user(env: Environment) -> bool:
    return env.su or env.registry.security.user_in_any_group(env, SETTINGS_GROUP)


def require_settings(env: Environment) -> None:
    if not is_studio_user(env):
        raise AccessError(_("Only administrators (Settings group) can use the studio."))


def studio_route(
    readonly: bool | Callable[[], bool] = False, recover: Callable[..., Any] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``with_env`` for the studio's routes: the logged-in user must be an administrator (AccessError
    otherwise). ``recover(env, error, *args)`` answers a UserError after the rollback."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def checked(env: Environment, *args: Any, **kwargs: Any) -> Any:
            require_settings(env)
            return view(env, *args, **kwargs)

        return with_env(readonly=readonly, recover=recover, refusals=(UserError,))(checked)

    return decorate
