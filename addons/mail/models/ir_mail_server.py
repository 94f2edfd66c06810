"""Outgoing SMTP servers: connecting with the record's settings and handing a built email over."""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import getaddresses

from core import _, model, public
from core.exceptions import UserError

SMTP_TIMEOUT = 30  # seconds; a server that hangs must not hold a request or the cron forever


@model("ir.mail_server")
class IrMailServer:
    def _connect(self) -> smtplib.SMTP:
        """An open, authenticated SMTP session with this server; the caller quits it."""
        self.ensure_one()
        server = self.sudo()  # sending needs no rights on the server's settings
        host, port = server.smtp_host, server.smtp_port or 25
        if server.smtp_encryption == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT,
                                                  context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
        try:
            if server.smtp_encryption == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if server.smtp_user:
                # the password is write-only: read from its column, for this login only
                smtp.login(server.smtp_user, server._secret_value("smtp_pass") or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send_email(self, message: EmailMessage, smtp_session: smtplib.SMTP | None = None) -> str:
        """Send ``message`` through this server (or the open ``smtp_session`` to it, left open); its
        Message-Id. SMTP and network errors propagate."""
        self.ensure_one()
        recipients = [address for _name, address in getaddresses(message.get_all("To", []) +
                                                                 message.get_all("Cc", []) +
                                                                 message.get_all("Bcc", [])) if address]
        if not recipients:
            raise UserError(_("The email %(subject)r has no recipient.", subject=message["Subject"] or ""))
        sender = getaddresses([message["From"] or ""])[0][1] if message["From"] else ""
        bcc = message.get_all("Bcc")
        if bcc:
            del message["Bcc"]  # delivered to, never shown to the other recipients
        if smtp_session is not None:
            smtp_session.send_message(message, from_addr=sender or None, to_addrs=recipients)
            return message["Message-Id"] or ""
        smtp = self._connect()
        try:
            smtp.send_message(message, from_addr=sender or None, to_addrs=recipients)
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()
        return message["Message-Id"] or ""

    @public
    def test_smtp_connection(self) -> bool:
        """Connect to each server and log in; a UserError naming the server when that fails, else True."""
        self.check_access_rights("write")
        for server in self:
            try:
                server._connect().quit()
            except (OSError, smtplib.SMTPException) as error:
                raise UserError(_("Connection to %(server)s failed: %(error)s", server=server.name,
                                  error=error)) from error
        return True
