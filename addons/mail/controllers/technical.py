"""The mail addon's models in the back office (Settings › Technical): outgoing mail servers and the
queue of emails."""

from __future__ import annotations

from flask import Flask

from web.admin import add_technical_model
from web.admin.site import TechnicalModel


def _l(text: str) -> str:
    """Mark a label for the catalogs; the back office translates it when a page shows it."""
    return text


def register(app: Flask) -> None:
    add_technical_model(app, TechnicalModel(
        "ir.mail_server", "mail_servers", _l("Outgoing Mail Servers"),
        form=("name", "smtp_host", "smtp_port", "smtp_encryption", "smtp_user", "smtp_pass", "sequence",
              "active")))
    add_technical_model(app, TechnicalModel(
        "mail.mail", "emails", _l("Emails"),
        form=("subject", "email_from", "email_to", "recipient_ids", "body_html", "state", "auto_delete")))
