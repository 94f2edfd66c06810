"""Customer 360°, and segments over contacts and leads."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def customer(env):
    company = env["res.partner"].create({"name": "Vista Total S.A.", "is_company": True})
    person = env["res.partner"].create({"name": "Eva Marín", "parent_id": company.id})
    return company, person


def test_company_counts_its_contacts_leads_activities_and_messages(env, customer, make_lead):
    company, person = customer
    make_lead(partner_id=company.id, user_id=2)
    lead = make_lead(partner_id=person.id, user_id=2)
    lost = make_lead(partner_id=person.id, user_id=2)
    lost.action_set_lost()
    lead.activity_schedule("mail.mail_activity_data_call")
    company.activity_schedule("mail.mail_activity_data_todo")
    before = company.customer_message_count
    lead.message_post(body="Asked for a discount")
    assert company.opportunity_count == 3
    assert company.customer_activity_count == 2
    assert company.customer_message_count == before + 1
    assert person.opportunity_count == 2


def test_smart_buttons_open_the_customer_records(env, customer, make_lead):
    company, person = customer
    lead = make_lead(partner_id=person.id, user_id=2)
    activity = lead.activity_schedule("mail.mail_activity_data_call")
    action = company.action_view_opportunity()
    assert env["crm.lead"].with_context(active_test=False).search(action["domain"]) == lead
    assert env["mail.activity"].search(company.action_view_activities()["domain"]) == activity


def test_segment_lists_matching_records(env):
    vip = env.ref("crm.segment_vip_customers")
    expected = env["res.partner"].search([("category_id", "in",
                                           [env.ref("base.res_partner_category_vip").id])])
    assert vip.record_count == len(expected) > 0
    assert set(vip.get_record_ids()) == set(expected.ids)


def test_segment_by_behaviour_on_leads(env):
    hot = env.ref("crm.segment_hot_opportunities")
    records = env["crm.lead"].browse(hot.get_record_ids())
    assert records and all(r.probability >= 60 and r.won_status == "pending" for r in records)


def test_segment_with_invalid_domain_is_refused(env):
    with pytest.raises(ValidationError, match="Bad segment"):
        env["crm.segment"].create({"name": "Bad segment", "model_name": "res.partner",
                                   "domain": "[('no_such_field', '=', 1)]"})


def test_contacts_existing_before_the_crm_get_their_sanitized_phone(env):
    assert env.ref("base.res_partner_1").phone_sanitized == "+34963123456"
