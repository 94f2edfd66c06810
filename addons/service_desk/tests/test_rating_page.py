"""The public rating page: the requester follows the link of a closed ticket and rates it, no login."""

from __future__ import annotations

from tests.fixtures.web_client import TOKEN


def _closed_ticket_rating(env):
    stages = env.ref("service_desk.stage_solved")
    team = env["service_desk.team"].create({"name": "Web", "stage_ids": [(6, 0, [stages.id])]})
    partner = env["res.partner"].create({"name": "Rita", "email": "rita@example.com"})
    ticket = env["helpdesk.ticket"].create(
        {"name": "Broken link", "team_id": team.id, "partner_id": partner.id}
    )
    ticket.stage_id = stages
    rating = env["rating.rating"].search([("res_id", "=", ticket.id), ("res_model", "=", "helpdesk.ticket")])
    return ticket.id, rating.access_token


def test_a_requester_rates_a_closed_ticket(app, in_db):
    ticket_id, token = in_db(_closed_ticket_rating)
    client = app.test_client()
    page = client.get(f"/rate/{token}/5")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Broken link" in html and 'value="5" checked' in html
    csrf = TOKEN.search(html).group(1)
    answer = client.post(f"/rate/{token}", data={"csrf_token": csrf, "score": "5", "feedback": "Great"})
    assert answer.status_code == 200 and "Thank you" in answer.get_data(as_text=True)
    assert in_db(lambda env: env["helpdesk.ticket"].browse(ticket_id).rating_last_value) == 5


def test_bad_tokens_and_scores_are_refused(app, in_db):
    _ticket_id, token = in_db(_closed_ticket_rating)
    client = app.test_client()
    assert client.get("/rate/not-a-token").status_code == 404
    csrf = TOKEN.search(client.get(f"/rate/{token}").get_data(as_text=True)).group(1)
    refused = client.post(f"/rate/{token}", data={"csrf_token": csrf, "score": "9"})
    assert refused.status_code == 400 and "1 to 5" in refused.get_data(as_text=True)
    assert client.post(f"/rate/{token}", data={"score": "5"}).status_code == 400  # no CSRF token
