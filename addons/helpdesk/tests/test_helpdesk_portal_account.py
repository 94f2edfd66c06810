"""Portal accounts of customers: they see their own tickets only (record rules), in the /my list."""

from __future__ import annotations

import pytest

from core.exceptions import AccessError


def test_a_customer_account_sees_only_its_own_tickets(env):
    Tickets = env["helpdesk.ticket"]
    mine = Tickets.create({"name": "Printer", "partner_email": "eva@example.com", "partner_name": "Eva"})
    other = Tickets.create({"name": "Invoice", "partner_email": "leo@example.com", "partner_name": "Leo"})
    assert mine.partner_id.action_portal_invite() is True
    mail = env["mail.mail"].search([("email_to", "=", "eva@example.com")], order="id desc", limit=1)
    token = mail.body_html.split("/my/account/")[1].split('"')[0]
    uid = env["res.users"]._portal_activate(token, "eva-pass-long-1")
    eva = env(user=uid, su=False)
    assert eva["helpdesk.ticket"].search([]) == eva["helpdesk.ticket"].browse(mine.id)
    with pytest.raises(AccessError):
        eva["helpdesk.ticket"].browse(other.id).read(["name"])
    with pytest.raises(AccessError):
        eva["helpdesk.ticket"].create({"name": "Sneaky"})
    (entry,) = eva["helpdesk.ticket"].search([])._portal_entries()
    assert entry["subject"] == "Printer"
    assert entry["url"].startswith(f"/support/ticket/{mine.ticket_ref}?token=")


def test_staff_invite_from_the_contact_form(env):
    arch = env["res.partner"].get_views([[False, "form"]])["views"]["form"]["arch"]
    assert "action_portal_invite" in str(arch)
