"""The outgoing email queue: building each mail.mail into a MIME email, sending it through the first
active mail server, and the scheduled action that empties the queue."""
from __future__ import annotations

import logging
import re
import smtplib
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from html.parser import HTMLParser
from typing import Any

import sqlalchemy as sa

from core import _, model, public
from core.exceptions import UserError

_logger = logging.getLogger(__name__)
BATCH_SIZE = 100
BLOCK_TAGS = frozenset({"p", "div", "br", "hr", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "blockquote", "pre", "table", "ul", "ol"})


class _TextExtractor(HTMLParser):
    """The readable text of an HTML body: blocks on their own lines, links followed by their target."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("* ")
        if tag == "a":
            self._href.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href:
            href = self._href.pop()
            if href and not href.startswith("mailto:"):
                self.parts.append(f" [{href}]")
        elif tag in BLOCK_TAGS and tag != "li":  # list items stay on consecutive lines
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"\s+", " ", data))  # HTML collapses whitespace; so does the text


def html_to_plaintext(html: str | bool) -> str:
    """The plain-text alternative of an HTML email body."""
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(str(html))
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def format_address(name: str | bool, email: str | bool) -> str:
    """``Name <email>``, quoted when the name needs it; the bare email without a name; '' without email."""
    if not email:
        return ""
    try:
        return str(Address(display_name=name or "", addr_spec=str(email).strip()))
    except (ValueError, IndexError):  # not an address the email package can parse: leave it to the server
        return str(email).strip()


@model("mail.mail")
class MailMail:
    def _default_message_id(self) -> str:
        # fixed when queued, so that a retried email keeps its Message-Id; the domain is given
        # because make_msgid's default asks the DNS for this host's name
        domain = (self.env.company.email or "").rpartition("@")[2]
        return make_msgid(domain=domain or "localhost")

    # -- building ---------------------------------------------------------------------------
    def _recipient_addresses(self) -> list[str]:
        addresses = [a.strip() for a in (self.email_to or "").split(",") if a.strip()]
        addresses += [format_address(p.name, p.email) for p in self.recipient_ids if p.email]
        seen: set[str] = set()
        unique = []
        for address in addresses:
            key = getaddresses([address])[0][1].lower() or address
            if key not in seen:
                seen.add(key)
                unique.append(address)
        return unique

    def _build_email(self) -> EmailMessage:
        """The MIME email of this mail: HTML with a plain-text alternative, and its headers."""
        self.ensure_one()
        recipients = self._recipient_addresses()
        if not recipients:
            raise UserError(_("The email has no recipient with an email address."))
        if not self.email_from:
            raise UserError(_("The email has no sender: set an email on the author or on the company."))
        sender = getaddresses([self.email_from])[0][1]
        message = EmailMessage()
        message["Subject"] = self.subject or ""
        message["From"] = self.email_from
        message["To"] = ", ".join(recipients)
        if self.reply_to:
            message["Reply-To"] = self.reply_to
        message["Date"] = formatdate(usegmt=True)
        message["Message-Id"] = self.message_id or make_msgid(domain=sender.rpartition("@")[2] or "localhost")
        # quoted-printable keeps the email 7-bit clean: servers without 8BITMIME still relay it intact
        message.set_content(html_to_plaintext(self.body_html), cte="quoted-printable")
        message.add_alternative(str(self.body_html or ""), subtype="html", cte="quoted-printable")
        return message

    # -- sending ----------------------------------------------------------------------------
    def _claim_outgoing(self) -> Any:
        """The mails of ``self`` still waiting; on PostgreSQL locked, so the cron and an after-commit
        send running at the same time never send one mail twice."""
        if not self.ids:
            return self
        table = self._table
        statement = (sa.select(table.c.id).where(table.c.id.in_(self.ids))
                     .where(table.c.state == "outgoing").order_by(table.c.id))
        if self.env.cr.dialect == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        return self.browse([row[0] for row in self.env.cr.execute(statement)])

    @public
    def send(self) -> bool:
        """Send the outgoing mails through the first active mail server (by sequence); True.

        Each mail ends ``sent`` (deleted when ``auto_delete``) or ``exception`` with the reason: a
        broken server or address is recorded on the mail, never raised to the caller.
        """
        self.check_access_rights("write")
        mails = self.sudo()._claim_outgoing()
        if not mails:
            return True
        server = self.env["ir.mail_server"].sudo().search([], order="sequence, id", limit=1)
        failures: dict[int, str] = {}
        smtp: smtplib.SMTP | None = None
        try:
            for mail in mails:
                try:
                    if not server:
                        raise UserError(_("No outgoing mail server is configured: add one in "
                                          "Settings › Technical › Outgoing Mail Servers."))
                    message = mail._build_email()
                    smtp = smtp or server._connect()
                    server.send_email(message, smtp_session=smtp)
                except Exception as error:  # noqa: BLE001 - any failure is this mail's: recorded on it, not raised
                    failures[mail.id] = str(error) or type(error).__name__
                    _logger.warning("email %s to %s failed: %s", mail.id, mail.email_to or
                                    mail.recipient_ids.mapped("email"), error)
                    if isinstance(error, (OSError, smtplib.SMTPException)):
                        _close(smtp)  # the session may be broken: the next mail reconnects
                        smtp = None
        finally:
            _close(smtp)
        sent = mails.filtered(lambda m: m.id not in failures)
        if sent:
            sent.write({"state": "sent", "failure_reason": False})
            sent.filtered("auto_delete").unlink()
        for mail in mails - sent:
            mail.write({"state": "exception", "failure_reason": failures[mail.id]})
        return True

    @public
    def process_email_queue(self, batch_size: int = BATCH_SIZE) -> bool:
        """Send every outgoing mail (of ``self``, or all of them), ``batch_size`` per SMTP session; True."""
        self.check_access_rights("write")
        domain: list[Any] = [("state", "=", "outgoing")]
        if self.ids:
            domain.append(("id", "in", self.ids))
        queued = self.sudo().search(domain, order="id").ids
        for start in range(0, len(queued), batch_size):
            self.browse(queued[start:start + batch_size]).send()
        return True

    @public
    def action_retry(self) -> bool:
        """Put failed or cancelled mails back in the queue; True."""
        self.filtered(lambda m: m.state in ("exception", "cancel")).write(
            {"state": "outgoing", "failure_reason": False})
        return True

    @public
    def cancel(self) -> bool:
        """Take the mails out of the queue; True."""
        self.filtered(lambda m: m.state in ("outgoing", "exception")).write({"state": "cancel"})
        return True


def _close(smtp: smtplib.SMTP | None) -> None:
    """Quit an SMTP session, ignoring a server that already went away."""
    if smtp is not None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
