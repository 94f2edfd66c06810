"""Chatter and activities over XML-RPC and JSON-RPC, with Odoo's model, method and external id names."""
from __future__ import annotations

import base64
import uuid

import pytest

from core import clock
from tests.exchange.rpc_client import RpcFault, is_access_error


def xmlid(rpc, full_name):
    module, name = full_name.split(".")
    rows = rpc("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"])
    assert rows, f"external id {full_name} does not exist"
    return rows[0]["res_id"]


@pytest.fixture
def partner(rpc):
    return rpc("res.partner", "create", {"name": f"Chatter {uuid.uuid4().hex[:6]}"})


def messages_of(rpc, model, res_id, fields=("body", "message_type", "subtype_id", "attachment_ids")):
    return rpc("mail.message", "search_read", [("model", "=", model), ("res_id", "=", res_id)], list(fields),
               order="id")


# -- messages ------------------------------------------------------------------------------
def test_message_post_answers_the_message_id(rpc, partner):
    message_id = rpc("res.partner", "message_post", [partner], body="Called the customer",
                     message_type="comment", subtype_xmlid="mail.mt_note")
    assert isinstance(message_id, int)
    posted = [m for m in messages_of(rpc, "res.partner", partner) if m["id"] == message_id]
    assert posted and posted[0]["message_type"] == "comment"
    assert posted[0]["subtype_id"][0] == xmlid(rpc, "mail.mt_note")


def test_plain_text_body_is_escaped_into_a_paragraph(rpc, partner):
    message_id = rpc("res.partner", "message_post", [partner], body="Price < 100 & <b>not bold</b>",
                     message_type="comment")
    body = rpc("mail.message", "read", [message_id], ["body"])[0]["body"]
    assert body == "<p>Price &lt; 100 &amp; &lt;b&gt;not bold&lt;/b&gt;</p>"


def test_html_body_is_sanitised(rpc, partner):
    message_id = rpc("res.partner", "message_post", [partner], message_type="comment", body_is_html=True,
                     body="<p>Hi <b>there</b><script>alert(1)</script></p>")
    body = rpc("mail.message", "read", [message_id], ["body"])[0]["body"]
    assert "<b>there</b>" in body and "script" not in body


def test_messages_are_readable_by_model_and_record(rpc, partner):
    first = rpc("res.partner", "message_post", [partner], body="One", message_type="comment")
    second = rpc("res.partner", "message_post", [partner], body="Two", message_type="comment")
    ids = [m["id"] for m in messages_of(rpc, "res.partner", partner)]
    assert ids[-2:] == [first, second]


def test_user_reads_the_messages_of_a_record_they_can_read(rpc, demo_rpc, partner):
    message_id = rpc("res.partner", "message_post", [partner], body="Visible note", message_type="comment")
    assert message_id in [m["id"] for m in messages_of(demo_rpc, "res.partner", partner)]


def test_message_post_with_recipients_and_attachments(rpc, partner):
    recipient = rpc("res.partner", "create", {"name": "Recipient", "email": "recipient@example.com"})
    attachment = rpc("ir.attachment", "create", {"name": "offer.txt",
                                                 "datas": base64.b64encode(b"the offer").decode()})
    message_id = rpc("res.partner", "message_post", [partner], body="See attached", message_type="comment",
                     partner_ids=[recipient], attachment_ids=[attachment])
    message = rpc("mail.message", "read", [message_id], ["partner_ids", "attachment_ids"])[0]
    assert message["partner_ids"] == [recipient] and message["attachment_ids"] == [attachment]
    linked = rpc("ir.attachment", "read", [attachment], ["res_model", "res_id"])[0]
    assert (linked["res_model"], linked["res_id"]) == ("res.partner", partner)


def test_user_cannot_post_on_a_record_hidden_to_them(rpc, demo_rpc):
    hidden = rpc("res.partner", "create", {"name": "Branch only", "company_id": xmlid(rpc, "base.company_2")})
    with pytest.raises(RpcFault) as caught:
        demo_rpc("res.partner", "message_post", [hidden], body="Hello", message_type="comment")
    assert is_access_error(caught.value)


# -- followers -----------------------------------------------------------------------------
def followers_of(rpc, partner):
    return rpc("res.partner", "read", [partner], ["message_partner_ids"])[0]["message_partner_ids"]


def test_subscribe_and_unsubscribe_followers(rpc, partner):
    follower = rpc("res.partner", "create", {"name": "Follower"})
    assert rpc("res.partner", "message_subscribe", [partner], partner_ids=[follower]) is True
    rows = rpc("mail.followers", "search_read", [("res_model", "=", "res.partner"), ("res_id", "=", partner)],
               ["partner_id"])
    assert follower in [row["partner_id"][0] for row in rows]
    assert follower in followers_of(rpc, partner)
    assert rpc("res.partner", "message_unsubscribe", [partner], partner_ids=[follower]) is True
    assert follower not in followers_of(rpc, partner)


# -- activities ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["mail.mail_activity_data_todo", "mail.mail_activity_data_call",
                                  "mail.mail_activity_data_meeting", "mail.mail_activity_data_email"])
def test_odoos_activity_types_exist(rpc, name):
    assert rpc("mail.activity.type", "read", [xmlid(rpc, name)], ["name"])


@pytest.fixture
def activity(rpc, partner):
    """A to-do due on 2026-03-10 for the admin, whose time zone is Madrid."""
    admin = rpc.uid
    rpc("res.users", "write", [admin], {"tz": "Europe/Madrid"})
    model_id = rpc("ir.model", "search", [("model", "=", "res.partner")])[0]
    activity_id = rpc("mail.activity", "create", {
        "res_model_id": model_id, "res_id": partner, "user_id": admin,
        "activity_type_id": xmlid(rpc, "mail.mail_activity_data_todo"), "summary": "Send the offer",
        "note": "<p>With the <b>new</b> prices</p>", "date_deadline": "2026-03-10"})
    return partner, activity_id


def state_of(rpc, partner):
    fields = ["activity_state", "activity_date_deadline", "activity_ids"]
    return rpc("res.partner", "read", [partner], fields)[0]


def test_activity_is_listed_on_its_record(rpc, activity):
    partner, activity_id = activity
    with clock.frozen("2026-03-01 12:00:00"):
        record = state_of(rpc, partner)
    assert record["activity_ids"] == [activity_id]
    assert record["activity_date_deadline"] == "2026-03-10"


def test_activity_moves_from_planned_to_today_to_overdue(rpc, activity):
    partner, _activity_id = activity
    states = []
    for moment in ("2026-03-09 12:00:00", "2026-03-09 23:30:00", "2026-03-10 22:30:00",
                   "2026-03-10 23:30:00"):
        with clock.frozen(moment):
            states.append(state_of(rpc, partner)["activity_state"])
    # Madrid is UTC+1 in March: 23:30 UTC on the 9th is already the 10th there, 23:30 UTC on the 10th the 11th
    assert states == ["planned", "today", "today", "overdue"]


def test_activity_state_is_searchable(rpc, activity):
    partner, _activity_id = activity
    with clock.frozen("2026-03-20 12:00:00"):
        overdue = rpc("res.partner", "search", [("activity_state", "=", "overdue"), ("id", "=", partner)])
    assert overdue == [partner]


def test_action_feedback_posts_the_done_activity_and_removes_it(rpc, activity):
    partner, activity_id = activity
    message_id = rpc("mail.activity", "action_feedback", [activity_id], feedback="Sent by post")
    assert isinstance(message_id, int)
    message = rpc("mail.message", "read", [message_id], ["model", "res_id", "subtype_id", "body"])[0]
    assert (message["model"], message["res_id"]) == ("res.partner", partner)
    assert message["subtype_id"][0] == xmlid(rpc, "mail.mt_activities")
    assert "Send the offer" in message["body"] and "Sent by post" in message["body"]
    assert rpc("mail.activity", "search_count", [("id", "=", activity_id)]) == 0
    assert state_of(rpc, partner)["activity_ids"] == []
