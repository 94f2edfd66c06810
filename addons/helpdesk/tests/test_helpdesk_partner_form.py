"""The contact form shows the customer's tickets: a count among the smart buttons and their list."""
from __future__ import annotations

import re


def test_the_contact_form_counts_and_lists_the_tickets(login_as, in_db):
    admin = login_as("admin")
    def make(env):
        partner = env["res.partner"].create({"name": "Olga Soporte", "email": "olga@example.com"})
        team = env.ref("helpdesk.helpdesk_team_support")
        env["helpdesk.ticket"].create([{"name": f"Question {n}", "team_id": team.id, "partner_id": partner.id}
                                       for n in (1, 2)])
        return partner.id
    partner_id = in_db(make)
    page = admin.get(f"/web/model/res.partner/{partner_id}").get_data(as_text=True)
    box = re.search(r'<div class="stat-box" data-field="ticket_count">(.*?)</div>', page, re.S)
    assert box and re.search(r'stat-value">\s*2\s*<', box.group(1)) and "Tickets" in box.group(1)
    assert "Question 1" in page and "Question 2" in page


def test_the_ticket_form_shows_the_deadlines(login_as, in_db):
    admin = login_as("admin")
    ticket_id = in_db(lambda env: env.ref("helpdesk.ticket_demo_1").id)
    page = admin.get(f"/web/model/helpdesk.ticket/{ticket_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "First Response Deadline" in html and "SLA Deadline" in html and "On Time" in html
    board = admin.get("/web/model/helpdesk.ticket?view_type=kanban")
    assert board.status_code == 200 and "Cannot log in since the update" in board.get_data(as_text=True)
