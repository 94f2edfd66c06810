"""What the client does after a button (Odoo's action results), and dialogs: window actions with
``target: "new"`` (wizards on transient models) shown as a modal over the page.

A button's method may return True (reload the record), an ``ir.actions.act_window_close`` (close the
dialog, reload), an ``ir.actions.act_window`` (open a record or a list, or a dialog when its target is
"new") or an ``ir.actions.act_url`` (open or download an address). ``next_step`` turns that into one
instruction for the browser; a dialog travels as a signed token, so its model, context and record
come from the server's own answer and cannot be changed by the page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, jsonify, redirect, request, session, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from core.exceptions import UserError
from core.i18n import _
from core.records.environment import Environment
from web.client.action_domain import sign_domain
from web.client.actions import evaluate, load_action, model_action
from web.client.nav import Nav

SALT = "erp.client.dialog"
URL_TARGETS = ("self", "new", "download")


@dataclass
class DialogSpec:
    """A window action opened in a dialog: the model's form, in the action's context."""

    model: str
    name: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    res_id: int | None = None
    view_id: int | None = None
    back: str = ""  # the page under the dialog: where a browser without scripts returns
    action_id: int | None = None  # the action and menu of that page, kept when the dialog moves on
    menu_id: int | None = None

    def nav(self, env: Environment) -> Nav | None:
        """Where the page under the dialog is (its action), if it was opened from an action."""
        return Nav(load_action(env, self.action_id), self.menu_id) if self.action_id else None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT, serializer_kwargs={"default": str})


def sign(spec: DialogSpec) -> str:
    """The token of a dialog, valid for the logged-in user only."""
    return _serializer().dumps({"uid": session.get("uid"), **asdict(spec)})


def unsign(token: str) -> DialogSpec:
    """The dialog a token describes; UserError when it was altered or belongs to another session."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        data = None
    if not isinstance(data, dict) or data.pop("uid", None) != session.get("uid"):
        raise UserError(_("This dialog is no longer valid: open it again from its button."))
    return DialogSpec(**data)


def wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def safe_url(url: str) -> bool:
    """Addresses an action may open: this site's paths, or http(s) pages."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//")


def next_step(env: Environment, result: Any, back: str, nav: Nav | None = None) -> dict[str, Any]:
    """The browser's next step after a button returned ``result``, from the page at ``back``:
    ``{"type": "reload"}``, ``{"type": "dialog"|"navigate", "url"}`` or
    ``{"type": "url", "url", "target"}``. ``nav`` is where that page is: a record of the same model
    opens in the same action and menu."""
    if not isinstance(result, dict):
        return {"type": "reload"}
    kind = result.get("type") or "ir.actions.act_window"
    if kind == "ir.actions.act_url":
        url = str(result.get("url") or "")
        if not safe_url(url):
            raise UserError(_("The button opens an address that is not allowed: %(url)s", url=url))
        target = result.get("target") if result.get("target") in URL_TARGETS else "new"
        return {"type": "url", "url": url, "target": target}
    if kind != "ir.actions.act_window":
        return {"type": "reload"}  # closing a dialog, or an action type the web client has no screen for
    model = result.get("res_model") or ""
    if model not in env.registry.models:
        raise UserError(_("The button opens the model %(model)s, which is not installed.", model=model))
    res_id = result.get("res_id") or None
    if result.get("target") == "new":
        context = result.get("context") or {}
        spec = DialogSpec(
            model,
            str(result.get("name") or ""),
            dict(evaluate(env, context, {})),
            int(res_id) if res_id else None,
            _view_id(result.get("view_id")),
            back,
            nav.action.id if nav else None,
            nav.menu_id if nav else None,
        )
        return {"type": "dialog", "url": url_for("client.dialog", a=sign(spec))}
    if result.get("id"):
        target = Nav(load_action(env, int(result["id"])), nav.menu_id if nav else None)
    elif nav is not None and nav.model == model and res_id:
        target = nav
    else:
        target = Nav(model_action(env, model))
    if res_id:
        url = target.record_url(int(res_id))
    else:
        domain = result.get("domain")
        narrowed = isinstance(domain, (list, tuple)) and domain
        url = target.view_url(d=sign_domain(list(domain)) if narrowed else None)
    return {"type": "navigate", "url": url}


def _view_id(value: Any) -> int | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return int(value) if isinstance(value, int) and value else None


def window_action(
    env: Environment, xmlid: str, records: Any, extra_context: dict[str, Any]
) -> dict[str, Any]:
    """The window action ``xmlid`` as a ``type: action`` button of ``records`` opens it: its context, the
    button's, and the records as ``active_id``/``active_ids``/``active_model`` (what wizards read)."""
    action = env(su=True).ref(xmlid, raise_if_not_found=False)
    if action is None or action._name != "ir.actions.act_window":
        raise UserError(_("The button names %(action)s, which is not a window action.", action=xmlid))
    opened = load_action(env, action.id)  # the user's groups and read access to its model
    context = {
        **opened.context,
        **extra_context,
        "active_model": records._name,
        "active_id": records.ids[0] if records.ids else False,
        "active_ids": records.ids,
    }
    return {
        "type": "ir.actions.act_window",
        "id": action.id,
        "name": opened.name,
        "res_model": opened.model,
        "target": action.target or "current",
        "context": context,
        "view_id": opened.view_id,
    }


def answer(step: dict[str, Any], back: str) -> Any:
    """The step as JSON for the page's script, or as a redirect for a browser without one."""
    if wants_json():
        return jsonify(step)
    if step["type"] in ("dialog", "navigate", "url"):
        return redirect(step["url"])
    return redirect(back)
