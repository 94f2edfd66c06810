"""The SLA clock counts working hours of the team: weekends, holidays and waiting stages do not count."""

from __future__ import annotations

import datetime as dt

from core import clock

# Friday 4 December 2026, 15:00 in Madrid; Monday 7th works, Tuesday 8th is a holiday (Inmaculada)
FRIDAY_3PM = dt.datetime(2026, 12, 4, 14, 0)


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute)


def test_deadlines_skip_the_weekend_and_the_holiday(make_ticket):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
    assert ticket.sla_id.name == "Standard"
    # 2 h: Friday 15:00-17:00 Madrid
    assert ticket.sla_reply_deadline == utc(4, 16)
    # 16 h: Friday 2 + Monday 8 + (Tuesday holiday) + Wednesday 8-12, 13-15 Madrid
    assert ticket.sla_deadline == utc(9, 14)
    assert ticket.sla_state == "on_time"


def test_a_waiting_stage_pauses_the_clock(make_ticket, stages):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
    with clock.frozen(utc(7, 8)):  # Monday 9:00 Madrid: 3 working hours spent
        ticket.stage_id = stages["waiting"]
    assert ticket.sla_paused_since == utc(7, 8)
    with clock.frozen(utc(9, 9)):  # Wednesday 10:00 Madrid: 7 h Monday + 0 Tuesday + 2 h Wednesday paused
        ticket.stage_id = stages["in_progress"]
    assert not ticket.sla_paused_since
    assert ticket.sla_paused_hours == 9
    # the 13 h left run Wednesday 10-12, 13-17 and Thursday 8-12, 13-16 Madrid
    assert ticket.sla_deadline == utc(10, 15)


def test_the_deadline_moves_while_waiting(env, make_ticket, stages):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
        ticket.stage_id = stages["waiting"]
    with clock.frozen(utc(7, 15)):  # Monday 16:00 Madrid, still waiting: 2 h Friday + 7 h Monday paused
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "on_time"
    assert ticket.sla_deadline == utc(10, 15)  # Thursday 16:00 Madrid, 9 working hours later than unpaused


def test_the_team_time_zone_reads_the_calendar_hours(env, make_ticket, team):
    team.tz = "America/New_York"
    with clock.frozen(dt.datetime(2026, 12, 4, 20, 0)):  # Friday 15:00 in New York
        ticket = make_ticket()
    assert ticket.sla_reply_deadline == utc(4, 22)  # Friday 17:00 in New York


def test_first_answer_meets_the_response_target(env, make_ticket, customer):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
    with clock.frozen(utc(4, 14, 30)):  # the requester writes again: no answer yet
        ticket.message_post(
            body="Any news?", message_type="comment", subtype_xmlid="mail.mt_comment", author_id=customer.id
        )
    assert not ticket.first_response_date
    with clock.frozen(utc(4, 15)):
        ticket.message_post(body="We are on it", message_type="comment", subtype_xmlid="mail.mt_comment")
    assert ticket.first_response_date == utc(4, 15)
    with clock.frozen(utc(7, 8)):  # Monday 9:00 Madrid: answered in time, 3 of 16 h spent
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "on_time"


def test_an_internal_note_is_no_answer(make_ticket):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
        ticket.message_post(body="Looking", subtype_xmlid="mail.mt_note")
    assert not ticket.first_response_date


def test_unanswered_tickets_go_at_risk_then_fail(env, make_ticket):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
    with clock.frozen(utc(4, 15, 20)):  # 1 h 20 of the 2 h to answer: under 75 %
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "on_time"
    with clock.frozen(utc(4, 15, 40)):  # 1 h 40: over 75 %
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "at_risk"
    with clock.frozen(utc(7, 7, 30)):  # Monday 8:30 Madrid: 2 h 30 working hours, past the target
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "failed"


def test_closing_late_fails_and_closing_in_time_does_not(make_ticket, stages):
    with clock.frozen(FRIDAY_3PM):
        late, early = make_ticket(), make_ticket()
        early.message_post(body="Done", message_type="comment", subtype_xmlid="mail.mt_comment")
        early.stage_id = stages["solved"]
        late.message_post(body="Soon", message_type="comment", subtype_xmlid="mail.mt_comment")
    with clock.frozen(utc(10, 8)):  # Thursday, past Wednesday's deadline
        late.stage_id = stages["solved"]
    assert early.close_date == FRIDAY_3PM and early.sla_state == "on_time"
    assert late.close_date == utc(10, 8) and late.sla_state == "failed"


def test_the_most_specific_policy_applies(env, make_ticket, team):
    urgent = env["service_desk.sla"].create(
        {
            "name": "Urgent",
            "team_id": team.id,
            "priority": "3",
            "time_first_response": 1,
            "time_resolution": 4,
        }
    )
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
        assert ticket.sla_id.name == "Standard"
        ticket.priority = "3"
    assert ticket.sla_id == urgent
    assert ticket.sla_deadline == utc(7, 9)  # Friday 2 h + Monday 8-10 Madrid
