"""Leads created the way salespersons and migrations create them."""
from __future__ import annotations


def test_salesperson_creates_a_lead_with_its_stage_history(env, as_user):
    lead = as_user("demo")["crm.lead"].create({"name": "Found at the fair"})
    history = env["crm.lead.stage.history"].search([("lead_id", "=", lead.id)])
    assert history.stage_id == lead.stage_id and history.user_id == env.ref("base.user_demo")


def test_lead_keeps_the_probabilities_it_is_created_with(env):
    lead = env["crm.lead"].create({"name": "Migrated", "probability": 42.0, "automated_probability": 17.0})
    env.invalidate_all()
    assert (lead.probability, lead.automated_probability) == (42.0, 17.0)
    assert not lead.is_automated_probability


def test_lead_contact_data_follows_the_company_settings(env):
    us = env["res.country"].search([("code", "=", "US")])
    lead = env["crm.lead"].create({"name": "US lead", "country_id": us.id, "phone": "(803)-873-6126",
                                   "email_from": "not an address", "website": "our site"})
    assert (lead.phone, lead.email_from, lead.website) == ("+1 803-873-6126", "not an address", "our site")
