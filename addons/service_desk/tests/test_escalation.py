"""A ticket at risk is escalated once: priority raised, the team leader told with a note and a to-do."""

from __future__ import annotations

import datetime as dt

from core import clock

FRIDAY_3PM = dt.datetime(2026, 12, 4, 14, 0)  # Madrid 15:00
AT_RISK = dt.datetime(2026, 12, 4, 15, 40)  # 1 h 40 of the 2 h to answer spent


def leader_activities(env, ticket):
    return env["mail.activity"].search(
        [
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "=", ticket.id),
            ("user_id", "=", ticket.team_id.user_id.id),
        ]
    )


def test_escalation_fires_once(env, make_ticket):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket(priority="1")
    assert not ticket.sla_escalated
    with clock.frozen(AT_RISK):
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "at_risk" and ticket.sla_escalated
    assert ticket.priority == "2"
    assert len(leader_activities(env, ticket)) == 1
    notes = ticket.message_ids.filtered(lambda m: "priority was raised" in (m.body or ""))
    assert len(notes) == 1 and ticket.team_id.user_id.partner_id in notes.partner_ids
    with clock.frozen(AT_RISK + dt.timedelta(minutes=10)):
        env["service_desk.team"]._cron_update_sla()
        ticket.tag_ids = [(0, 0, {"name": "printer"})]
        ticket.user_id = ticket.team_id.user_id
    with clock.frozen(dt.datetime(2026, 12, 7, 9)):  # failed now: still the one escalation
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_state == "failed"
    assert ticket.priority == "2"
    assert len(leader_activities(env, ticket)) == 1


def test_urgent_tickets_stay_urgent(env, make_ticket):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket(priority="3")
    with clock.frozen(AT_RISK):
        env["service_desk.team"]._cron_update_sla()
    assert ticket.sla_escalated and ticket.priority == "3"


def test_a_change_updates_the_state_without_the_cron(env, make_ticket, team):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
    with clock.frozen(AT_RISK):
        ticket.name = "Printer on fire, really"
        assert ticket.sla_state == "on_time"  # a change that does not touch the clock keeps the state
        ticket.ticket_type_id = env["service_desk.ticket.type"].create({"name": "Hardware"})
    assert ticket.sla_state == "at_risk" and ticket.sla_escalated


def test_closed_tickets_are_not_escalated(env, make_ticket, stages):
    with clock.frozen(FRIDAY_3PM):
        ticket = make_ticket()
        ticket.stage_id = stages["cancelled"]
    with clock.frozen(dt.datetime(2026, 12, 10, 9)):
        env["service_desk.team"]._cron_update_sla()
    assert not ticket.sla_escalated
