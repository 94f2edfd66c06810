"""The web session of Odoo's JSON routes, shared with the web client (``web.auth.session``): the
``session_id`` cookie names a session kept on the server (Redis or the database), which says who is
logged in (database, uid) with a token derived from the password hash, so a password change or a
deactivation ends every open session, as Odoo's session_token does; ``destroy`` deletes it."""

from __future__ import annotations

from typing import Any

from core.records.environment import Environment
from core.registry.registry import Registry
from core.rpc.errors import SessionExpired
from core.rpc.version import SERVER_VERSION, SERVER_VERSION_INFO
from web import databases
from web.auth import session as web_session


def start_session(env: Environment, uid: int) -> None:
    """Log ``uid`` in with a fresh session (never one the client chose)."""
    web_session.start_session(env, uid)


def end_session() -> None:
    web_session.end_session()


def session_registry() -> tuple[Registry, int]:
    """The registry and uid of the logged-in session; SessionExpired when there is none."""
    found = web_session.session_user()
    if found is None:
        raise SessionExpired()
    db, uid = found
    try:
        return databases.registry_for(db), uid
    except LookupError:
        end_session()
        raise SessionExpired() from None


def check_session(env: Environment, uid: int) -> None:
    """Raise SessionExpired unless the session's token still matches the user's credentials."""
    if not web_session.session_is_valid(env(user=uid)):
        end_session()
        raise SessionExpired()


def session_info(env: Environment) -> dict[str, Any]:
    """What ``/web/session/authenticate`` and ``get_session_info`` answer (Odoo 17's keys)."""
    user = env.user
    companies = user.company_ids
    return {
        "uid": user.id,
        "is_system": user.has_group("base.group_system"),
        "is_admin": user.has_group("base.group_erp_manager"),
        "user_context": user.with_user(user.id).context_get(),
        "db": env.registry.db_name,
        "server_version": SERVER_VERSION,
        "server_version_info": list(SERVER_VERSION_INFO),
        "name": user.name or "",
        "username": user.login,
        "partner_display_name": user.partner_id.display_name or "",
        "partner_id": user.partner_id.id or False,
        "company_id": user.company_id.id or False,
        "user_companies": {
            "current_company": user.company_id.id or False,
            "allowed_companies": {str(c.id): {"id": c.id, "name": c.name} for c in companies},
        },
    }
