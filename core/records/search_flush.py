"""What a search must have computed before its SQL runs: only the model's own pending fields when
the query reads nothing but its own columns, else everything pending."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from core.fields.relational import Many2one, X2many
from core.records.compute import compute_pending_fields, flush_for_query

if TYPE_CHECKING:
    from core.records.model_part import ModelPart

# comparisons of a many2one column with ids read that column only (a name would search the comodel)
_ID_OPERATORS = frozenset({"=", "!=", "in", "not in"})
_ORDER_NAME = re.compile(r"\s*(\w+)")


def flush_for_search(model: ModelPart, domain: Any, order: str | None) -> None:
    """Before searching ``model``: pending computations done and their values in the columns, as
    ``flush_for_query`` does; inside ``Environment.holding_recompute`` a search that reads only this
    model's table leaves the pending fields of other models waiting for the end of the hold."""
    state = model.env.cr.state
    if not state.tocompute or not _reads_own_columns_only(model, domain, order):
        flush_for_query(model)
        return
    upstream = model._registry.upstream_computed
    tocompute = state.tocompute
    # the model's fields waiting, and those that follow from a field waiting (not marked yet)
    fields = [f for f in model._stored_computed()
              if f in tocompute or any(u in tocompute for u in upstream.get(f, ()))]
    compute_pending_fields(model, fields)
    model.env.cr.flush()


def _reads_own_columns_only(model: ModelPart, domain: Any, order: str | None) -> bool:
    from core.records.model import BaseModel as base  # an addon's override may read other tables

    cls = type(model)
    if cls._extra_search_domain is not base._extra_search_domain or \
            cls._narrow_search is not base._narrow_search:
        return False
    if not model.env.su and model._registry.security.rule_domain(model.env, model._name, "read") is not None:
        return False
    for leaf in domain or ():
        if isinstance(leaf, str):
            continue
        if not _is_own_column_leaf(model, leaf):
            return False
    for part in (order or model._order or "id").split(","):
        match = _ORDER_NAME.match(part)
        field = model._fields.get(match.group(1)) if match else None
        if part.strip() and (field is None or not field.column or isinstance(field, Many2one)):
            return False
    return True


def _is_own_column_leaf(model: ModelPart, leaf: Any) -> bool:
    if not isinstance(leaf, (list, tuple)) or len(leaf) != 3 or not isinstance(leaf[0], str):
        return False
    name, operator, value = leaf
    field = model._fields.get(name)
    if field is None or not field.column or isinstance(field, X2many) or "." in name:
        return False
    if operator in ("child_of", "parent_of"):
        return name == "id" and _are_ids(value)
    if isinstance(field, Many2one):
        return operator in _ID_OPERATORS and _are_ids(value)
    return True


def _are_ids(value: Any) -> bool:
    values = value if isinstance(value, (list, tuple)) else [value]
    return all(isinstance(v, int) or v is False or v is None for v in values)
