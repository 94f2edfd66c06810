"""Completing an activity logs it on its record: the message carries the activity's type, as in Odoo."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def plan(env, partner, xmlid="mail.mail_activity_data_call", **values):
    return env["mail.activity"].create({
        "res_model_id": env["ir.model"].search([("model", "=", "res.partner")]).id, "res_id": partner.id,
        "activity_type_id": env.ref(xmlid).id, "summary": "Call back", "user_id": env.uid, **values})


def test_the_feedback_message_names_the_activity_type(env, partner):
    message_id = plan(env, partner).action_feedback(feedback="Reached her")
    message = env["mail.message"].browse(message_id)
    assert message.mail_activity_type_id == env.ref("mail.mail_activity_data_call")
    assert message.subtype_id == env.ref("mail.mt_activities")


def test_messages_of_an_activity_type_are_searchable(env, partner):
    done = [plan(env, partner, xmlid).action_feedback() for xmlid in
            ("mail.mail_activity_data_call", "mail.mail_activity_data_todo")]
    call_type = env.ref("mail.mail_activity_data_call")
    calls = env["mail.message"].search([("mail_activity_type_id", "=", call_type.id),
                                        ("res_id", "=", partner.id)])
    assert calls.ids == [done[0]]


def test_a_plain_note_has_no_activity_type(env, partner):
    message = env["mail.message"].browse(partner.message_post(body="Just a note"))
    assert not message.mail_activity_type_id


def test_message_post_checks_the_activity_type_it_is_given(env, partner):
    with pytest.raises(ValidationError, match="mail_activity_type_id"):
        partner.message_post(body="x", mail_activity_type_id=999999)
