"""Automatic assignment: teams by their domain, salespersons by weighted round robin on capacity."""
from __future__ import annotations

import pytest

from core import assignment
from core.exceptions import ValidationError


@pytest.fixture
def sellers(make_user):
    return [make_user(f"rr_seller_{i}") for i in range(3)]


def test_round_robin_shares_in_proportion_to_capacity():
    capacity = {"a": 10, "b": 20, "c": 30}
    leads = list(range(60))
    chosen = assignment.assign(leads, {k: set(leads) for k in capacity}, capacity)
    counts = {k: sum(1 for v in chosen.values() if v == k) for k in capacity}
    assert counts == {"a": 10, "b": 20, "c": 30}


@pytest.mark.parametrize("total", [7, 13, 29, 45])
def test_every_prefix_of_the_run_stays_within_one_of_the_share(total):
    capacity = {"a": 10, "b": 20, "c": 30}
    leads = list(range(total))
    chosen = assignment.assign(leads, {k: set(leads) for k in capacity}, capacity)
    for key, limit in capacity.items():
        share = total * limit / sum(capacity.values())
        assert abs(sum(1 for v in chosen.values() if v == key) - share) <= 1


def test_nobody_gets_more_than_capacity():
    leads = list(range(50))
    chosen = assignment.assign(leads, {"a": set(leads), "b": set(leads)}, {"a": 5, "b": 10})
    assert len(chosen) == 15


def test_team_members_receive_leads_within_one_of_capacity_share(env, sellers, make_team, make_lead):
    team = make_team("Round robin", members={sellers[0]: 10, sellers[1]: 20, sellers[2]: 30})
    leads = env["crm.lead"].browse([make_lead(team_id=team.id).id for _ in range(30)])
    assigned = team.action_assign_leads()
    assert assigned == 30
    for seller, share in zip(sellers, (5, 10, 15)):
        assert abs(len(leads.filtered(lambda lead, s=seller: lead.user_id == s)) - share) <= 1


def test_assignment_respects_member_domain(env, sellers, make_team, make_lead):
    team = make_team("Domains", members={sellers[0]: 30, sellers[1]: 30})
    member = team.crm_team_member_ids.filtered(lambda m: m.user_id == sellers[0])
    member.assignment_domain = "[('country_id.code', '=', 'PT')]"
    portuguese = make_lead(team_id=team.id, country_id=env.ref("base.pt").id)
    spanish = make_lead(team_id=team.id, country_id=env.ref("base.es").id)
    team.action_assign_leads()
    assert spanish.user_id == sellers[1]
    assert portuguese.user_id in (sellers[0] | sellers[1])


def test_teamless_leads_go_to_the_team_whose_domain_accepts_them(env, sellers, make_team, make_lead):
    big = make_team("Big deals", members={sellers[0]: 10},
                    assignment_domain="[('expected_revenue', '>=', 1e7)]")
    small = make_team("Small deals", members={sellers[1]: 10},
                      assignment_domain="[('expected_revenue', '<', 1e7)]")
    huge, tiny = make_lead(expected_revenue=2e7), make_lead(expected_revenue=100)
    (big | small).action_assign_leads()
    assert (huge.team_id, huge.user_id) == (big, sellers[0])
    assert (tiny.team_id, tiny.user_id) == (small, sellers[1])


def test_full_member_receives_no_more_leads(env, sellers, make_team, make_lead):
    team = make_team("Full", members={sellers[0]: 1})
    first, second = make_lead(team_id=team.id), make_lead(team_id=team.id)
    team.action_assign_leads()
    assert first.user_id == sellers[0] and not second.user_id
    assert team.crm_team_member_ids.lead_month_count == 1


def test_new_leads_wait_for_the_assignment_until_switched_on_as_in_odoo(env, sellers, make_team, make_lead):
    team = make_team("Manual", members={sellers[2]: 10})
    assert env["res.config.settings"].default_get(["crm_use_auto_assignment"]) == {
        "crm_use_auto_assignment": False}
    assert not make_lead(team_id=team.id).user_id
    assert not make_lead().user_id and not make_lead().team_id


def test_rule_based_assignment_setting_assigns_new_leads_at_once(env, sellers, make_team, make_lead):
    team = make_team("On create", members={sellers[2]: 10})
    env["res.config.settings"].create({"crm_use_auto_assignment": True}).execute()
    assert env["ir.config_parameter"].get_param("crm.lead.auto.assignment") == "True"
    assert env["res.config.settings"].default_get(["crm_use_auto_assignment"]) == {
        "crm_use_auto_assignment": True}
    lead = make_lead(team_id=team.id)
    assert lead.user_id == sellers[2]
    env["res.config.settings"].create({"crm_use_auto_assignment": False}).execute()
    assert not make_lead(team_id=team.id).user_id


def test_team_assigning_on_creation_takes_its_leads_and_teamless_ones(env, sellers, make_team, make_lead):
    eager = make_team("Eager", members={sellers[0]: 10}, assignment_on_create=True)
    patient = make_team("Patient", members={sellers[1]: 10})
    assert make_lead(team_id=eager.id).user_id == sellers[0]
    teamless = make_lead()
    assert (teamless.team_id, teamless.user_id) == (eager, sellers[0])
    assert not make_lead(team_id=patient.id).user_id


def test_lead_assigned_on_creation_keeps_the_probabilities_it_was_given(env, sellers, make_team, make_lead):
    make_team("Eager", members={sellers[0]: 10}, assignment_on_create=True)
    lead = make_lead(probability=42.0, automated_probability=17.0)
    env.invalidate_all()
    assert lead.user_id == sellers[0]
    assert (lead.probability, lead.automated_probability) == (42.0, 17.0)


def test_team_capacity_is_the_sum_of_its_members(env, sellers, make_team):
    team = make_team("Capacity", members={sellers[0]: 10, sellers[1]: 25})
    assert team.assignment_max == 35


def test_invalid_assignment_domain_is_refused(env, make_team):
    with pytest.raises(ValidationError, match="invalid domain"):
        make_team("Broken", assignment_domain="[('expected_revenue', '>=', ")


def test_only_managers_run_the_assignment(env, as_user):
    from core.exceptions import AccessError

    with pytest.raises(AccessError):
        as_user("demo")["crm.team"].action_assign_leads()


def test_scheduled_job_assigns_open_unassigned_leads(env, sellers, make_team, make_lead):
    team = make_team("Cron", members={sellers[1]: 50})
    lead = make_lead(team_id=team.id)
    env["crm.team"]._cron_assign_leads()
    assert lead.user_id == sellers[1]


def test_scheduled_actions_run_the_crm_jobs(env, sellers, make_team, make_lead):
    team = make_team("Scheduled", members={sellers[0]: 50})
    lead = make_lead(team_id=team.id)
    env.ref("crm.ir_cron_crm_lead_assign").method_direct_trigger()
    env.ref("crm.website_crm_score_cron").method_direct_trigger()
    assert lead.user_id == sellers[0]
    assert env["crm.lead.scoring.frequency"].search_count([]) > 0
