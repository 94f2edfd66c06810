"""Each page of the back office runs as the logged-in user: one transaction (through the web client's
session), the Technical Features group required, the user's environment deciding what the page may show
and do, and the client's layout around it (apps bar, Settings › Technical)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_admin import helpers

from core.exceptions import AccessError, MissingError, UserError
from core.i18n import _
from core.records.environment import Environment
from web import i18n
from web.auth.csrf import protect_forms
from web.client.pages import page_context
from web.client.session_env import NotLoggedIn, run_as_user

# the settings group, as Odoo reserves the technical pages to it
TECHNICAL_GROUP = "base.group_system"
TECHNICAL_MENU = "base.menu_custom"


def may_use_backoffice(env: Environment) -> bool:
    return env.su or env.registry.security.user_in_any_group(env, TECHNICAL_GROUP)


def require_backoffice(env: Environment) -> None:
    if not may_use_backoffice(env):
        raise AccessError(
            _("The back office is for administrators (the Settings group).")
        )


def technical_menu_id(env: Environment) -> int | None:
    menu = env(su=True).ref(TECHNICAL_MENU, raise_if_not_found=False)
    return menu.id if menu is not None else None


class UserRequestMixin:
    """Mixed into flask-admin views: runs their pages in the user's environment and layout."""

    name: str

    def create_blueprint(self, admin: Any) -> Blueprint:
        blueprint = super().create_blueprint(admin)  # type: ignore[misc]
        blueprint.before_request(i18n.begin_request_lang)
        blueprint.before_request(protect_forms)
        return blueprint

    def for_request(self, env: Environment) -> Any:
        """The view as this request's user sees it (AccessError when the user may not)."""
        return self

    def _run_view(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        def work(env: Environment) -> Any:
            require_backoffice(env)
            view = self.for_request(env)
            helpers.set_current_view(view)
            return fn(view, *args, **kwargs)

        try:
            return run_as_user(work, readonly=request.method in ("GET", "HEAD"))
        except NotLoggedIn:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        except AccessError as error:
            return _error(403, _("Access denied"), error.message)
        except MissingError as error:
            return _error(404, _("Not found"), error.message)
        except UserError as error:
            return _error(400, _("Something needs fixing"), error.message)

    def is_accessible(self) -> bool:
        """Whether the user may open the view (everyone until a request's environment says otherwise)."""
        env = g.get("env")
        if env is None:
            return True
        return may_use_backoffice(env) and self.readable(env)

    def readable(self, env: Environment) -> bool:
        return True

    def render(self, template: str, **kwargs: Any) -> str:
        env = g.env
        title = kwargs.pop("title", None) or self.name
        chrome = page_context(env, None, title, menu_id=technical_menu_id(env))
        return super().render(template, **chrome, technical_nav=technical_nav(self, env), **kwargs)  # type: ignore[misc]


def technical_nav(current: Any, env: Environment) -> list[dict[str, Any]]:
    """The back office's models the user may open, for the side menu."""
    admin = getattr(current, "admin", None)
    if admin is None:
        return []
    items = []
    for view in admin._views:
        if not hasattr(view, "spec") or not view.is_accessible():
            continue
        url = url_for(f"{view.endpoint}.index_view")
        items.append({"label": view.spec.title(), "url": url, "active": view.endpoint == current.endpoint})
    return items


def _error(status: int, title: str, message: str) -> Any:
    return render_template("client/error.html", status=status, title=title, message=message), status
