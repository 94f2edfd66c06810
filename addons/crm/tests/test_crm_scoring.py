"""Lead scoring: rule points consultants declare, and the probability learned from won and lost leads."""
from __future__ import annotations

import pytest

from addons.crm import scoring
from core.exceptions import ValidationError


def _last_open_stages(leads):
    """Each closed lead's last stage before it was won or lost: how it stood while still open."""
    won = set(leads.env["crm.stage"].search([("is_won", "=", True)]).ids)
    last = {}
    for stay in leads.env["crm.lead.stage.history"].search([("lead_id", "in", leads.ids)],
                                                           order="date_in, id"):
        if stay.stage_id.id not in won:
            last[stay.lead_id.id] = [stay.stage_id.id]
    return last


def _held_out_auc(env, stage_feature: bool, folds: int = 3) -> tuple[float, int]:
    """Cross-validated AUC over the closed demo leads: each third is scored, as it stood while open,
    by what the other two thirds taught; every lead is held out once."""
    if not stage_feature:
        fields = env["crm.lead"]._pls_fields()
        env["ir.config_parameter"].set_param("crm.pls_fields", ",".join(f for f in fields if f != "stage_id"))
    closed = env["crm.lead"].with_context(active_test=False).search([("won_status", "in", ["won", "lost"])],
                                                                     order="id")
    scores, labels = [], []
    for fold in range(folds):
        held_out = closed.filtered(lambda lead, k=fold: lead.id % folds == k)
        models = scoring.train((closed - held_out)._pls_samples())
        features = held_out._pls_features(stages=_last_open_stages(held_out))
        for lead in held_out:
            counts = scoring.model_for(models, lead.team_id.id or None)
            scores.append(scoring.probability(counts, features[lead.id])[0])
            labels.append(lead.won_status == "won")
    return scoring.auc(scores, labels), len(closed)


def test_learned_probability_ranks_held_out_demo_leads_better_than_chance(env):
    auc, size = _held_out_auc(env, stage_feature=True)
    print(f"\nheld-out AUC of the learned probability (3-fold, {size} closed leads): {auc:.3f}")
    assert size >= 100 and auc > 0.65


def test_lead_features_alone_rank_better_than_chance(env):
    auc, size = _held_out_auc(env, stage_feature=False)
    print(f"\nheld-out AUC without the stage (3-fold, {size} closed leads): {auc:.3f}")
    assert auc > 0.6


def test_auc_of_perfect_and_reversed_rankings():
    labels = [True, True, False, False]
    assert scoring.auc([0.9, 0.8, 0.2, 0.1], labels) == 1.0
    assert scoring.auc([0.1, 0.2, 0.8, 0.9], labels) == 0.0
    assert scoring.auc([0.5, 0.5, 0.5, 0.5], labels) == 0.5


def test_feature_seen_in_won_deals_raises_the_probability():
    models = scoring.train([(1, True, [("source_id", "1")])] * 8 + [(1, False, [("source_id", "2")])] * 8)
    counts = scoring.model_for(models, 1)
    good, _weights = scoring.probability(counts, [("source_id", "1")])
    bad, _weights = scoring.probability(counts, [("source_id", "2")])
    assert good > 50 > bad


def test_relearning_stores_counts_of_every_closed_lead(env):
    env["crm.lead"]._cron_update_automated_probabilities()
    totals = env["crm.lead.scoring.frequency"].search([("variable", "=", scoring.TOTAL), ("team_id", "=",
                                                                                          False)])
    closed = env["crm.lead"].with_context(active_test=False).read_group(
        [("won_status", "in", ["won", "lost"])], ["won_status"], ["won_status"])
    by_status = {g["won_status"]: g["won_status_count"] for g in closed}
    assert (totals.won_count, totals.lost_count) == (by_status["won"], by_status["lost"])


def test_open_lead_follows_its_automated_probability(env, make_lead):
    lead = make_lead(type="opportunity", source_id=env.ref("utm.utm_source_cold_call").id)
    assert lead.is_automated_probability
    cold = lead.probability
    lead.source_id = env.ref("utm.utm_source_referral")
    assert lead.probability == lead.automated_probability and lead.probability > cold


def test_probability_set_by_hand_is_kept(env, make_lead):
    lead = make_lead(type="opportunity", probability=42)
    lead.source_id = env.ref("utm.utm_source_referral")
    assert lead.probability == 42 and not lead.is_automated_probability


def test_score_sums_the_points_of_matching_rules(env, make_lead):
    bare = make_lead()
    reachable = make_lead(email_from="a@example.com", phone="+34 600 000 999")
    assert reachable.score - bare.score == 20


def test_editing_the_lead_rescores_it(env, make_lead):
    lead = make_lead()
    before = lead.score
    lead.email_from = "now@example.com"
    assert lead.score == before + 10


def test_new_rule_applies_to_open_leads(env, make_lead):
    lead = make_lead(city="Soria")
    env["crm.lead.scoring.rule"].create({"name": "From Soria", "domain": "[('city', '=', 'Soria')]",
                                         "points": 7})
    before = lead.score
    env["crm.lead.scoring.rule"].action_apply_to_leads()
    assert lead.score == before + 7


def test_rule_with_a_broken_domain_is_refused(env):
    with pytest.raises(ValidationError, match="Broken rule"):
        env["crm.lead.scoring.rule"].create({"name": "Broken rule", "domain": "[('no_such_field', '=', 1)]"})


def test_factors_explain_score_and_probability(env):
    lead = env["crm.lead"].search([("won_status", "=", "pending"), ("score", ">", 0)], limit=1)
    factors = lead.scoring_factors
    assert sum(item["points"] for item in factors["rules"]) == lead.score
    assert factors["features"] and all({"field", "value",
                                        "weight"} <= set(item) for item in factors["features"])
    assert lead.scoring_summary


def test_only_managers_relearn_on_demand(env, as_user):
    from core.exceptions import AccessError

    with pytest.raises(AccessError):
        as_user("demo")["crm.lead"].action_update_automated_probabilities()
