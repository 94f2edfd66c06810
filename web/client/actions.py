"""Window actions: which model to open, in which view types, with which domain and context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.exceptions import AccessError, MissingError, ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from core.safe_eval import base_scope, safe_eval
from web.client.session_env import in_groups, user_groups

VIEW_TYPES = ("list", "form", "kanban", "calendar", "pivot", "graph")


@dataclass
class Action:
    id: int | None
    name: str
    model: str
    view_modes: list[str]
    domain: list[Any] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    limit: int = 80
    help: str = ""
    view_id: int | None = None
    search_view_id: int | None = None
    # a screen an addon serves, opened instead of the generated views (reports)
    url: str = ""

    @property
    def multi_modes(self) -> list[str]:
        """The view types offered by the switcher (the form opens from a record)."""
        return [mode for mode in self.view_modes if mode != "form"]


def eval_scope(env: Environment) -> dict[str, Any]:
    scope = base_scope()
    scope.update(
        uid=env.uid,
        context=dict(env.context),
        user=env.user,
        company_id=env.company.id if "res.company" in env else False,
        company_ids=env.companies.ids if "res.company" in env else [],
    )
    return scope


def evaluate(env: Environment, source: Any, default: Any) -> Any:
    """A domain or context stored as text, evaluated safely (a list or dict is returned as is)."""
    if source in (None, False, ""):
        return default
    if isinstance(source, (list, dict)):
        return source
    value = safe_eval(str(source), eval_scope(env))
    if not isinstance(value, type(default)):
        raise ValidationError(
            _("Invalid value %(value)r: expected a %(kind)s", value=source, kind=type(default).__name__)
        )
    return value


def load_action(env: Environment, action_id: int) -> Action:
    """The action ``action_id`` if the user may use it (AccessError otherwise)."""
    record = env(su=True)["ir.actions.act_window"].browse(action_id).exists()
    if not record:
        raise MissingError(_("This action does not exist or has been deleted."))
    if not in_groups(user_groups(env), record.groups_id.ids):
        raise AccessError(_("You are not allowed to use the action %(name)s.", name=translate(record.name)))
    if record.res_model not in env.registry.models:
        raise MissingError(_("The action %(name)s opens a model that is not installed.", name=record.name))
    env[record.res_model].check_access_rights("read")
    modes = [m.strip() for m in (record.view_mode or "list,form").split(",") if m.strip() in VIEW_TYPES]
    return Action(
        record.id,
        translate(record.name),
        record.res_model,
        modes or ["list", "form"],
        evaluate(env, record.domain, []),
        evaluate(env, record.context, {}),
        record.limit or 80,
        translate(record.help) if record.help else "",
        record.view_id.id or None,
        record.search_view_id.id or None,
        record.url or "",
    )


def model_action(env: Environment, model: str) -> Action:
    """The action of a model opened by URL: every view type it has, no domain."""
    if model not in env.registry.models:
        raise MissingError(_("The model %(model)s does not exist.", model=model))
    records = env[model]
    records.check_access_rights("read")
    check_reachable(env, model)
    modes = ["list", "form"]
    stored = env(su=True)["ir.ui.view"].search_read(
        [("model", "=", model), ("mode", "=", "primary")], ["type"]
    )
    for mode in VIEW_TYPES:
        if mode not in modes and any(row["type"] == mode for row in stored):
            modes.append(mode)
    return Action(None, records._model_description(), model, modes)


def check_reachable(env: Environment, model: str) -> None:
    """AccessError when every window action of ``model`` is reserved to groups the user lacks (the
    technical models: users, groups, access rights...): reading the records some field needs does not
    make their pages reachable by URL."""
    groups = user_groups(env)
    if groups is None:
        return
    rows = env(su=True)["ir.actions.act_window"].search_read([("res_model", "=", model)], ["groups_id"])
    if rows and not any(in_groups(groups, row["groups_id"]) for row in rows):
        raise AccessError(_("You are not allowed to open %(model)s: its pages are reserved to "
                            "administrators.", model=env[model]._model_description()))


def records_env(env: Environment, act: Action) -> Any:
    """The model in the action's context (defaults for new records), minus search-only keys."""
    context = {
        k: v for k, v in act.context.items() if not k.startswith("search_default_") and k != "group_by"
    }
    return env[act.model].with_context(**context)
