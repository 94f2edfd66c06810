"""The SMTP password is write-only, yet the server logs in with the stored one (a real aiosmtpd server
asking for AUTH on the loopback)."""
from __future__ import annotations

import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


class Recorder:
    def __init__(self) -> None:
        self.logins: list[tuple[str, str]] = []
        self.received = 0

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
            return AuthResult(success=True)
        return AuthResult(success=False)

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's hook name
        self.received += 1
        return "250 Message accepted for delivery"


@pytest.fixture
def relay() -> Iterator[tuple[Recorder, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port, authenticator=recorder.authenticate,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def test_smtp_login_uses_the_stored_password_that_no_read_shows(env, relay):
    recorder, port = relay
    server = env["ir.mail_server"].create({"name": "Relay", "smtp_host": "127.0.0.1", "smtp_port": port,
                                           "smtp_user": "mailer", "smtp_pass": "s3cret-relay"})
    assert server.smtp_pass == "" and server.read(["smtp_pass"])[0]["smtp_pass"] == ""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.com", "b@example.com", "Hello"
    message.set_content("Hi")
    server.send_email(message)
    assert recorder.logins == [("mailer", "s3cret-relay")] and recorder.received == 1


def test_writing_another_password_is_used_at_the_next_login(env, relay):
    recorder, port = relay
    server = env["ir.mail_server"].create({"name": "Relay", "smtp_host": "127.0.0.1", "smtp_port": port,
                                           "smtp_user": "mailer", "smtp_pass": "old-password"})
    assert server.test_smtp_connection() is True
    server.write({"smtp_pass": "new-password"})
    assert server.test_smtp_connection() is True
    assert recorder.logins == [("mailer", "old-password"), ("mailer", "new-password")]
