"""Email notifications of the chatter, delivered to a real SMTP server (aiosmtpd) on the loopback."""
from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from core.records.environment import SUPERUSER_ID, Environment


class Inbox:
    """An aiosmtpd handler keeping every email it receives, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's hook name
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.raw.append(envelope.content)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtpd() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def inbox(env, smtpd) -> Inbox:
    """The SMTP server's inbox, with an active mail server record pointing at it (and a company email,
    the sender of what the superuser posts)."""
    inbox, port = smtpd
    env.company.partner_id.email = "office@yourcompany.example"
    env["ir.mail_server"].search([]).write({"active": False})
    env["ir.mail_server"].create({"name": "Loopback", "smtp_host": "127.0.0.1", "smtp_port": port})
    return inbox


@pytest.fixture
def demo_env(as_user):
    return as_user("demo")


def send_message(record, **kwargs) -> int:
    """Post as the chatter's "Send message" button does."""
    return record.message_post(message_type="comment", subtype_xmlid="mail.mt_comment", **kwargs)


def flush_queue(env) -> None:
    env["mail.mail"].process_email_queue()


def test_comment_reaches_the_given_partners(env, demo_env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer One", "email": "one@customer.example"})
    record = demo_env["res.partner"].browse(partner.id)
    send_message(record, body="The <offer> is ready", partner_ids=[customer.id])
    flush_queue(env)
    [message] = inbox.to("one@customer.example")
    assert message["Subject"] == "Chatty S.L."
    assert message["From"] == "Marc Demo <mark.brown23@example.com>"
    assert message["Message-Id"] and message["Date"]
    html = message.get_body(("html",)).get_content()
    assert "The &lt;offer&gt; is ready" in html and "Sent from Chatty S.L. in YourCompany" in html


def test_explicit_subject_is_used(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    send_message(partner, body="Hi", subject="Your quotation", partner_ids=[customer.id])
    flush_queue(env)
    assert inbox.to("c@customer.example")[0]["Subject"] == "Your quotation"


def test_followers_of_the_subtype_are_notified_and_the_author_is_not(env, demo_env, inbox, partner):
    follower = env["res.partner"].create({"name": "Follower", "email": "follower@example.com"})
    notes_only = env["res.partner"].create({"name": "Notes only", "email": "notes@example.com"})
    partner.message_subscribe([follower.id])
    partner.message_subscribe([notes_only.id], subtype_ids=[env.ref("mail.mt_note").id])
    author = env.ref("base.user_demo").partner_id
    partner.message_subscribe([author.id])
    send_message(demo_env["res.partner"].browse(partner.id), body="News")
    flush_queue(env)
    assert len(inbox.to("follower@example.com")) == 1
    assert not inbox.to("notes@example.com") and not inbox.to(author.email)


def test_notes_notify_nobody(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    partner.message_subscribe([customer.id], subtype_ids=[env.ref("mail.mt_note").id])
    message_id = partner.message_post(body="Internal", message_type="comment", subtype_xmlid="mail.mt_note",
                                      partner_ids=[customer.id])
    assert not env["mail.mail"].search([("mail_message_id", "=", message_id)])


def test_notrack_context_notifies_nobody(env, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    quiet = partner.with_context(mail_notrack=True)
    message_id = send_message(quiet, body="Quiet", partner_ids=[customer.id])
    assert not env["mail.mail"].search([("mail_message_id", "=", message_id)])


def test_partners_without_email_are_skipped(env, partner):
    with_email = env["res.partner"].create({"name": "Has email", "email": "has@example.com"})
    without = env["res.partner"].create({"name": "No email"})
    message_id = send_message(partner, body="Hi", partner_ids=[with_email.id, without.id])
    mails = env["mail.mail"].search([("mail_message_id", "=", message_id)])
    assert mails.mapped("recipient_ids") == with_email and mails.state == "outgoing"


def test_company_email_is_the_sender_when_the_author_has_none(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    env.user.partner_id.email = False
    send_message(partner, body="Hi", partner_ids=[customer.id])
    flush_queue(env)
    assert inbox.to("c@customer.example")[0]["From"] == "YourCompany <office@yourcompany.example>"


def test_plain_text_alternative_is_present(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    send_message(partner, body="<p>Line one</p><p>See <a href='https://example.com/q'>the quote</a></p>",
                 body_is_html=True, partner_ids=[customer.id])
    flush_queue(env)
    [message] = inbox.to("c@customer.example")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    assert "Line one" in text and "See the quote [https://example.com/q]" in text and "<p>" not in text


def test_non_ascii_names_are_encoded(env, inbox, partner):
    customer = env["res.partner"].create({"name": "José Núñez", "email": "jose@cliente.example"})
    partner.name = "Café Ñandú S.L."
    env.user.partner_id.write({"name": "Zoë Admin", "email": "zoe@yourcompany.example"})
    send_message(partner, body="¡Hola!", partner_ids=[customer.id])
    flush_queue(env)
    assert inbox.raw[0].isascii()  # non-ASCII headers and bodies travel encoded (RFC 2047, quoted-printable)
    message = inbox.messages[0]
    assert message["To"].addresses[0].display_name == "José Núñez"
    assert message["From"].addresses[0].display_name == "Zoë Admin"
    assert message["Subject"] == "Café Ñandú S.L."


def test_recipients_language_translates_the_footer(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Cliente", "email": "es@cliente.example", "lang": "es_ES"})
    send_message(partner, body="Hola", partner_ids=[customer.id])
    flush_queue(env)
    html = inbox.to("es@cliente.example")[0].get_body(("html",)).get_content()
    assert "Enviado desde Chatty S.L. en YourCompany" in html


def test_sent_mails_are_deleted_unless_kept(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    message_id = send_message(partner, body="Hi", partner_ids=[customer.id])
    mail = env["mail.mail"].search([("mail_message_id", "=", message_id)])
    kept = mail.copy({"auto_delete": False})
    (mail | kept).send()
    assert not mail.exists() and kept.state == "sent" and len(inbox.messages) == 2


def test_failing_server_marks_the_mail_exception(env, partner):
    env.company.partner_id.email = "office@yourcompany.example"
    env["ir.mail_server"].search([]).write({"active": False})
    env["ir.mail_server"].create({"name": "Closed", "smtp_host": "127.0.0.1", "smtp_port": free_port()})
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    message_id = send_message(partner, body="Hi", partner_ids=[customer.id])
    mail = env["mail.mail"].search([("mail_message_id", "=", message_id)])
    assert mail.send() is True
    assert mail.state == "exception" and "refused" in mail.failure_reason.lower()


def test_no_server_marks_the_mail_exception(env, partner):
    env["ir.mail_server"].search([]).write({"active": False})
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    send_message(partner, body="Hi", partner_ids=[customer.id])
    flush_queue(env)
    mail = env["mail.mail"].search([("recipient_ids", "in", customer.ids)])
    assert mail.state == "exception" and "mail server" in mail.failure_reason


def test_cron_sends_queued_mails(env, inbox, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
    send_message(partner.with_context(mail_notify_force_send=False), body="Later", partner_ids=[customer.id])
    assert not inbox.messages
    cron = env.ref("mail.ir_cron_mail_scheduler_action")
    assert (cron.model_name, cron.method, cron.interval_number, cron.interval_type) == (
        "mail.mail", "process_email_queue", 5, "minutes")
    cron.method_direct_trigger()
    assert len(inbox.to("c@customer.example")) == 1


def test_mails_are_sent_after_commit_and_a_broken_server_does_not_break_the_post(fresh_registry, smtpd):
    inbox, port = smtpd
    registry = fresh_registry()
    with registry.environment() as env:
        env.company.partner_id.email = "office@yourcompany.example"
        env["ir.mail_server"].create({"name": "Loopback", "smtp_host": "127.0.0.1", "smtp_port": port})
        customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
        record = env["res.partner"].create({"name": "Deal"})
        send_message(record, body="Sent after commit", partner_ids=[customer.id])
        assert not inbox.messages  # nothing leaves before the commit
    assert len(inbox.to("c@customer.example")) == 1
    with registry.environment() as env:
        assert not env["mail.mail"].search([])  # sent and auto-deleted
        env["ir.mail_server"].search([]).write({"smtp_port": free_port()})
        message_id = send_message(env["res.partner"].browse(record.id), body="Broken",
                                  partner_ids=[customer.id])
    with registry.environment() as env:
        assert env["mail.message"].browse(message_id).exists()
        mail = env["mail.mail"].search([("mail_message_id", "=", message_id)])
        assert mail.state == "exception" and mail.failure_reason


def test_a_rolled_back_post_sends_nothing(fresh_registry, smtpd):
    inbox, port = smtpd
    registry = fresh_registry()
    cr = registry.cursor()
    try:
        env = Environment(cr, SUPERUSER_ID, {})
        env["ir.mail_server"].create({"name": "Loopback", "smtp_host": "127.0.0.1", "smtp_port": port})
        customer = env["res.partner"].create({"name": "Customer", "email": "c@customer.example"})
        send_message(env["res.partner"].create({"name": "Deal"}), body="Hi", partner_ids=[customer.id])
        cr.rollback()
    finally:
        cr.close()
    assert not inbox.messages


def test_password_is_write_only_and_hidden_from_non_administrators(env, as_user):
    server = env["ir.mail_server"].create({"name": "Relay", "smtp_host": "smtp.example.com",
                                           "smtp_user": "me", "smtp_pass": "secret"})
    as_admin = as_user("admin")["ir.mail_server"].browse(server.id)
    assert as_admin.read(["smtp_pass"])[0]["smtp_pass"] == ""  # written, never read back
    assert server._secret_value("smtp_pass") == "secret"
    # even a group given read access to the servers does not see the password
    env["ir.model.access"].create({"name": "servers for users", "perm_read": True,
                                   "model_id": env.ref("mail.model_ir_mail_server").id,
                                   "group_id": env.ref("base.group_user").id})
    as_demo = as_user("demo")["ir.mail_server"]
    assert "smtp_pass" not in as_demo.fields_get()
    assert "smtp_pass" not in as_demo.browse(server.id).read()[0]


def test_only_administrators_manage_the_queue(as_user):
    from core.exceptions import AccessError

    with pytest.raises(AccessError):
        as_user("demo")["mail.mail"].search([])
    with pytest.raises(AccessError):
        as_user("demo")["ir.mail_server"].search([])
    assert as_user("admin")["mail.mail"].search([]) is not None
