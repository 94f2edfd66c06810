"""The search bar's data: facets, the filter and group-by menus (with the URL toggling each option),
the fields free text can search, and the saved filters."""

from __future__ import annotations

from typing import Any

from core.i18n import translate
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.nav import Nav, current_args, url_with
from web.client.search import SearchState, facets, saved_filters


def _toggle(pairs: list[tuple[str, str]], key: str, value: str, active: bool) -> str:
    if active:
        return url_with(pairs, (key, value))
    return url_with(pairs + [(key, value)])


def search_bar(
    env: Environment, model: BaseModel, nav: Nav, arch: dict[str, Any], state: SearchState
) -> dict[str, Any]:
    pairs = [p for p in current_args() if p[0] != "offset"]
    if not state.touched:
        pairs.append(("s", "1"))
        pairs.extend(("filter", name) for name in state.filters)
        pairs.extend(("groupby", spec) for spec in state.group_by)
    filters = []
    for item in arch.get("filters") or ():
        if "separator" in item:
            filters.append({"separator": True})
            continue
        active = item["filter"] in state.filters
        filters.append(
            {
                "label": translate(item["string"]),
                "active": active,
                "url": _toggle(pairs, "filter", item["filter"], active),
            }
        )
    group_options = []
    for item in arch.get("group_by") or ():
        spec = item["field"] + (f":{item['interval']}" if item.get("interval") else "")
        field = model._fields[item["field"]]
        active = spec in state.group_by
        group_options.append(
            {
                "label": translate(item.get("string") or field.string),
                "active": active,
                "url": _toggle(pairs, "groupby", spec, active),
            }
        )
    text_fields = [
        {"name": f["field"], "label": translate(f.get("string") or model._fields[f["field"]].string)}
        for f in arch.get("fields") or ()
    ]
    saved = [
        {
            "id": row["id"],
            "name": row["name"],
            "shared": not row["user_id"],
            "active": state.saved == row["id"],
            "url": _toggle(
                [p for p in pairs if p[0] != "saved"], "saved", str(row["id"]), state.saved == row["id"]
            ),
        }
        for row in saved_filters(env, model._name, nav.action.id)
    ]
    hidden = list(pairs)  # the terms too: a new term adds to them
    keep = [(k, v) for k, v in pairs if k not in ("view", "offset", "date", "mode")]
    return {
        "facets": facets(env, model, arch, state, pairs),
        "filters": filters,
        "group_options": group_options,
        "text_fields": text_fields,
        "saved": saved,
        "hidden": hidden,
        "keep": keep,
        "clear_url": url_with([p for p in pairs if p[0] in ("menu", "view")], s="1"),
        # switching views keeps the search, as in Odoo
        "view_urls": {
            mode: url_with(keep, view=mode) for mode in ("list", "kanban", "calendar", "pivot", "graph")
        },
    }
