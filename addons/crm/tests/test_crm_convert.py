"""From lead to opportunity: the customer found or created, duplicates spotted and merged."""
from __future__ import annotations

import pytest

from core.exceptions import UserError


def test_conversion_creates_company_and_contact(env, make_lead):
    lead = make_lead(type="lead", partner_name="Nueva Fábrica S.L.", contact_name="Rosa Vidal",
                     email_from="rosa@nuevafabrica.example.com", phone="+34 699 111 222", city="Teruel")
    lead.action_convert_opportunity()
    assert lead.type == "opportunity" and lead.date_conversion
    contact = lead.partner_id
    assert (contact.name, contact.email, contact.city) == ("Rosa Vidal", "rosa@nuevafabrica.example.com",
                                                           "Teruel")
    assert contact.parent_id.name == "Nueva Fábrica S.L." and contact.parent_id.is_company


def test_conversion_links_existing_customer_by_email(env, make_lead):
    customer = env["res.partner"].create({"name": "Existing", "email": "buyer@known.example.com"})
    lead = make_lead(type="lead", contact_name="Someone", email_from="BUYER@known.example.com")
    count = env["res.partner"].search_count([])
    lead.action_convert_opportunity()
    assert lead.partner_id == customer
    assert env["res.partner"].search_count([]) == count


def test_conversion_links_existing_customer_by_phone_however_written(env, make_lead):
    customer = env["res.partner"].create({"name": "Phone Person", "phone": "+34 611 22 33 44"})
    lead = make_lead(type="lead", contact_name="Caller", phone="611223344")
    lead.action_convert_opportunity()
    assert lead.partner_id == customer


def test_conversion_links_existing_company_by_name(env, make_lead):
    company = env["res.partner"].create({"name": "Talleres Ruiz S.L.", "is_company": True})
    lead = make_lead(type="lead", partner_name="talleres ruiz s.l.")
    lead.action_convert_opportunity()
    assert lead.partner_id == company


def test_convert_opportunity_assigns_salespersons_in_turn(env, make_lead):
    leads = make_lead(type="lead") | make_lead(type="lead") | make_lead(type="lead")
    admin, demo = env.ref("base.user_admin"), env.ref("base.user_demo")
    leads.convert_opportunity(False, [admin.id, demo.id])
    assert [lead.user_id.id for lead in leads] == [admin.id, demo.id, admin.id]
    assert set(leads.mapped("type")) == {"opportunity"}


def test_duplicates_are_found_by_email_phone_and_company(env, make_lead):
    lead = make_lead(email_from="dup@example.com", phone="+34 600 000 001", partner_name="Dup Corp")
    by_email = make_lead(email_from="DUP@example.com")
    by_phone = make_lead(mobile="600000001")
    by_company = make_lead(partner_name="dup corp")
    stranger = make_lead(email_from="other@example.com")
    duplicates = lead.duplicate_lead_ids
    assert by_email in duplicates and by_phone in duplicates and by_company in duplicates
    assert stranger not in duplicates and lead not in duplicates
    assert lead.duplicate_lead_count == len(duplicates)


def test_merge_keeps_messages_and_activities_of_every_lead(env, make_lead):
    head = make_lead(name="Head", type="opportunity", expected_revenue=1000, email_from="m@example.com")
    head.write({"stage_id": env.ref("crm.stage_lead3").id})
    tail = make_lead(name="Tail", type="lead", phone="+34 600 123 456", email_from="m@example.com")
    tail_message = tail.message_post(body="Called them twice")
    tail_activity = tail.activity_schedule("mail.mail_activity_data_call", summary="Call again")
    merged = (tail | head).merge_opportunity()
    assert merged == head and not tail.exists()
    assert env["mail.message"].browse(tail_message).res_id == head.id
    assert tail_activity.res_id == head.id and tail_activity in head.activity_ids
    assert head.phone == "+34 600 12 34 56"  # filled from the tail, the head had none
    assert head.stage_id == env.ref("crm.stage_lead3")


def test_merge_posts_what_was_merged(env, make_lead):
    head, tail = make_lead(name="Keep", type="opportunity"), make_lead(name="Gone away", type="lead")
    (head | tail).merge_opportunity()
    bodies = env["mail.message"].search([("model", "=", "crm.lead"), ("res_id", "=", head.id)]).mapped("body")
    assert any("Gone away" in body for body in bodies)


def test_merge_of_a_single_lead_is_refused(env, make_lead):
    with pytest.raises(UserError, match="more than one"):
        make_lead().merge_opportunity()


def test_wizard_merges_duplicates_and_converts(env, make_lead):
    lead = make_lead(type="lead", email_from="wizard@example.com", contact_name="Wiz")
    older = make_lead(type="opportunity", email_from="wizard@example.com")
    wizard_env = env["crm.lead2opportunity.partner"].with_context(active_model="crm.lead", active_id=lead.id)
    defaults = wizard_env.default_get(["name", "action", "lead_id", "duplicated_lead_ids", "partner_id"])
    assert defaults["name"] == "merge" and defaults["action"] == "create"
    wizard = wizard_env.create(defaults)
    action = wizard.action_apply()
    result = env["crm.lead"].browse(action["res_id"])
    assert result == older and result.type == "opportunity" and result.partner_id.name == "Wiz"
    assert not lead.exists()


def test_lost_wizard_applies_reason_and_logs_note(env, make_lead):
    lead = make_lead(type="opportunity")
    reason = env.ref("crm.lost_reason_4")
    wizard = env["crm.lead.lost"].with_context(active_model="crm.lead", active_ids=[lead.id]).create(
        {"lost_reason_id": reason.id, "lost_feedback": "<p>They chose the cheaper offer</p>"})
    assert wizard.action_lost_reason_apply() is True
    assert lead.won_status == "lost" and lead.lost_reason_id == reason
    bodies = env["mail.message"].search([("model", "=", "crm.lead"), ("res_id", "=", lead.id)]).mapped("body")
    assert any("cheaper offer" in body for body in bodies)


def test_conversion_ignores_the_lead_defaults_of_the_context(env, make_lead):
    lead = make_lead(type="lead", contact_name="Context Person")
    lead.with_context(default_type="lead").action_convert_opportunity()
    assert lead.partner_id.type == "contact"
