"""The blueprint of an addon's own pages, declared once for every addon: pages speak the visitor's
language, state-changing forms carry the CSRF token, and a signed-in user's pages answer a refusal,
a missing record or an expired session the way the web client does.

An addon keeps its templates and static files beside its ``controllers`` package
(``<addon>/templates``, ``<addon>/static``, served at ``<url_prefix>/static``).
"""

from __future__ import annotations

from flask import Blueprint

from web import i18n
from web.auth.csrf import protect_forms
from web.client.errors import install_error_pages


def addon_blueprint(
    name: str, import_name: str, url_prefix: str, *, public: bool = False, assets: bool = False
) -> Blueprint:
    """A blueprint for the pages of the addon whose controller module is ``import_name``.

    ``public`` pages (a customer's quotation, a citizen's request) are reached without the back
    office: they keep Flask's plain error pages; ``assets`` serves the addon's ``static`` folder."""
    static = {"static_folder": "../static", "static_url_path": "/static"} if assets else {}
    bp = Blueprint(name, import_name, url_prefix=url_prefix, template_folder="../templates", **static)
    bp.before_request(i18n.begin_request_lang)
    bp.before_request(protect_forms)
    if not public:
        install_error_pages(bp)
    return bp
