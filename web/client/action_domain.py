"""A domain a button's window action narrows its list to (Odoo's ``domain`` of an
``ir.actions.act_window`` answer, e.g. a smart button's "the deliveries of this order"). It travels
in the page's URL as a signed token (``d=``), so the page cannot widen or change it."""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from core.exceptions import UserError
from core.i18n import _

SALT = "erp.client.action-domain"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def sign_domain(domain: list[Any]) -> str:
    """The token of ``domain`` (a list of leaves and operators, as JSON can carry it)."""
    return _serializer().dumps([list(item) if isinstance(item, tuple) else item for item in domain])


def unsign_domain(token: str | None) -> list[Any]:
    """The domain of a token; an empty list without one, UserError when it was altered."""
    if not token:
        return []
    try:
        domain = _serializer().loads(token)
    except BadSignature:
        domain = None
    if not isinstance(domain, list):
        raise UserError(_("This list's filter is no longer valid: open it again from its button."))
    return [tuple(item) if isinstance(item, list) else item for item in domain]
