"""The Flask application factory."""
from __future__ import annotations

import os
import secrets
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from core.config import data_dir, default_db_url
from core.security.throttle import configure as configure_throttle

BLUEPRINTS: list[str] = []


def _secret_key() -> str:
    """A key kept in the data directory, so sessions survive restarts and workers share it."""
    configured = os.environ.get("ERP_SECRET_KEY")
    if configured:
        return configured
    path = Path(data_dir()) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def create_app(db_url: str | None = None, config: dict[str, Any] | None = None) -> Flask:
    """A web server for ``db_url`` (default: $ERP_DB_URL or var/erp.sqlite).

    Blueprints of the web layer register themselves in ``web.blueprints``; addons serving routes of
    their own (a citizen portal, Open311) expose them through the ``erp.blueprints`` entry points.
    """
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(
        ERP_DB_URL=db_url or default_db_url(),
        SECRET_KEY=_secret_key(),
        SESSION_COOKIE_NAME="session_id",  # Odoo's name: client libraries and scripts look for it
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("ERP_SECURE_COOKIES", "0") == "1",
        MAX_CONTENT_LENGTH=64 * 1024 * 1024,
        JSON_SORT_KEYS=False,
    )
    app.config.update(config or {})
    if "ERP_REDIS_URL" in app.config:
        configure_throttle(app.config["ERP_REDIS_URL"])
    if app.config.get("ERP_PROXY_MODE", os.environ.get("ERP_PROXY_MODE") == "1"):
        # one proxy in front: its X-Forwarded-For/Proto/Host say who the client is
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    from web import server_timing

    server_timing.init_app(app)  # first, so its clock starts before every other hook's
    from web.blueprints import register_all

    register_all(app)
    for entry in entry_points(group="erp.blueprints"):
        entry.load()(app)
    return app
