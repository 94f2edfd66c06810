"""Where a page is: the action (or the bare model) it shows, the app menu it belongs to, and URLs
to the other views, records and partial updates of the same place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import request, url_for

from web.client.actions import Action

SEARCH_KEYS = (
    "menu",
    "d",
    "filter",
    "q",
    "groupby",
    "saved",
    "s",
    "order",
    "offset",
    "limit",
    "view",
    "date",
    "mode",
    "rows",
    "cols",
    "measure",
    "type",
    "dd",
    "rfold",
    "cfold",
    "stacked",
    "cumulated",
)


@dataclass
class Nav:
    action: Action
    menu_id: int | None = None

    @property
    def model(self) -> str:
        return self.action.model

    def _params(self, **params: Any) -> dict[str, Any]:
        if self.menu_id:
            params.setdefault("menu", self.menu_id)
        return {key: value for key, value in params.items() if value not in (None, "", [])}

    def view_url(self, view_type: str | None = None, **params: Any) -> str:
        params = self._params(view=view_type, **params)
        if self.action.id:
            return url_for("client.action", action_id=self.action.id, **params)
        return url_for("client.model", model=self.model, **params)

    def record_url(self, record_id: int | str, **params: Any) -> str:
        params = self._params(**params)
        if self.action.id:
            return url_for("client.action_record", action_id=self.action.id, record_id=record_id, **params)
        return url_for("client.model_record", model=self.model, record_id=record_id, **params)

    def data_url(self, endpoint: str, **params: Any) -> str:
        """A JSON/partial endpoint of the model (autocomplete, move, bulk...)."""
        params = self._params(**params)
        if self.action.id:
            params.setdefault("action", self.action.id)
        return url_for(f"client.{endpoint}", model=self.model, **params)


def current_args(exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The request's search parameters, as pairs (repeated keys kept)."""
    return [
        (key, value)
        for key, value in request.args.items(multi=True)
        if key in SEARCH_KEYS and key not in exclude
    ]


def url_with(pairs: list[tuple[str, str]], drop: tuple[str, str] | None = None, **changes: Any) -> str:
    """This page with the query ``pairs``, minus ``drop`` (key, value), with ``changes`` set."""
    result = [(k, v) for k, v in pairs if (k, v) != drop and k not in changes]
    for key, value in changes.items():
        if isinstance(value, (list, tuple)):
            result.extend((key, str(v)) for v in value)
        elif value not in (None, ""):
            result.append((key, str(value)))
    query = urlencode(result)
    return f"{request.path}?{query}" if query else request.path


def url_without(pairs: list[tuple[str, str]], drops: list[tuple[str, str]], *keys: str) -> str:
    """This page with the query ``pairs``, minus every (key, value) of ``drops`` and the ``keys``."""
    dropped = set(drops)
    return url_with([(k, v) for k, v in pairs if (k, v) not in dropped and k not in keys])
