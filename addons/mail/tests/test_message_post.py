"""Posting on a record: notes, messages, logged emails and calls, as Odoo's message_post."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, ValidationError


def test_message_post_returns_the_message_id(env, partner):
    message_id = partner.message_post(body="Called them", message_type="comment",
                                      subtype_xmlid="mail.mt_note")
    message = env["mail.message"].browse(message_id)
    assert (message.model, message.res_id, message.message_type) == ("res.partner", partner.id, "comment")
    assert message.subtype_id == env.ref("mail.mt_note") and message.is_internal


def test_plain_text_body_is_escaped_into_a_paragraph(env, partner):
    message = env["mail.message"].browse(partner.message_post(body="Price < 5 & <b>bold</b>\nsecond line"))
    assert message.body == "<p>Price &lt; 5 &amp; &lt;b&gt;bold&lt;/b&gt;<br>second line</p>"


def test_html_body_is_sanitised(env, partner):
    html = '<p onclick="steal()">Hi <script>alert(1)</script><b>there</b></p>'
    message_id = partner.message_post(body=html, body_is_html=True)
    body = env["mail.message"].browse(message_id).body
    assert "<b>there</b>" in body and "script" not in body and "onclick" not in body


def test_default_subtype_is_a_note(env, partner):
    message = env["mail.message"].browse(partner.message_post(body="x"))
    assert message.subtype_id == env.ref("mail.mt_note")


def test_a_discussion_message_is_not_internal(env, partner):
    message = env["mail.message"].browse(partner.message_post(body="Hello", message_type="comment",
                                                              subtype_xmlid="mail.mt_comment"))
    assert not message.is_internal


def test_logging_an_email_keeps_its_sender(env, partner):
    customer = env["res.partner"].create({"name": "Customer", "email": "c@example.com"})
    message = env["mail.message"].browse(partner.message_post(
        body="Please send the invoice", message_type="email", author_id=customer.id, subject="Invoice",
        email_from="c@example.com"))
    assert (message.author_id, message.subject, message.email_from) == (customer, "Invoice", "c@example.com")


def test_logging_a_call(env, partner):
    message_id = partner.message_post(body="Talked 10 minutes", message_type="comment",
                                      subtype_xmlid="mail.mt_call")
    message = env["mail.message"].browse(message_id)
    assert message.subtype_id.name == "Call"


def test_recipients_and_parent_are_recorded(env, partner):
    first = partner.message_post(body="Question")
    demo = env.ref("base.partner_demo")
    reply = env["mail.message"].browse(partner.message_post(body="Answer", parent_id=first,
                                                            partner_ids=[demo.id]))
    assert reply.parent_id.id == first and reply.partner_ids == demo


def test_attachments_join_the_record(env, partner):
    attachment = env["ir.attachment"].create({"name": "quote.txt", "datas": "aGVsbG8="})
    message = env["mail.message"].browse(partner.message_post(body="Quote", attachment_ids=[attachment.id]))
    assert message.attachment_ids == attachment
    assert (attachment.res_model, attachment.res_id) == ("res.partner", partner.id)


def test_messages_are_listed_newest_first(env, partner):
    first, second = partner.message_post(body="one"), partner.message_post(body="two")
    assert partner.message_ids.ids[:2] == [second, first]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"message_type": "fax"}, "Invalid message_type 'fax'"),
    ({"subtype_xmlid": "mail.no_such_subtype"}, "Unknown message subtype"),
    ({"partner_ids": [999999]}, "do not exist"),
    ({"color": "red"}, "unknown arguments: color"),
])
def test_bad_arguments_are_refused_and_nothing_is_posted(env, partner, kwargs, message):
    before = len(partner.message_ids)
    with pytest.raises(ValidationError, match=message):
        partner.message_post(body="x", **kwargs)
    env.invalidate_all()
    assert len(partner.message_ids) == before


def test_internal_user_can_log_a_note_on_a_contact_they_read(as_user, partner):
    demo_partner = as_user("demo")["res.partner"].browse(partner.id)
    assert demo_partner.message_post(body="Noted", message_type="comment")


def test_users_post_as_themselves(as_user, env, partner):
    with pytest.raises(AccessError, match="as yourself"):
        as_user("demo")["res.partner"].browse(partner.id).message_post(
            body="Fake", message_type="comment", author_id=env.ref("base.partner_admin").id)
