"""WSGI entry point: ``gunicorn web.wsgi:app`` serves $ERP_DB_URL."""
from __future__ import annotations

from web.app import create_app

app = create_app()
