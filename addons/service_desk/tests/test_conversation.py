"""Canned answers to the requester, and the rating asked once the ticket is closed."""

from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError


def test_canned_response_is_sent_with_placeholders(env, make_ticket, customer):
    canned = env["service_desk.canned.response"].create(
        {"name": "Ack", "body": "<p>Hello {requester}, about {ticket}: on it. {user}</p>"}
    )
    ticket = make_ticket(canned_response_id=canned.id)
    ticket.action_send_canned_response()
    message = ticket.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
    assert "Hello Ana Requester, about Printer on fire" in message.body
    assert customer in message.partner_ids
    assert not ticket.canned_response_id and ticket.first_response_date
    with pytest.raises(UserError, match="canned response"):
        ticket.action_send_canned_response()


def test_closing_asks_for_a_rating_and_the_answer_is_kept(env, make_ticket, stages):
    ticket = make_ticket()
    ticket.stage_id = stages["solved"]
    rating = env["rating.rating"].search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
    assert len(rating) == 1 and not rating.consumed
    link = ticket.message_ids.filtered(lambda m: rating.access_token in (m.body or ""))
    assert link and ticket.partner_id in link.partner_ids
    with pytest.raises(ValidationError, match="rating"):
        rating._apply_rating(7)
    env["rating.rating"]._find_token(rating.access_token)._apply_rating(5, "Quick and kind")
    assert rating.consumed and rating.rating == 5
    assert ticket.rating_last_value == 5 and ticket.rating_last_feedback == "Quick and kind"
    with pytest.raises(UserError, match="not valid"):
        env["rating.rating"]._find_token("nope")


def test_no_rating_when_the_team_does_not_ask(env, make_ticket, stages, team):
    team.use_rating = False
    ticket = make_ticket()
    ticket.stage_id = stages["solved"]
    assert not env["rating.rating"].search(
        [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
    )


def test_a_requester_email_becomes_a_contact(env, team):
    ticket = env["helpdesk.ticket"].create(
        {"name": "Hi", "team_id": team.id, "partner_email": "new@example.org", "partner_name": "Nora"}
    )
    assert ticket.partner_id.email == "new@example.org" and ticket.partner_id.name == "Nora"
    assert ticket.partner_id in ticket.message_partner_ids
