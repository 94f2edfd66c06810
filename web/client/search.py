"""The search bar: facets (declared filters, free text over declared fields, group-bys, a saved
filter, a pivot drill-down) read from the URL, combined into a domain and a grouping; saved filters.

As in Odoo: filters of one section (between separators) are OR'ed, sections AND'ed; terms on one
field are OR'ed (one facet "Name: a or b"), terms on different fields AND'ed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from core.domain.parse import AND_, OR_
from core.exceptions import ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from core.records.model import BaseModel
from core.safe_eval import safe_eval
from web.client.actions import Action, eval_scope
from web.client.drill import drill_domain, parse_drill
from web.client.nav import url_without
from web.dates import parse_input
from web.i18n import locale, to_utc
from web.number_input import parse_input as parse_number

TEXT_TYPES = ("char", "text", "html", "many2one", "many2many", "one2many", "selection")


@dataclass
class SearchState:
    filters: list[str] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    saved: int | None = None
    touched: bool = False
    drill: dict[str, Any] | None = None
    # the pivot/graph setup a saved filter brings (Odoo's context keys), applied where the URL has none
    analysis: dict[str, Any] = field(default_factory=dict)


def parse_state(args: Any, arch: dict[str, Any], action: Action, model: BaseModel) -> SearchState:
    """The facets of the URL; without any search parameter, the defaults of the view and action."""
    state = SearchState(touched=bool(args.get("s")))
    declared = {f["filter"] for f in arch.get("filters") or () if "filter" in f}
    searchable = {f["field"] for f in arch.get("fields") or ()}
    state.filters = list(dict.fromkeys(name for name in args.getlist("filter") if name in declared))
    for term in args.getlist("q"):
        name, _sep, text = term.partition(":")
        if name in searchable and text.strip() and (name, text.strip()) not in state.terms:
            state.terms.append((name, text.strip()))
    state.group_by = list(dict.fromkeys(spec for spec in args.getlist("groupby") if groupable(model, spec)))
    saved = args.get("saved", "")
    state.saved = int(saved) if saved.isdigit() else None
    if args.get("dd"):
        state.drill = parse_drill(model, args["dd"])
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
                g for g in ([groups] if isinstance(groups, str) else groups) if groupable(model, g)
            ]
    return state


def groupable(model: BaseModel, spec: str) -> bool:
    """Whether ``spec`` (``field`` or ``date_field:interval``) names a stored field one may group by."""
    name, _sep, interval = spec.partition(":")
    field_ = model._fields.get(name)
    if not (
        field_
        and field_.column
        and not field_.secret
        and field_.type not in ("text", "html", "binary", "image", "json", "many2many", "one2many")
        and model._field_accessible(field_)
    ):
        return False
    if field_.type in ("date", "datetime"):
        return interval in ("", "day", "week", "month", "quarter", "year")
    return not interval


def filter_sections(arch: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The declared filters, cut into the sections their separators make."""
    sections: list[list[dict[str, Any]]] = [[]]
    for item in arch.get("filters") or ():
        if "separator" in item:
            sections.append([])
        else:
            sections[-1].append(item)
    return [section for section in sections if section]


def terms_by_field(state: SearchState) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, text in state.terms:
        grouped.setdefault(name, []).append(text)
    return grouped


def search_domain(env: Environment, model: BaseModel, arch: dict[str, Any], state: SearchState) -> list[Any]:
    """The domain of the selected facets (see the module's docstring for how they combine)."""
    parts: list[list[Any]] = []
    scope = eval_scope(env)
    for section in filter_sections(arch):
        chosen = [item["domain"] for item in section if item["filter"] in state.filters]
        if chosen:
            parts.append(OR_([safe_eval(d, scope) if isinstance(d, str) else list(d) for d in chosen]))
    fields_by_name = {f["field"]: f for f in arch.get("fields") or ()}
    for name, texts in terms_by_field(state).items():
        parts.append(OR_([_term_domain(model, fields_by_name[name], text, scope) for text in texts]))
    if state.saved:
        saved = saved_filter(env, model._name, state.saved)
        if saved is not None:
            parts.append(saved["domain"])
    if state.drill:
        parts.append(drill_domain(model, state.drill))
    return AND_(parts) if parts else []


def _term_domain(model: BaseModel, spec: dict[str, Any], text: str, scope: dict[str, Any]) -> list[Any]:
    if spec.get("filter_domain"):
        return list(safe_eval(spec["filter_domain"], {**scope, "self": text}))
    field_ = model._fields[spec["field"]]
    operator = spec.get("operator") or ("ilike" if field_.type in TEXT_TYPES else "=")
    value: Any = text
    if field_.type in ("integer", "float", "monetary"):
        try:
            value = parse_number(text, locale(), integer=field_.type == "integer")
        except ValueError:
            raise ValidationError(
                _(
                    "%(value)r is not a number: it cannot be searched in %(field)s.",
                    value=text,
                    field=translate(field_.string),
                )
            ) from None
    if field_.type in ("date", "datetime"):
        return _date_term(field_, spec.get("operator") or "=", text)
    return [(field_.name, operator, value)]


def _date_term(field_: Any, operator: str, text: str) -> list[Any]:
    """A date typed in the user's format; on a datetime field, the whole day in the user's time zone."""
    try:
        day = parse_input(text, locale())
    except ValueError as error:
        raise ValidationError(f"{translate(field_.string)}: {error}", field=field_.name) from None
    if field_.type == "date":
        return [(field_.name, operator, day.isoformat())]
    start = to_utc(dt.datetime.combine(day, dt.time()))
    end = to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    return ["&", (field_.name, ">=", start.isoformat(sep=" ")), (field_.name, "<", end.isoformat(sep=" "))]


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
    parameters, defaults included): one per filter section, per searched field, one for the
    grouping, the saved filter and the drill-down."""
    chips = []
    for section in filter_sections(arch):
        chosen = [item for item in section if item["filter"] in state.filters]
        if chosen:
            chips.append(
                {
                    "kind": "filter",
                    "label": _(" or ").join(translate(item["string"]) for item in chosen),
                    "remove": url_without(pairs, [("filter", item["filter"]) for item in chosen]),
                }
            )
    field_labels = {f["field"]: f.get("string") for f in arch.get("fields") or ()}
    for name, texts in terms_by_field(state).items():
        label = translate(field_labels.get(name) or model._fields[name].string)
        chips.append(
            {
                "kind": "term",
                "label": f"{label}: " + _(" or ").join(texts),
                "remove": url_without(pairs, [("q", f"{name}:{text}") for text in texts]),
            }
        )
    if state.group_by:
        chips.append(
            {
                "kind": "groupby",
                "label": " > ".join(group_by_label(model, spec) for spec in state.group_by),
                "remove": url_without(pairs, [("groupby", spec) for spec in state.group_by]),
            }
        )
    if state.saved:
        saved = saved_filter(env, model._name, state.saved)
        if saved:
            chips.append(
                {
                    "kind": "saved",
                    "label": saved["name"],
                    "remove": url_without(pairs, [("saved", str(state.saved))]),
                }
            )
    if state.drill:
        chips.append(
            {
                "kind": "drill",
                "label": state.drill.get("label") or _("Pivot cell"),
                "remove": url_without(pairs, [("dd", json.dumps(state.drill, separators=(",", ":")))], "dd"),
            }
        )
    return chips


def interval_names() -> dict[str, str]:
    """The names of the intervals a date groups by, in the user's language."""
    return {
        "day": _("Day"),
        "week": _("Week"),
        "month": _("Month"),
        "quarter": _("Quarter"),
        "year": _("Year"),
    }


def group_by_label(model: BaseModel, spec: str) -> str:
    name, _sep, interval = spec.partition(":")
    names = interval_names()
    return translate(model._fields[name].string) + (f": {names[interval]}" if interval in names else "")
