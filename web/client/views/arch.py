"""The arch of a model's view of one type: the stored view (with its extensions) the user may
see, or one generated from the fields."""

from __future__ import annotations

import copy
from typing import Any

from core.addon.view_arch import resolved_arch
from core.addon.view_defaults import DEFAULTS
from core.exceptions import UserError
from core.i18n import _
from core.records.environment import Environment
from web.client.session_env import in_groups, user_groups

_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}


def views_stamp(env: Environment) -> tuple[Any, ...]:
    """What changes whenever a view is created, changed or deleted (one aggregate query)."""
    groups = (
        env(su=True)["ir.ui.view"]
        .with_context(active_test=False)
        .read_group([], ["write_date:max", "id:max"], [])
    )
    row = groups[0] if groups else {}
    return (row.get("write_date"), row.get("id"), row.get("__count"))


def get_arch(env: Environment, model: str, view_type: str, view_id: int | None = None) -> dict[str, Any]:
    """The arch of ``view_type`` for ``model``: view ``view_id`` if it fits, else the first by priority.

    Resolved archs are kept while no view changes (checked by one query); callers get a copy."""
    groups = user_groups(env)
    key = (env.registry.db_name, id(env.registry), model, view_type, view_id, groups, views_stamp(env))
    arch = _CACHE.get(key)
    if arch is None:
        arch = _resolve(env, model, view_type, view_id, groups)
        if len(_CACHE) > 500:
            _CACHE.clear()
        _CACHE[key] = arch
    return copy.deepcopy(arch)


def _resolve(
    env: Environment, model: str, view_type: str, view_id: int | None, groups: Any
) -> dict[str, Any]:
    Views = env(su=True)["ir.ui.view"]
    candidates = Views.browse(view_id).exists() if view_id else Views.browse()
    if not candidates or candidates.type != view_type or candidates.model != model:
        candidates = Views.search(
            [("model", "=", model), ("type", "=", view_type), ("mode", "=", "primary")], order="priority, id"
        )
    for view in candidates:
        if in_groups(groups, view.groups_id.ids):
            return resolved_arch(env, view)
    arch = DEFAULTS[view_type](env[model])
    if arch is None:
        raise UserError(_("The model %(model)s has no date field to show in a calendar.", model=model))
    return arch
