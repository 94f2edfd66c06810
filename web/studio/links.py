"""The way into the studio from the client's forms and lists, offered to administrators only (the studio
checks again on every route)."""

from __future__ import annotations

from typing import Any

from flask import g, request, url_for

from web.studio.access import is_studio_user

STUDIO_VIEWS = ("form", "list")


def studio_link(nav: Any, view_type: str) -> str | None:
    """The studio's editor of the page's view, for a user who may use the studio (else None)."""
    env = g.get("env")
    if env is None or nav is None or view_type not in STUDIO_VIEWS or not is_studio_user(env):
        return None
    params: dict[str, Any] = {"back": request.full_path.rstrip("?")}
    action = nav.action
    if view_type == "list" and action.view_id and action.multi_modes[:1] == ["list"]:
        params["view"] = action.view_id  # the list the action names, not the model's first one
    if nav.menu_id:
        params["menu"] = nav.menu_id
    return url_for("studio.editor_page", model=nav.model, view_type=view_type, **params)
