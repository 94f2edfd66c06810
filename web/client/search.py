"""The search bar: facets (declared filters, free text over declared fields, group-bys, a saved
filter) read from the URL, combined into a domain and a grouping; saved filters per user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.domain.parse import AND_, OR_
from core.exceptions import ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from core.records.model import BaseModel
from core.safe_eval import safe_eval
from web.client.actions import Action, eval_scope
from web.client.nav import url_with

TEXT_TYPES = ("char", "text", "html", "many2one", "many2many", "one2many", "selection")


@dataclass
class SearchState:
    filters: list[str] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    saved: int | None = None
    touched: bool = False


def parse_state(args: Any, arch: dict[str, Any], action: Action, model: BaseModel) -> SearchState:
    """The facets of the URL; without any search parameter, the defaults of the view and action."""
    state = SearchState(touched=bool(args.get("s")))
    declared = {f["filter"] for f in arch.get("filters") or () if "filter" in f}
    searchable = {f["field"] for f in arch.get("fields") or ()}
    state.filters = [name for name in args.getlist("filter") if name in declared]
    for term in args.getlist("q"):
        name, _sep, text = term.partition(":")
        if name in searchable and text.strip():
            state.terms.append((name, text.strip()))
    state.group_by = [spec for spec in args.getlist("groupby") if _groupable(model, spec)]
    saved = args.get("saved", "")
    state.saved = int(saved) if saved.isdigit() else None
    if not state.touched and not (state.filters or state.terms or state.group_by or state.saved):
        context = action.context
        state.filters = [
            name
            for name in declared
            if context.get(f"search_default_{name}")
            or any(f.get("filter") == name and f.get("default") for f in arch.get("filters") or ())
        ]
        if context.get("group_by"):
            groups = context["group_by"]
            state.group_by = [
                g for g in ([groups] if isinstance(groups, str) else groups) if _groupable(model, g)
            ]
    return state


def _groupable(model: BaseModel, spec: str) -> bool:
    name = spec.split(":")[0]
    field_ = model._fields.get(name)
    return bool(
        field_
        and field_.column
        and field_.type not in ("text", "html", "binary", "image", "json")
        and model._field_accessible(field_)
    )


def search_domain(env: Environment, model: BaseModel, arch: dict[str, Any], state: SearchState) -> list[Any]:
    """The domain of the selected facets: filters between separators are OR'ed, the rest AND'ed."""
    parts: list[list[Any]] = []
    scope = eval_scope(env)
    section: list[list[Any]] = []
    for item in arch.get("filters") or ():
        if "separator" in item:
            if section:
                parts.append(OR_(section))
            section = []
        elif item["filter"] in state.filters:
            domain = item["domain"]
            section.append(safe_eval(domain, scope) if isinstance(domain, str) else list(domain))
    if section:
        parts.append(OR_(section))
    fields_by_name = {f["field"]: f for f in arch.get("fields") or ()}
    for name, text in state.terms:
        parts.append(_term_domain(model, fields_by_name[name], text, scope))
    if state.saved:
        saved = saved_filter(env, model._name, state.saved)
        if saved is not None:
            parts.append(saved["domain"])
    return AND_(parts) if parts else []


def _term_domain(model: BaseModel, spec: dict[str, Any], text: str, scope: dict[str, Any]) -> list[Any]:
    if spec.get("filter_domain"):
        return list(safe_eval(spec["filter_domain"], {**scope, "self": text}))
    field_ = model._fields[spec["field"]]
    operator = spec.get("operator") or ("ilike" if field_.type in TEXT_TYPES else "=")
    value: Any = text
    if field_.type in ("integer", "float", "monetary"):
        try:
            value = float(text) if field_.type != "integer" else int(text)
        except ValueError:
            raise ValidationError(
                _(
                    "%(text)r is not a number: it cannot be searched in %(field)s.",
                    text=text,
                    field=translate(field_.string),
                )
            ) from None
    return [(field_.name, operator, value)]


def saved_filters(env: Environment, model: str, action_id: int | None) -> list[dict[str, Any]]:
    """Saved filters of the model the user may use: their own and the shared ones."""
    domain: list[Any] = [("model_id", "=", model), ("user_id", "in", [False, env.uid])]
    if action_id:
        domain += ["|", ("action_id", "=", False), ("action_id", "=", action_id)]
    return env["ir.ui.filter"].search_read(domain, ["name", "user_id", "is_default"])


def saved_filter(env: Environment, model: str, filter_id: int) -> dict[str, Any] | None:
    record = env["ir.ui.filter"].search([("id", "=", filter_id), ("model_id", "=", model)])
    if not record:
        return None
    domain = safe_eval(record.domain or "[]", eval_scope(env))
    context = safe_eval(record.context or "{}", eval_scope(env))
    return {"id": record.id, "name": record.name, "domain": list(domain), "context": dict(context)}


def facets(
    env: Environment, model: BaseModel, arch: dict[str, Any], state: SearchState, pairs: list[tuple[str, str]]
) -> list[dict[str, str]]:
    """The chips of the search bar, each with the URL that removes it (``pairs``: the page's search
    parameters, defaults included)."""
    labels = {f["filter"]: translate(f["string"]) for f in arch.get("filters") or () if "filter" in f}
    chips = []
    base = pairs
    for name in state.filters:
        chips.append({"kind": "filter", "label": labels[name], "remove": url_with(base, ("filter", name))})
    field_labels = {f["field"]: f.get("string") for f in arch.get("fields") or ()}
    for name, text in state.terms:
        label = translate(field_labels.get(name) or model._fields[name].string)
        chips.append(
            {"kind": "term", "label": f"{label}: {text}", "remove": url_with(base, ("q", f"{name}:{text}"))}
        )
    for spec in state.group_by:
        name, _sep, interval = spec.partition(":")
        label = translate(model._fields[name].string) + (f" ({_(interval)})" if interval else "")
        chips.append({"kind": "groupby", "label": label, "remove": url_with(base, ("groupby", spec))})
    if state.saved:
        saved = saved_filter(env, model._name, state.saved)
        if saved:
            chips.append(
                {
                    "kind": "saved",
                    "label": saved["name"],
                    "remove": url_with(base, ("saved", str(state.saved))),
                }
            )
    return chips
