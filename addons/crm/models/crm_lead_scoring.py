"""Lead scoring: points from declared rules, and a probability learned from won and lost leads.

The rules (crm.lead.scoring.rule) are domains with points that consultants edit. The learned
probability is naive Bayes over the features named in the ``crm.pls_fields`` parameter, with counts
per sales team kept in crm.lead.scoring.frequency and rebuilt by a scheduled job. A lead whose
probability was never set by hand follows its automated probability.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from addons.crm import scoring
from core import _, model, public
from core.domain.parse import normalize
from core.exceptions import AccessError, ValidationError
from core.records.compute import mark_to_compute, recompute_pending
from core.safe_eval import base_scope, safe_eval

_logger = logging.getLogger(__name__)
PLS_PARAM = "crm.pls_fields"
DEFAULT_PLS_FIELDS = "stage_id,source_id,medium_id,country_id,tag_ids,email_state,phone_state"
SCORING_FIELDS = ("score", "automated_probability", "probability")
BATCH = 1000


def parse_domain(text: str | bool, what: str, env: Any = None) -> list[Any]:
    """The domain written in ``text`` (which may use uid and ref('module.xmlid')); ValidationError
    naming ``what`` when it is not one."""
    scope = base_scope()
    if env is not None:
        scope.update(uid=env.uid, ref=lambda xmlid: env.ref(xmlid).id)
    try:
        domain = safe_eval(text or "[]", scope)
        return normalize(domain)
    except ValidationError as error:
        raise ValidationError(_("%(what)s: invalid domain %(domain)r: %(reason)s", what=what, domain=text,
                                reason=error.message), field="domain") from None


@model("crm.lead")
class CrmLeadScoring:
    # -- small computes --------------------------------------------------------------------
    def _compute_is_automated_probability(self) -> None:
        for lead in self:
            gap = abs((lead.probability or 0) - (lead.automated_probability or 0))
            lead.is_automated_probability = gap < 0.01

    def _compute_email_state(self) -> None:
        for lead in self:
            lead.email_state = "correct" if lead.email_from else False

    def _compute_phone_state(self) -> None:
        for lead in self:
            lead.phone_state = "correct" if lead.phone or lead.mobile else False

    # -- features --------------------------------------------------------------------------
    def _pls_fields(self) -> list[str]:
        text = self.env["ir.config_parameter"].sudo().get_param(PLS_PARAM, DEFAULT_PLS_FIELDS) or ""
        names = [name.strip() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in self._fields]
        if unknown:
            _logger.warning("%s names unknown crm.lead fields %s: they are ignored", PLS_PARAM, unknown)
        return [name for name in names if name in self._fields]

    def _pls_features(self, stages: dict[Any, list[int]] | None = None) -> dict[Any, list[scoring.Feature]]:
        """Features of each lead; ``stages`` replaces the stage(s) a lead counts for (training)."""
        names = self._pls_fields()
        result: dict[Any, list[scoring.Feature]] = {}
        for lead in self:
            features: list[scoring.Feature] = []
            for name in names:
                if name == "stage_id" and stages is not None:
                    features.extend(("stage_id", str(stage)) for stage in stages.get(lead._ids[0], ()))
                    continue
                value = lead[name]
                if hasattr(value, "_ids"):
                    features.extend((name, str(i)) for i in value.ids)
                elif value not in (False, None, ""):
                    features.append((name, str(value)))
            result[lead._ids[0]] = features
        return result

    def _pls_models(self, team_ids: set[Any]) -> dict[int | None, scoring.Counts]:
        """The stored counts of ``team_ids`` and of all teams."""
        rows = self.env["crm.lead.scoring.frequency"].sudo().search_read(
            ["|", ("team_id", "=", False), ("team_id", "in", [t for t in team_ids if t])],
            ["variable", "value", "won_count", "lost_count", "team_id"], load=None)
        models: dict[int | None, scoring.Counts] = defaultdict(scoring.Counts)
        for row in rows:
            counts = models[row["team_id"] or None]
            if row["variable"] == scoring.TOTAL:
                counts.won, counts.lost = row["won_count"] or 0.0, row["lost_count"] or 0.0
            else:
                counts.features[(row["variable"], row["value"] or "")] = [row["won_count"] or 0.0,
                                                                          row["lost_count"] or 0.0]
        return dict(models)

    # -- the stored scoring fields ---------------------------------------------------------
    def _compute_scoring(self) -> None:
        """score, automated_probability and probability (unless set by hand, won or lost) together."""
        stored = self._stored_scoring_values()
        scores = self._rule_scores()
        models = self._pls_models({lead.team_id.id for lead in self})
        features = self._pls_features()
        for lead in self:
            key = lead._ids[0]
            automated, _weights = scoring.probability(scoring.model_for(models, lead.team_id.id or None),
                                                      features[key])
            old_probability, old_automated, active = stored.get(key, (None, None, True))
            follows = old_probability is None or (old_automated is not None and active and
                                                  abs(old_probability - old_automated) < 0.01 and
                                                  old_probability < 100)
            lead.score = scores.get(key, 0)
            lead.automated_probability = automated
            lead.probability = automated if follows else old_probability

    def _stored_scoring_values(self) -> dict[int, tuple[Any, Any, Any]]:
        """(probability, automated_probability, active) as stored, read without touching the cache:
        the cache holds the values being computed."""
        import sqlalchemy as sa

        ids = [i for i in self._ids if isinstance(i, int)]
        if not ids:
            return {}
        table = self._table
        statement = sa.select(table.c.id, table.c.probability, table.c.automated_probability, table.c.active)
        rows = self.env.cr.execute(statement.where(table.c.id.in_(ids)))
        return {row[0]: (row[1], row[2], bool(row[3])) for row in rows}

    def _rule_scores(self) -> dict[Any, int]:
        ids = [i for i in self._ids if isinstance(i, int)]
        scores: dict[Any, int] = defaultdict(int)
        if not ids:
            return scores
        leads = self.sudo().with_context(active_test=False)
        for rule in self.env["crm.lead.scoring.rule"].sudo().search([]):
            domain = parse_domain(rule.domain, rule.name, self.env)
            if rule.team_id:
                domain = domain + [("team_id", "=", rule.team_id.id)]
            for lead_id in leads._search([("id", "in", ids)] + domain):
                scores[lead_id] += rule.points
        return scores

    def _scoring_triggers(self) -> set[str]:
        """The lead fields whose change may change the score or the learned probability."""
        names = set(self._pls_fields()) | {"team_id", "stage_id", "email_from", "phone", "mobile"}
        for rule in self.env["crm.lead.scoring.rule"].sudo().search([]):
            for leaf in parse_domain(rule.domain, rule.name, self.env):
                if isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str):
                    names.add(leaf[0].split(".")[0])
        return names - set(SCORING_FIELDS)

    def _refresh_scoring(self, changed: set[str] | None = None) -> None:
        """Recompute the scoring fields of these leads when ``changed`` fields feed them."""
        kept = set(self.env.context.get("crm_scoring_given") or ())
        leads = self.filtered(lambda lead: isinstance(lead._ids[0], int) and lead._ids[0] not in kept)
        if not leads or changed is not None and not changed & leads._scoring_triggers():
            return
        fields = [leads._fields[name] for name in SCORING_FIELDS]
        mark_to_compute(leads, {field: set(leads.ids) for field in fields})
        recompute_pending(leads)

    def _compute_scoring_factors(self) -> None:
        models = self._pls_models({lead.team_id.id for lead in self})
        features = self._pls_features()
        rules = self.env["crm.lead.scoring.rule"].sudo().search([])
        matched: dict[Any, list[Any]] = defaultdict(list)
        ids = [i for i in self._ids if isinstance(i, int)]
        for rule in rules:
            domain = parse_domain(rule.domain, rule.name, self.env)
            for lead_id in self.sudo().with_context(active_test=False)._search([("id", "in", ids)] + domain):
                matched[lead_id].append({"rule": rule.name, "points": rule.points})
        for lead in self:
            key = lead._ids[0]
            _value, weights = scoring.probability(scoring.model_for(models, lead.team_id.id or None),
                                                  features[key])
            learned = [{"field": lead._fields[var].string, "value": lead._feature_label(var, value),
                        "weight": round(weight, 2)} for (var, value), weight in weights[:5]]
            lead.scoring_factors = {"rules": matched.get(key, []), "features": learned}
            parts = [f"{item['rule']} ({item['points']:+d})" for item in matched.get(key, [])]
            parts += [f"{item['field']}: {item['value']} ({item['weight']:+.2f})" for item in learned[:3]]
            nothing = _("No scoring rule matches and no history to learn from.")
            lead.scoring_summary = "; ".join(parts) or nothing

    def _feature_label(self, variable: str, value: str) -> str:
        field = self._fields[variable]
        if field.relational:
            record = self.env[field.comodel_name].sudo().browse(int(value)).exists()
            return record.display_name if record else value
        if field.type == "selection":
            return dict(field.selection).get(value, value)
        return value

    # -- learning --------------------------------------------------------------------------
    def _pls_samples(self) -> list[tuple[int | None, bool, list[scoring.Feature]]]:
        """(team, won, features) of these closed leads; each counts for every open stage it went through."""
        won_stages = set(self.env["crm.stage"].search([("is_won", "=", True)]).ids)
        visited: dict[int, list[int]] = defaultdict(list)
        for row in self.env["crm.lead.stage.history"].sudo().search_read(
                [("lead_id", "in", self.ids)], ["lead_id", "stage_id"], load=None):
            if row["stage_id"] not in won_stages and row["stage_id"] not in visited[row["lead_id"]]:
                visited[row["lead_id"]].append(row["stage_id"])
        for lead in self:
            if not visited.get(lead.id) and lead.stage_id and lead.stage_id.id not in won_stages:
                visited[lead.id] = [lead.stage_id.id]
        features = self._pls_features(stages=visited)
        return [(lead.team_id.id or None, lead.won_status == "won", features[lead.id]) for lead in self]

    def _cron_update_automated_probabilities(self) -> bool:
        """Rebuild the won/lost counts from every closed lead, then rescore the open leads."""
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        closed = Lead.search([("won_status", "in", ["won", "lost"])])
        samples: list[tuple[int | None, bool, list[scoring.Feature]]] = []
        for start in range(0, len(closed), BATCH):
            samples.extend(closed[start:start + BATCH]._pls_samples())
        self._store_frequencies(scoring.train(samples))
        open_leads = Lead.search([("won_status", "=", "pending"), ("active", "=", True)])
        for start in range(0, len(open_leads), BATCH):
            open_leads[start:start + BATCH]._refresh_scoring()
        return True

    def _store_frequencies(self, models: dict[int | None, scoring.Counts]) -> None:
        Frequency = self.env["crm.lead.scoring.frequency"].sudo()
        Frequency.search([]).unlink()
        rows = []
        for team, counts in models.items():
            rows.append({"team_id": team or False, "variable": scoring.TOTAL, "value": "",
                         "won_count": counts.won, "lost_count": counts.lost})
            rows.extend({"team_id": team or False, "variable": variable, "value": value, "won_count": won,
                         "lost_count": lost} for (variable, value), (won, lost) in counts.features.items())
        Frequency.create(rows)

    @public
    def action_update_automated_probabilities(self) -> bool:
        """Relearn the probabilities now (sales managers); the scheduled job does it every day."""
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales administrators can relearn the lead probabilities."))
        return self.sudo()._cron_update_automated_probabilities()


@model("crm.lead.scoring.rule")
class CrmLeadScoringRule:
    def _check_domain(self) -> None:
        leads = self.env["crm.lead"].sudo()
        for rule in self:
            domain = parse_domain(rule.domain, rule.name, self.env)
            try:
                leads._search(domain, limit=1)
            except ValidationError as error:
                raise ValidationError(_("Scoring rule %(rule)s: %(reason)s", rule=rule.name,
                                        reason=error.message),
                                      field="domain") from None

    @public
    def action_apply_to_leads(self) -> bool:
        """Rescore every open lead with the current rules."""
        open_leads = self.env["crm.lead"].search([("won_status", "=", "pending")])
        for start in range(0, len(open_leads), BATCH):
            open_leads[start:start + BATCH]._refresh_scoring()
        return True
