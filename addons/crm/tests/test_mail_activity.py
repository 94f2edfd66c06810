"""Activities on leads: scheduling, states in the assignee's time zone, completion, access, calendars."""
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from core import clock
from core.exceptions import AccessError, UserError, ValidationError

MOMENT = dt.datetime(2026, 3, 10, 23, 30)  # UTC: already the 11th in Auckland, still the 10th in Los Angeles


@pytest.fixture
def lead(make_lead):
    return make_lead(name="Activity target", type="opportunity", user_id=2)


def test_schedule_uses_type_delay_from_today(env, lead):
    with clock.frozen(dt.datetime(2026, 3, 2, 9)):
        activity = lead.activity_schedule("mail.mail_activity_data_call", summary="Call back")
    assert activity.date_deadline == dt.date(2026, 3, 4)
    assert (activity.res_model, activity.res_id, activity.res_name) == ("crm.lead", lead.id,
                                                                        "Activity target")
    assert activity.res_model_id.model == "crm.lead"
    assert activity.user_id == env.user


def test_state_is_computed_in_the_assignee_time_zone(env, lead, make_user):
    east = make_user("east_tz", tz="Pacific/Auckland")
    west = make_user("west_tz", tz="America/Los_Angeles")
    due = dt.date(2026, 3, 11)
    with clock.frozen(MOMENT):
        east_activity = lead.activity_schedule(date_deadline=due, user_id=east.id)
        west_activity = lead.activity_schedule(date_deadline=due, user_id=west.id)
        assert (east_activity.state, west_activity.state) == ("today", "planned")
        late = lead.activity_schedule(date_deadline=dt.date(2026, 3, 10), user_id=east.id)
        assert late.state == "overdue"


def test_state_search_agrees_with_the_computed_state(env, lead, make_user):
    east = make_user("east_tz2", tz="Pacific/Auckland")
    west = make_user("west_tz2", tz="America/Los_Angeles")
    with clock.frozen(MOMENT):
        activities = (lead.activity_schedule(date_deadline=dt.date(2026, 3, 11), user_id=east.id)
                      | lead.activity_schedule(date_deadline=dt.date(2026, 3, 11), user_id=west.id)
                      | lead.activity_schedule(date_deadline=dt.date(2026, 3, 10), user_id=west.id))
        for state in ("overdue", "today", "planned"):
            found = env["mail.activity"].search([("id", "in", activities.ids), ("state", "=", state)])
            assert found == activities.filtered(lambda a, s=state: a.state == s)


def test_record_state_is_the_most_urgent_and_searchable(env, make_lead):
    with clock.frozen(dt.datetime(2026, 5, 5, 10)):
        relaxed, urgent = make_lead(user_id=2), make_lead(user_id=2)
        relaxed.activity_schedule(date_deadline=dt.date(2026, 5, 20))
        urgent.activity_schedule(date_deadline=dt.date(2026, 5, 20))
        urgent.activity_schedule(date_deadline=dt.date(2026, 5, 1), summary="Late call")
        assert (relaxed.activity_state, urgent.activity_state) == ("planned", "overdue")
        assert urgent.activity_date_deadline == dt.date(2026, 5, 1) and urgent.activity_summary == "Late call"
        pair = [("id", "in", (relaxed | urgent).ids)]
        assert env["crm.lead"].search(pair + [("activity_state", "=", "overdue")]) == urgent
        assert env["crm.lead"].search(pair + [("activity_state", "=", "planned")]) == relaxed


def test_invalid_activity_state_in_a_domain_is_refused(env):
    with pytest.raises(ValidationError, match="expected overdue, today or planned"):
        env["crm.lead"].search([("activity_state", "=", "someday")])


def test_my_activities_filter_across_records(env, lead, make_lead, make_user):
    other = make_user("other_assignee")
    second = make_lead(user_id=2)
    lead.activity_schedule(user_id=env.ref("base.user_admin").id)
    second.activity_schedule(user_id=other.id)
    admin_env = env(user=env.ref("base.user_admin").id, su=False)
    mine = admin_env["crm.lead"].search([("activity_user_id", "=", admin_env.uid), ("id", "in", [lead.id,
                                                                                                 second.id])])
    assert mine == lead.with_env(admin_env)


def test_feedback_logs_into_chatter_and_deletes_activity(env, lead):
    activity = lead.activity_schedule("mail.mail_activity_data_meeting", summary="Demo",
                                      note="<p>Bring the deck</p>")
    message_id = activity.action_feedback(feedback="The customer wants a quote")
    assert not activity.exists()
    message = env["mail.message"].browse(message_id)
    assert (message.model, message.res_id) == ("crm.lead", lead.id)
    assert message.subtype_id == env.ref("mail.mt_activities")
    for text in ("Demo", "The customer wants a quote", "Bring the deck"):
        assert text in message.body


def test_action_done_without_feedback_returns_message(env, lead):
    activity = lead.activity_schedule("mail.mail_activity_data_todo")
    message_id = activity.action_done()
    assert isinstance(message_id, int) and not activity.exists()


def test_deleting_record_deletes_its_activities(env, lead):
    activity = lead.activity_schedule("mail.mail_activity_data_call")
    lead.unlink()
    assert not activity.exists()


def test_activity_on_missing_record_is_refused(env):
    with pytest.raises(ValidationError, match="res_id"):
        env["mail.activity"].create({"res_model": "crm.lead", "res_id": 999999, "summary": "Ghost"})


def test_activity_on_model_without_activities_is_refused(env):
    partner = env["res.partner"].create({"name": "No activities here"})
    with pytest.raises(ValidationError, match="does not have activities"):
        env["mail.activity"].create({"res_model": "res.country", "res_id": partner.id})


def test_activities_of_hidden_leads_are_invisible(env, as_user, make_lead):
    hidden = make_lead(user_id=env.ref("crm.user_sales_jorge").id)
    activity = hidden.activity_schedule("mail.mail_activity_data_call")
    demo = as_user("demo")
    assert not demo["mail.activity"].search([("id", "=", activity.id)])
    assert demo["mail.activity"].search_count([("id", "=", activity.id)]) == 0
    with pytest.raises(AccessError):
        demo["mail.activity"].browse(activity.id).read(["summary"])


def test_assignee_completes_activity_without_rights_to_others(env, as_user, make_lead):
    demo_uid = env.ref("base.user_demo").id
    mine = make_lead(user_id=demo_uid)
    activity = mine.activity_schedule("mail.mail_activity_data_call", user_id=demo_uid)
    demo = as_user("demo")
    message_id = demo["mail.activity"].browse(activity.id).action_feedback(feedback="Done")
    assert message_id and not activity.exists()


def test_meetings_export_to_icalendar(env, lead):
    meeting = lead.activity_schedule("mail.mail_activity_data_meeting", date_deadline=dt.date(2026, 4, 2),
                                     summary="Kick-off")
    call = lead.activity_schedule("mail.mail_activity_data_call")
    calendar = Calendar.from_ical((meeting | call).action_export_ics())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Kick-off"
    assert events[0].decoded("dtstart") == dt.date(2026, 4, 2)


def test_export_without_meetings_is_a_clear_error(env, lead):
    call = lead.activity_schedule("mail.mail_activity_data_call")
    with pytest.raises(UserError, match="only meetings"):
        call.action_export_ics()


def test_activity_ids_only_list_the_record_model(env, lead):
    partner = env["res.partner"].create({"name": "Another document"})
    on_partner = partner.activity_schedule(summary="On the partner")
    lead.activity_schedule(summary="On the lead")
    # the partner's activity now points at the lead's id: only its model tells them apart
    table = env["mail.activity"]._table
    env.cr.execute(table.update().where(table.c.id == on_partner.id).values(res_id=lead.id))
    env.invalidate_all()
    assert lead.activity_ids.mapped("summary") == ["On the lead"]
    assert env["crm.lead"].search([("id", "=", lead.id), ("activity_ids.summary", "=",
                                                          "On the partner")]) == \
        env["crm.lead"]
