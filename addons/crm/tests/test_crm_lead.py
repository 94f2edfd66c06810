"""Leads through the pipeline: stages, teams, won and lost, and the figures that follow them."""
from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError


def test_new_opportunity_starts_in_first_stage_with_its_history(env, make_lead):
    lead = make_lead(type="opportunity")
    assert lead.stage_id == env.ref("crm.stage_lead1")
    assert lead.stage_history_ids.mapped("stage_id") == env.ref("crm.stage_lead1")
    assert lead.date_last_stage_update


def test_moving_stage_closes_previous_stay_and_opens_next(env, make_lead):
    lead = make_lead(type="opportunity")
    lead.write({"stage_id": env.ref("crm.stage_lead2").id})
    stays = lead.stage_history_ids.sorted("id")
    assert stays.mapped("stage_id.name") == ["New", "Qualified"]
    assert stays[0].date_out and not stays[1].date_out
    assert stays[0].duration_days is not False


def test_salesperson_brings_their_team(env, make_user, make_team, make_lead):
    seller = make_user("seller_a")
    team = make_team("Team A", members={seller: 10})
    lead = make_lead(user_id=seller.id)
    assert lead.team_id == team


def test_team_specific_stage_is_left_when_changing_team(env, make_team, make_lead):
    team_a, team_b = make_team("A"), make_team("B")
    special = env["crm.stage"].create({"name": "A only", "sequence": 0, "team_id": team_a.id})
    lead = make_lead(team_id=team_a.id)
    assert lead.stage_id == special
    lead.write({"team_id": team_b.id})
    assert lead.stage_id == env.ref("crm.stage_lead1")


def test_set_won_moves_to_won_stage_at_full_probability(env, make_lead):
    lead = make_lead(type="opportunity", expected_revenue=5000)
    assert lead.action_set_won() is True
    assert lead.stage_id == env.ref("crm.stage_lead4")
    assert (lead.probability, lead.won_status, lead.prorated_revenue) == (100, "won", 5000)
    assert lead.date_closed


def test_set_lost_archives_with_reason(env, make_lead):
    lead = make_lead(type="opportunity", expected_revenue=5000)
    reason = env.ref("crm.lost_reason_1")
    lead.action_set_lost(lost_reason_id=reason.id)
    assert not lead.active
    assert (lead.probability, lead.won_status, lead.lost_reason_id) == (0, "lost", reason)
    assert lead not in env["crm.lead"].search([])


def test_set_lost_with_unknown_reason_changes_nothing(env, make_lead):
    lead = make_lead(type="opportunity")
    with pytest.raises(ValidationError, match="lost_reason_id"):
        lead.action_set_lost(lost_reason_id=999999)
    assert lead.active and lead.won_status == "pending"


def test_restore_brings_lost_lead_back_to_its_automated_probability(env, make_lead):
    lead = make_lead(type="opportunity")
    lead.action_set_lost(lost_reason_id=env.ref("crm.lost_reason_2").id)
    lead.action_restore()
    assert lead.active and not lead.lost_reason_id and lead.won_status == "pending"
    assert lead.probability == lead.automated_probability


def test_leaving_won_stage_reopens_the_deal(env, make_lead):
    lead = make_lead(type="opportunity")
    lead.action_set_won()
    lead.write({"stage_id": env.ref("crm.stage_lead3").id})
    assert lead.won_status == "pending" and not lead.date_closed
    assert lead.probability == lead.automated_probability


def test_won_stage_missing_for_team_is_a_clear_error(env, make_lead):
    env.ref("crm.stage_lead4").is_won = False
    lead = make_lead(type="opportunity")
    with pytest.raises(UserError, match="no won stage"):
        lead.action_set_won()


def test_prorated_revenue_follows_probability(env, make_lead):
    lead = make_lead(expected_revenue=10000, probability=30)
    assert lead.prorated_revenue == 3000
    lead.probability = 45
    assert lead.prorated_revenue == 4500


def test_probability_out_of_range_is_refused(env, make_lead):
    with pytest.raises(ValidationError, match="between 0% and 100%"):
        make_lead(probability=120)


def test_pipeline_groups_list_every_stage_with_fold_and_sums(env):
    env.ref("crm.stage_lead4").fold = True
    groups = env["crm.lead"].read_group([("type", "=", "opportunity")], ["expected_revenue:sum"],
                                        ["stage_id"])
    names = [g["stage_id"][1] for g in groups]
    assert names[:4] == ["New", "Qualified", "Proposition", "Won"]
    won = next(g for g in groups if g["stage_id"][0] == env.ref("crm.stage_lead4").id)
    assert won["__fold"] is True and won["expected_revenue"] > 0


def test_empty_stage_still_shows_in_pipeline(env):
    stage = env["crm.stage"].create({"name": "Negotiation", "sequence": 4})
    groups = env["crm.lead"].read_group([], ["expected_revenue:sum"], ["stage_id"])
    empty = next(g for g in groups if g["stage_id"] and g["stage_id"][0] == stage.id)
    assert empty["stage_id_count"] == 0 and empty["expected_revenue"] is False


def test_pipeline_read_group_query_budget(env):
    env.invalidate_all()
    before = env.cr.sql_count
    env["crm.lead"].read_group([("type", "=", "opportunity")], ["expected_revenue:sum",
                                                                "prorated_revenue:sum"],
                               ["stage_id"])
    assert env.cr.sql_count - before <= 8


def test_copy_keeps_name_and_starts_a_new_history(env, make_lead):
    lead = make_lead(name="Keep my name", type="opportunity")
    lead.write({"stage_id": env.ref("crm.stage_lead2").id})
    copy = lead.copy()
    assert copy.name == "Keep my name"
    assert len(copy.stage_history_ids) == 1


def test_computed_values_of_a_new_lead_reach_their_columns(env, make_lead):
    lead = make_lead(name="Stored", email_from="s@example.com", phone="+34 600 000 321",
                     partner_name="Stored SL", expected_revenue=1000)
    table = env["crm.lead"]._table
    env.flush()
    row = env.cr.execute(table.select().where(table.c.id == lead.id)).mappings().one()
    assert row["phone_sanitized"] == "+34600000321"
    assert row["won_status"] == "pending"
    assert row["prorated_revenue"] == round(1000 * row["probability"] / 100, 2)
