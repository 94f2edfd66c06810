"""Tickets: numbered, linked to the customer's contact, and pointed at knowledge base articles."""

from __future__ import annotations


def test_tickets_are_numbered_and_counted_on_the_customer(env, team):
    customer = env["res.partner"].create({"name": "Marta", "email": "marta@example.com"})
    first = env["helpdesk.ticket"].create({"name": "A", "team_id": team.id, "partner_id": customer.id})
    second = env["helpdesk.ticket"].create({"name": "B", "team_id": team.id, "partner_id": customer.id})
    assert first.ticket_ref and second.ticket_ref and first.ticket_ref != second.ticket_ref
    assert first.display_name == f"A (#{first.ticket_ref})"
    assert customer.ticket_count == 2
    action = customer.action_open_helpdesk_ticket()
    assert env["helpdesk.ticket"].search(action["domain"]) == first | second


def test_published_articles_are_suggested_while_writing(env, team):
    article = env.ref("helpdesk.article_reset_password")
    assert env["helpdesk.ticket"].suggest_articles("I forgot my password") == [
        {"id": article.id, "name": article.name}
    ]
    ticket = env["helpdesk.ticket"].create({"name": "Password not accepted", "team_id": team.id})
    assert article in ticket.suggested_article_ids
    article.is_published = False
    assert env["helpdesk.ticket"].suggest_articles("password") == []
    assert env["helpdesk.ticket"].suggest_articles("ok") == []


def test_demo_tickets_carry_the_sla(env):
    ticket = env.ref("helpdesk.ticket_demo_3")
    assert ticket.sla_id == env.ref("helpdesk.sla_support_urgent")
    assert ticket.stage_id.is_waiting and ticket.sla_paused_since
