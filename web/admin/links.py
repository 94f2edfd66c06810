"""Links of the Settings › Technical menu to the back office and the studio, for those who may use them."""

from __future__ import annotations

from typing import Any

from flask import g, url_for

from core.i18n import _
from web.admin.requests import may_use_backoffice, technical_menu_id
from web.studio.access import is_studio_user


def technical_links(section: Any) -> list[tuple[str, str]]:
    """(label, URL) to add under the Technical section of the Settings menu."""
    env = g.get("env")
    if env is None or section is None or section.id != technical_menu_id(env):
        return []
    links = []
    if may_use_backoffice(env):
        links.append((_("Back office"), url_for("technical.index")))
    if is_studio_user(env):
        links.append((_("Studio"), url_for("studio.home")))
    return links
