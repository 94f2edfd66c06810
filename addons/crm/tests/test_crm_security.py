"""Who sees which leads."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError


@pytest.fixture
def two_teams(make_user, make_team):
    seller_a, seller_b = make_user("salesperson_a"), make_user("salesperson_b")
    team_a = make_team("Team A", members={seller_a: 10})
    team_b = make_team("Team B", members={seller_b: 10})
    return seller_a, seller_b, team_a, team_b


def test_salesperson_sees_only_own_team_leads(env, as_user, two_teams, make_lead):
    seller_a, seller_b, team_a, team_b = two_teams
    mine = make_lead(team_id=team_a.id, user_id=seller_a.id)
    team_queue = make_lead(team_id=team_a.id)
    other = make_lead(team_id=team_b.id, user_id=seller_b.id)
    other_queue = make_lead(team_id=team_b.id)
    visible = as_user("salesperson_a")["crm.lead"].search([])
    assert mine in visible and team_queue in visible
    assert other not in visible and other_queue not in visible


def test_reading_another_salesperson_lead_is_refused(env, as_user, two_teams, make_lead):
    _seller_a, seller_b, _team_a, team_b = two_teams
    other = make_lead(team_id=team_b.id, user_id=seller_b.id)
    with pytest.raises(AccessError):
        as_user("salesperson_a")["crm.lead"].browse(other.id).read(["name"])


def test_team_leader_sees_the_whole_team_pipeline(env, as_user, two_teams, make_user, make_lead):
    _seller_a, seller_b, _team_a, team_b = two_teams
    leader = make_user("leader_b")
    team_b.user_id = leader
    lead = make_lead(team_id=team_b.id, user_id=seller_b.id)
    assert lead in as_user("leader_b")["crm.lead"].search([])


def test_all_documents_user_sees_every_lead(env, as_user, two_teams, make_user, make_lead):
    _seller_a, seller_b, _team_a, team_b = two_teams
    make_user("all_docs", groups=("sales_team.group_sale_salesman_all_leads",))
    lead = make_lead(team_id=team_b.id, user_id=seller_b.id)
    assert lead in as_user("all_docs")["crm.lead"].search([])


def test_salesperson_cannot_give_a_lead_away_out_of_sight(env, as_user, two_teams, make_lead):
    seller_a, seller_b, team_a, team_b = two_teams
    lead = make_lead(team_id=team_a.id, user_id=seller_a.id)
    records = as_user("salesperson_a")["crm.lead"].browse(lead.id)
    with pytest.raises(AccessError):
        records.write({"user_id": seller_b.id, "team_id": team_b.id})


def test_employee_without_sales_rights_cannot_read_leads(env, make_user):
    clerk = make_user("clerk", groups=())
    with pytest.raises(AccessError):
        env(user=clerk.id, su=False)["crm.lead"].search([])


def test_demo_salesperson_sees_only_own_and_unassigned_demo_leads(env, as_user):
    demo_uid = env.ref("base.user_demo").id
    visible = as_user("demo")["crm.lead"].with_context(active_test=False).search([])
    assert visible and set(visible.sudo().mapped("user_id").ids) <= {demo_uid}
