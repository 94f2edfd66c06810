"""Weighted round robin: share records (leads, tickets) among candidates in proportion to their capacity.

Each lead goes to the eligible candidate whose load after taking it, divided by its capacity, is
the smallest (ties: the lighter load, then the order given). Over a run every candidate ends within
one lead of its capacity share, and nobody is given more than its capacity.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable


def assign(leads: Iterable[Hashable], eligible: dict[Hashable, set[Hashable]], capacity: dict[Hashable, int],
           load: dict[Hashable, int] | None = None) -> dict[Hashable, Hashable]:
    """lead -> candidate for the leads some candidate can take.

    ``eligible[candidate]`` holds the leads the candidate accepts, ``capacity[candidate]`` how many
    it may hold in the period, ``load[candidate]`` how many it already holds."""
    current = {candidate: (load or {}).get(candidate, 0) for candidate in capacity}
    order = {candidate: position for position, candidate in enumerate(capacity)}
    result: dict[Hashable, Hashable] = {}
    for lead in leads:
        best = None
        best_key: tuple[float, int, int] | None = None
        for candidate, limit in capacity.items():
            if limit <= 0 or current[candidate] >= limit or lead not in eligible.get(candidate, ()):
                continue
            key = ((current[candidate] + 1) / limit, current[candidate], order[candidate])
            if best_key is None or key < best_key:
                best, best_key = candidate, key
        if best is not None:
            result[lead] = best
            current[best] += 1
    return result
