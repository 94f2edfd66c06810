"""Fixtures of the studio tests: the web client's app and logged-in clients (reused from tests/web), and
helpers to post the studio's forms the way its pages do."""
# ruff: noqa: F811 - the fixtures imported below are parameters of the fixtures defined here

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from core.registry.registry import Registry
from tests.web.conftest import (  # noqa: F401 - fixtures shared with the web client's tests
    _fresh_rate_limits,
    admin,
    app,
    login_as,
    web_registry,
)

STAMP = re.compile(r'name="stamp" value="([^"]*)"')


def stamp_of(client: FlaskClient, model: str, view_type: str) -> str:
    """The layout stamp the editor page carries (what a consultant's next change is based on)."""
    page = client.get(f"/web/studio/{model}/{view_type}").get_data(as_text=True)
    found = STAMP.search(page)
    assert found, page[:500]
    return found.group(1)


@pytest.fixture
def in_db(web_registry: Registry) -> Callable[[Callable[[Any], Any]], Any]:
    """``in_db(lambda env: ...)``: a committed superuser transaction in the database as the server sees it
    now (custom fields replace the registry: the one the test started with is stale)."""

    def run(work: Callable[[Any], Any]) -> Any:
        with Registry.get(web_registry.url).check_signals().environment() as env:
            return work(env)

    return run


@pytest.fixture
def studio_post(admin: FlaskClient) -> Callable[..., Any]:
    """``studio_post("res.partner", "form", "add", label=...)``: a studio form posted as the admin."""

    def post(model: str, view_type: str, action: str, client: FlaskClient | None = None, **data: Any) -> Any:
        client = client or admin
        data.setdefault("stamp", stamp_of(client, model, view_type))
        data["csrf_token"] = client.csrf  # type: ignore[attr-defined]
        return client.post(f"/web/studio/{model}/{view_type}/{action}", data=data)

    return post
