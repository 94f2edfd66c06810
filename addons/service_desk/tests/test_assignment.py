"""New tickets go to a member of the team: by round robin, by load, or nobody when manual."""

from __future__ import annotations


def test_manual_teams_leave_tickets_unassigned(make_ticket, team, make_user):
    team.member_ids = [(6, 0, [make_user("eva").id])]
    assert not make_ticket().user_id


def test_round_robin_shares_tickets_equally(make_ticket, team, make_user, stages):
    eva, leo = make_user("eva"), make_user("leo")
    team.write({"member_ids": [(6, 0, [eva.id, leo.id])], "assign_method": "randomly"})
    tickets = [make_ticket() for _ in range(4)]
    tickets[0].stage_id = stages["solved"]  # closed tickets still count in a round robin
    more = [make_ticket() for _ in range(2)]
    users = [t.user_id for t in tickets + more]
    assert users.count(eva) == users.count(leo) == 3
    assert tickets[0].assign_date


def test_by_load_prefers_the_member_with_fewer_open_tickets(env, make_ticket, team, make_user, stages):
    eva, leo = make_user("eva"), make_user("leo")
    team.write({"member_ids": [(6, 0, [eva.id, leo.id])], "assign_method": "balanced"})
    first, second = make_ticket(user_id=eva.id), make_ticket(user_id=eva.id)
    assert make_ticket().user_id == leo
    first.stage_id = stages["solved"]
    second.stage_id = stages["solved"]
    assert make_ticket().user_id == eva  # eva has no open ticket left, leo has one


def test_moving_to_another_team_assigns_and_restages(env, make_ticket, team, make_user, stages):
    other_stage = env["service_desk.stage"].create({"name": "Triage", "sequence": 0})
    other = env["service_desk.team"].create(
        {
            "name": "Field",
            "assign_method": "balanced",
            "member_ids": [(6, 0, [make_user("max").id])],
            "stage_ids": [(6, 0, [other_stage.id])],
        }
    )
    ticket = make_ticket()
    assert ticket.stage_id == stages["new"] and not ticket.user_id
    ticket.team_id = other
    assert ticket.stage_id == other_stage
    assert ticket.user_id.login == "max"
