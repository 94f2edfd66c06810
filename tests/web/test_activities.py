"""Activities in the chatter: planned activities with their due state (in the assignee's time zone),
scheduling with the type's proposed summary and due date, marking done with feedback logged in the
chatter, editing and cancelling; the activity badge of lists and cards; My Activities across models."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core import clock
from tests.fixtures.web_client import text

FETCH = {"X-Requested-With": "fetch"}
NOW = dt.datetime(2026, 3, 10, 9, 0)


@pytest.fixture
def lead(in_db):
    def make(env):
        return env["crm.lead"].create(
            {"name": "Activity deal", "type": "opportunity", "user_id": env.ref("base.user_admin").id}
        ).id

    return in_db(make)


def _schedule(in_db, lead, xmlid="mail.mail_activity_data_call", deadline="2026-03-12", **values):
    def make(env):
        record = env["crm.lead"].browse(lead)
        return record.activity_schedule(
            xmlid,
            date_deadline=dt.date.fromisoformat(deadline),
            user_id=env.ref("base.user_admin").id,
            **values,
        ).id

    return in_db(make)


def _form(admin, lead):
    return text(admin.get(f"/web/model/crm.lead/{lead}"))


def test_chatter_lists_planned_activities_with_their_due_state(admin, in_db, lead):
    _schedule(in_db, lead, deadline="2026-03-08", summary="Call about the tender")
    _schedule(in_db, lead, "mail.mail_activity_data_todo", deadline="2026-03-15", summary="Send the offer")
    with clock.frozen(NOW):
        page = _form(admin, lead)
    overdue = page.index('class="activity state-overdue"')
    planned = page.index('class="activity state-planned"')
    assert overdue < planned  # the most urgent first
    assert "2 days overdue" in page and "Due in 5 days" in page and "Call about the tender" in page


def test_due_state_follows_the_assignees_time_zone(admin, in_db, lead):
    in_db(lambda env: env.ref("base.user_admin").write({"tz": "Pacific/Auckland"}))  # UTC+13 in March
    _schedule(in_db, lead, deadline="2026-03-11")
    with clock.frozen(dt.datetime(2026, 3, 10, 12, 0)):  # already the 11th in Auckland
        page = _form(admin, lead)
    assert 'class="activity state-today"' in page and ">Today</strong>" in page


def test_schedule_dialog_proposes_the_type_summary_and_due_date(admin, in_db, lead):
    with clock.frozen(NOW):
        fragment = text(admin.get(f"/web/activity/new?model=crm.lead&res_id={lead}&back=/web", headers=FETCH))
    call = in_db(lambda env: env.ref("mail.mail_activity_data_call").id)
    option = re.search(rf'<option value="{call}" data-summary="([^"]*)" data-deadline="([^"]*)"', fragment)
    assert option and option.groups() == ("Call back", "03/12/2026")  # in two days, in the user's format
    assert "<html" not in fragment and 'id="f-act-user_id"' in fragment


def test_scheduling_creates_the_activity_on_the_record(admin, in_db, lead):
    call = in_db(lambda env: env.ref("mail.mail_activity_data_call").id)
    response = admin.post(
        f"/web/activity/save?model=crm.lead&res_id={lead}&back=/web/model/crm.lead/{lead}",
        data={
            "csrf_token": admin.csrf,
            "activity_type_id": str(call),
            "date_deadline": "2026-04-01",
            "summary": "Call the buyer",
            "user_id": "2",
            "note": "<p>Ask about <b>volumes</b></p>",
        },
        headers=FETCH,
    )
    assert response.get_json() == {"type": "reload"}
    found = in_db(
        lambda env: env["mail.activity"].search_read(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead)],
            ["summary", "date_deadline", "activity_type_id"],
        )
    )
    assert [(a["summary"], str(a["date_deadline"]), a["activity_type_id"][0]) for a in found] == [
        ("Call the buyer", "2026-04-01", call)
    ]


def test_scheduling_without_a_due_date_comes_back_with_the_error(admin, in_db, lead):
    response = admin.post(
        f"/web/activity/save?model=crm.lead&res_id={lead}&back=/web",
        data={"csrf_token": admin.csrf, "date_deadline": "", "summary": "No date", "user_id": "2"},
        headers=FETCH,
    )
    assert response.status_code == 422 and "This field is required." in text(response)
    assert not in_db(lambda env: env["mail.activity"].search_count([("summary", "=", "No date")]))


def test_marking_done_logs_the_feedback_in_the_chatter(admin, in_db, lead):
    activity = _schedule(in_db, lead, summary="Call the buyer")
    response = admin.post(
        f"/web/activity/{activity}/done?back=/web/model/crm.lead/{lead}",
        data={"csrf_token": admin.csrf, "feedback": "They want a demo"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/{lead}#chatter")
    assert not in_db(lambda env: env["mail.activity"].browse(activity).exists())
    chatter = _form(admin, lead).split('id="chatter"')[1]
    assert "Call the buyer" in chatter and "They want a demo" in chatter


def test_done_and_schedule_next_opens_the_schedule_dialog(admin, in_db, lead):
    activity = _schedule(in_db, lead)
    answer = admin.post(
        f"/web/activity/{activity}/done?back=/web/model/crm.lead/{lead}",
        data={"csrf_token": admin.csrf, "next": "1"},
        headers=FETCH,
    ).get_json()
    assert answer["type"] == "dialog" and f"/web/activity/new?model=crm.lead&res_id={lead}" in answer["url"]


def test_editing_changes_the_activity(admin, in_db, lead):
    activity = _schedule(in_db, lead, summary="Old summary")
    form = text(admin.get(f"/web/activity/{activity}/edit?back=/web", headers=FETCH))
    assert 'value="Old summary"' in form
    admin.post(
        f"/web/activity/{activity}/save?back=/web",
        data={
            "csrf_token": admin.csrf,
            "date_deadline": "2026-05-05",
            "summary": "New summary",
            "user_id": "2",
        },
        headers=FETCH,
    )
    values = in_db(lambda env: env["mail.activity"].browse(activity).read(["summary", "date_deadline"])[0])
    assert values["summary"] == "New summary" and str(values["date_deadline"]) == "2026-05-05"


def test_cancelling_removes_the_activity_without_logging_it(admin, in_db, lead):
    activity = _schedule(in_db, lead, summary="Never mind")
    admin.post(f"/web/activity/{activity}/cancel?back=/web", data={"csrf_token": admin.csrf})
    assert not in_db(lambda env: env["mail.activity"].browse(activity).exists())
    assert "Never mind" not in _form(admin, lead).split('id="chatter"')[1]


def test_an_activity_of_a_lead_the_user_cannot_see_stays_out_of_reach(login_as, in_db):
    def make(env):
        other = env["res.users"].search([("login", "not in", ("admin", "demo"))], limit=1)
        lead = env["crm.lead"].create({"name": "Not yours", "type": "opportunity", "user_id": other.id})
        return lead.activity_schedule("mail.mail_activity_data_todo", user_id=other.id).id

    activity = in_db(make)
    demo = login_as("demo")
    response = demo.post(
        f"/web/activity/{activity}/done?back=/web", data={"csrf_token": demo.csrf, "feedback": "sneaky"}
    )
    assert response.status_code == 302
    assert in_db(lambda env: env["mail.activity"].browse(activity).exists())


def test_pipeline_cards_and_lists_show_the_activity_badge(admin, in_db, lead):
    _schedule(in_db, lead, deadline="2026-03-01", summary="Chase the signature")
    in_db(lambda env: env["crm.lead"].browse(lead).write({"priority": "3"}))  # first in its column
    action = in_db(lambda env: env.ref("crm.crm_lead_action_pipeline").id)
    with clock.frozen(NOW):
        board = text(admin.get(f"/web/action/{action}"))
        rows = text(admin.get(f"/web/action/{action}?view=list"))
    for page in (board, rows):
        assert re.search(r'class="activity-badge state-overdue" title="Overdue · Chase the signature', page)


def test_my_activities_lists_the_activities_of_every_model(admin, in_db, lead):
    def make(env):
        partner = env["res.partner"].create({"name": "Activity Partner"})
        admin = env.ref("base.user_admin").id
        partner.activity_schedule("mail.mail_activity_data_todo", summary="Partner follow-up", user_id=admin)
        env["crm.lead"].browse(lead).activity_schedule(
            "mail.mail_activity_data_call", summary="Lead follow-up", user_id=admin
        )
        return env.ref("crm.mail_activity_action_my").id

    page = text(admin.get(f"/web/action/{in_db(make)}"))
    assert "Partner follow-up" in page and "Lead follow-up" in page
