"""The page of an address that leads nowhere (Flask's own 404 page is English and bare): the client's
error page in the user's language; API clients under other prefixes keep their plain answer."""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request
from werkzeug.exceptions import NotFound

from core.i18n import _
from web import i18n
from web.client.errors import error_page

CLIENT_PREFIXES = ("/web", "/odoo")


def _not_found(error: NotFound) -> Any:
    if request.path != "/" and not request.path.startswith(CLIENT_PREFIXES):
        return error
    if "lang_token" not in g:
        i18n.begin_request_lang()
    message = _("This page does not exist: check the address, or go back to the apps.")
    return error_page(404, _("Not found"), message)


def install_not_found_page(app: Flask) -> None:
    """Answer unknown addresses of the client with its own 404 page."""
    app.register_error_handler(404, _not_found)
