"""Email in and out: answers leave by SMTP with the ticket's reply address, and emails to the team's alias
open tickets or, sent to a ticket's reply address, continue its conversation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from addons.helpdesk.tests.conftest import ALIAS
from addons.service_desk.cli import mail_in
from core.exceptions import UserError

NEW_MAIL = f"""From: Lucia Perez <lucia@client.example>
To: {ALIAS}
Subject: The app crashes on login
Message-Id: <first-123@client.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

It crashes every time.

Since Monday.
--XX
Content-Type: image/png
Content-Disposition: attachment; filename="screen.png"
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--XX--
"""


def reply(to: str, message_id: str = "<second-456@client.example>") -> str:
    return (
        f"From: Lucia Perez <lucia@client.example>\nTo: {to}\nSubject: Re: The app crashes\n"
        f"Message-Id: {message_id}\nContent-Type: text/plain\n\nHere is what you asked for.\n"
    )


def test_a_new_email_opens_a_ticket_in_the_team(env, team):
    ticket = env["helpdesk.ticket"].message_process(NEW_MAIL.encode())
    assert ticket.team_id == team and ticket.name == "The app crashes on login"
    assert ticket.partner_id.email == "lucia@client.example" and ticket.partner_id.name == "Lucia Perez"
    assert "It crashes every time." in ticket.description
    message = ticket.message_ids.filtered(lambda m: m.message_type == "email")
    assert message.author_id == ticket.partner_id
    assert message.attachment_ids.mapped("name") == ["screen.png"]
    assert ticket.sla_id and ticket.sla_deadline and not ticket.first_response_date
    assert env["helpdesk.ticket"].message_process(NEW_MAIL) == ticket  # delivered twice: one ticket


def test_an_answer_leaves_by_smtp_with_the_ticket_reply_address(env, team, inbox):
    ticket = env["helpdesk.ticket"].message_process(NEW_MAIL)
    ticket.message_post(
        body="Please send the log file",
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
        partner_ids=[ticket.partner_id.id],
    )
    env["mail.mail"].process_email_queue()
    sent = inbox.to("lucia@client.example")
    assert len(sent) == 1
    assert sent[0]["Reply-To"] == f"support+{ticket.id}-{ticket.access_token[:8]}@yourcompany.example"
    assert "Please send the log file" in sent[0].get_body(("plain",)).get_content()
    assert ticket.first_response_date


def test_a_reply_continues_the_ticket_and_resumes_the_clock(env, team):
    ticket = env["helpdesk.ticket"].message_process(NEW_MAIL)
    ticket.stage_id = env.ref("service_desk.stage_waiting")
    assert ticket.sla_paused_since
    same = env["helpdesk.ticket"].message_process(reply(ticket._notify_get_reply_to()))
    assert same == ticket
    assert ticket.stage_id == env.ref("service_desk.stage_in_progress") and not ticket.sla_paused_since
    answers = ticket.message_ids.filtered(lambda m: m.message_type == "email")
    assert "Here is what you asked for." in answers[0].body and answers[0].author_id == ticket.partner_id


def test_a_forged_reply_address_is_refused(env, team):
    ticket = env["helpdesk.ticket"].message_process(NEW_MAIL)
    with pytest.raises(UserError, match="No team reads"):
        env["helpdesk.ticket"].message_process(reply(f"support+{ticket.id}-AAAAAAAA@yourcompany.example"))
    with pytest.raises(UserError, match="no sender"):
        env["helpdesk.ticket"].message_process("To: x@y.example\nSubject: hi\n\nbody")


def test_erp_mail_in_reads_an_email_from_standard_input(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        env.ref("helpdesk.helpdesk_team_support").alias_email = ALIAS
    result = CliRunner().invoke(mail_in, ["--db", registry.url], input=NEW_MAIL)
    assert result.exit_code == 0, result.output
    with registry.environment() as env:
        ticket = env["helpdesk.ticket"].browse(int(result.output.strip()))
        assert ticket.name == "The app crashes on login"
    bad = CliRunner().invoke(mail_in, ["--db", registry.url], input=reply("nobody@else.example"))
    assert bad.exit_code != 0 and "No team reads" in bad.output
