"""Predictive lead scoring: naive Bayes over declared lead features, and the AUC to judge it.

A lead is a set of (variable, value) features, e.g. ("source_id", "3") or ("tag_ids", "7"). Training
counts, per sales team, how many won and lost leads had each feature. The probability of winning
an open lead combines the team's prior odds with one likelihood ratio per feature it has (features
are assumed independent given the outcome, which is what makes it "naive"). Laplace smoothing keeps
a feature seen once from deciding alone. Nothing here touches the database: the crm.lead model
feeds it rows and stores the counts it returns.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

Feature = tuple[str, str]
TOTAL = "__leads__"  # the variable under which the numbers of won and lost leads are stored
SMOOTHING = 2.0
MIN_TEAM_LEADS = 10  # below this many closed leads a team borrows the model of all teams


@dataclass
class Counts:
    """Won and lost counts of one team: per feature, and in total (the prior)."""

    won: float = 0.0
    lost: float = 0.0
    features: dict[Feature, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0]))

    def add(self, features: Iterable[Feature], won: bool) -> None:
        index = 0 if won else 1
        if won:
            self.won += 1
        else:
            self.lost += 1
        for feature in set(features):
            self.features[feature][index] += 1

    @property
    def leads(self) -> float:
        return self.won + self.lost


def train(samples: Iterable[tuple[int | None, bool, Iterable[Feature]]]) -> dict[int | None, Counts]:
    """Counts per team (and under ``None`` for all teams) from (team, won, features) samples."""
    models: dict[int | None, Counts] = defaultdict(Counts)
    for team, won, features in samples:
        features = list(features)
        models[None].add(features, won)
        if team is not None:
            models[team].add(features, won)
    return dict(models)


def model_for(models: dict[int | None, Counts], team: int | None) -> Counts | None:
    """The team's counts when it has enough history, else those of all teams (None if no history)."""
    counts = models.get(team)
    if counts is not None and counts.leads >= MIN_TEAM_LEADS and counts.won and counts.lost:
        return counts
    overall = models.get(None)
    return overall if overall is not None and overall.leads else None


def contributions(counts: Counts, features: Iterable[Feature]) -> list[tuple[Feature, float]]:
    """Each known feature's weight: the log of its likelihood ratio won/lost (positive helps)."""
    result = []
    for feature in dict.fromkeys(features):
        seen = counts.features.get(feature)
        if seen is None:
            continue  # a value no closed lead had says nothing either way
        won_rate = (seen[0] + SMOOTHING) / (counts.won + 2 * SMOOTHING)
        lost_rate = (seen[1] + SMOOTHING) / (counts.lost + 2 * SMOOTHING)
        result.append((feature, math.log(won_rate / lost_rate)))
    return result


def probability(counts: Counts | None, features: Iterable[Feature]) -> tuple[float, list[tuple[Feature,
                                                                                               float]]]:
    """The probability of winning (0-100, two decimals) and the weights behind it, strongest first."""
    if counts is None:
        return 0.0, []
    prior = math.log((counts.won + SMOOTHING) / (counts.lost + SMOOTHING))
    weights = contributions(counts, features)
    odds = prior + sum(weight for _feature, weight in weights)
    value = 100.0 / (1.0 + math.exp(-max(min(odds, 50.0), -50.0)))
    weights.sort(key=lambda item: -abs(item[1]))
    return round(value, 2), weights


def auc(scores: list[float], labels: list[bool]) -> float:
    """Area under the ROC curve: the chance a random won lead scores above a random lost one (ties
    count half). 0.5 is chance; 1.0 ranks perfectly."""
    positives = [s for s, won in zip(scores, labels) if won]
    negatives = [s for s, won in zip(scores, labels) if not won]
    if not positives or not negatives:
        raise ValueError("the AUC needs at least one won and one lost lead")
    ranked = sorted(scores)
    # average rank of each score (1-based), ties sharing the mean of their ranks
    rank_of: dict[float, float] = {}
    position = 0
    while position < len(ranked):
        end = position
        while end + 1 < len(ranked) and ranked[end + 1] == ranked[position]:
            end += 1
        rank_of[ranked[position]] = (position + end) / 2 + 1
        position = end + 1
    rank_sum = sum(rank_of[s] for s in positives)
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
