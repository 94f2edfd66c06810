"""Running a web client request as the logged-in user: one transaction (retried on conflicts), the
session checked against the database first, the user's language and time zone in the context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import g, session

from core.exceptions import AccessDenied
from core.records.environment import Environment
from web.auth.session import end_session, session_context, session_is_valid, session_user
from web.databases import registry_for, run_in_env
from web.i18n import load_addon_catalogs

T = TypeVar("T")


class NotLoggedIn(AccessDenied):
    """No session, or one that no longer matches the user (password changed, user archived)."""


def run_as_user(work: Callable[[Environment], T], readonly: bool = False) -> T:
    """``work(env)`` in the logged-in user's environment; NotLoggedIn without a valid session."""
    who = session_user()
    if who is None:
        raise NotLoggedIn()
    db, uid = who
    try:
        registry = registry_for(db)
    except LookupError:
        raise NotLoggedIn() from None
    load_addon_catalogs(registry)
    # code not written for retries (flask-admin's views) flashes inside the transaction: an attempt
    # that is run again starts from the messages the request had before the first one
    flashes_before = list(session.get("_flashes", []))

    def checked(env: Environment) -> T:
        if session.get("_flashes", []) != flashes_before:
            session["_flashes"] = list(flashes_before)
        if not session_is_valid(env):
            end_session()  # deleted from the store when the answer goes out
            raise NotLoggedIn()
        g.env = env
        try:
            return work(env)
        finally:
            g.pop("env", None)

    return run_in_env(registry, uid, session_context(), checked, readonly=readonly)


def user_groups(env: Environment) -> frozenset[int] | None:
    """The user's groups (None for the superuser, who passes every group check)."""
    return None if env.su else env.registry.security.user_groups(env)


def in_groups(groups: frozenset[int] | None, required: Any) -> bool:
    """Whether a user with ``groups`` passes a ``groups_id`` restriction (ids; empty means everyone)."""
    return groups is None or not required or bool(set(required) & groups)


def context_of(**extra: Any) -> dict[str, Any]:
    return {**session_context(), **extra}
