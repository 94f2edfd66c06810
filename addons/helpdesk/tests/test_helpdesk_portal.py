"""The support portal: a customer opens a ticket without an account, gets its link by email, follows the
conversation and answers; the knowledge base is searchable and suggested from the subject."""

from __future__ import annotations

import re

from tests.fixtures.web_client import TOKEN


def _csrf(client, path: str) -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def test_open_follow_and_answer_a_ticket(app, in_db):
    client = app.test_client()
    suggested = client.get("/support/?name=forgot+my+password").get_data(as_text=True)
    assert "How to reset your password" in suggested
    answer = client.post(
        "/support/",
        data={
            "csrf_token": _csrf(client, "/support/"),
            "partner_name": "Iván",
            "partner_email": "ivan@example.com",
            "name": "Login refused",
            "description": "Since today <b>nothing</b> works",
        },
    )
    assert answer.status_code == 302
    link = answer.headers["Location"]
    ref = re.search(r"/support/ticket/([^?]+)", link).group(1)

    def ticket_of(env):
        ticket = env["helpdesk.ticket"].search([("ticket_ref", "=", ref)])
        return ticket

    facts = in_db(
        lambda env: (
            lambda t: (
                t.partner_id.email,
                t.team_id.name,
                bool(t.first_response_date),
                env["mail.mail"].search_count([("recipient_ids", "in", t.partner_id.ids)]),
                t.description,
            )
        )(ticket_of(env))
    )
    email, team, answered, mails, description = facts
    assert email == "ivan@example.com" and team == "Customer Care" and not answered and mails == 1
    assert "&lt;b&gt;nothing&lt;/b&gt;" in description
    page = client.get(link).get_data(as_text=True)
    assert "Login refused" in page and "We received your ticket" in page

    def agent_answers(env):
        ticket = ticket_of(env)
        ticket.message_post(body="Which browser?", message_type="comment", subtype_xmlid="mail.mt_comment")
        ticket.message_post(body="internal only", subtype_xmlid="mail.mt_note")
        ticket.stage_id = env.ref("service_desk.stage_waiting")

    in_db(agent_answers)
    page = client.get(link).get_data(as_text=True)
    assert "Which browser?" in page and "internal only" not in page and "Waiting for your answer" in page
    token = link.split("token=")[1].split("&")[0]
    sent = client.post(
        f"/support/ticket/{ref}?token={token}",
        data={"csrf_token": _csrf(client, link), "reply": "Firefox 140"},
    )
    assert sent.status_code == 302
    assert "Firefox 140" in client.get(link).get_data(as_text=True)
    stage = in_db(lambda env: ticket_of(env).stage_id.name)
    assert stage == "In Progress"
    assert client.get(f"/support/ticket/{ref}?token=nope").status_code == 404


def test_the_form_names_what_is_missing(app):
    client = app.test_client()
    refused = client.post("/support/", data={"csrf_token": _csrf(client, "/support/"), "name": "Help"})
    assert refused.status_code == 400 and "Give your email" in refused.get_data(as_text=True)


def test_the_knowledge_base_is_searchable(app, in_db):
    client = app.test_client()
    page = client.get("/support/articles?q=invoice").get_data(as_text=True)
    assert "Getting a copy of an invoice" in page and "reset your password" not in page
    article_id = in_db(lambda env: env.ref("helpdesk.article_invoice_copy").id)
    assert "My Invoices" in client.get(f"/support/articles/{article_id}").get_data(as_text=True)
    in_db(lambda env: env.ref("helpdesk.article_invoice_copy").write({"is_published": False}))
    assert client.get(f"/support/articles/{article_id}").status_code == 404
