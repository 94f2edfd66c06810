"""Fixtures of the back office's tests: the web client's app and logged-in clients (from tests/web and
tests/studio), and a user with the technical features but no administration rights."""
# ruff: noqa: F811 - the fixtures imported below are parameters of the fixtures defined here

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.studio.conftest import in_db  # noqa: F401 - the database as the server sees it now
from tests.web.conftest import (  # noqa: F401 - fixtures shared with the web client's tests
    _fresh_rate_limits,
    admin,
    app,
    login_as,
    web_registry,
)


@pytest.fixture
def technician(in_db: Callable[..., Any], login_as: Callable[[str], FlaskClient]) -> FlaskClient:
    """A logged-in internal user with the technical features (group_no_one), not an administrator."""

    def make(env: Any) -> None:
        groups = [env.ref("base.group_user").id, env.ref("base.group_no_one").id]
        env["res.users"].create(
            {"name": "Tecla", "login": "tecla", "password": "tecla", "groups_id": [(6, 0, groups)]}
        )

    in_db(make)
    return login_as("tecla")


def form_post(client: FlaskClient, target: str, **data: Any) -> Any:
    data["csrf_token"] = client.csrf  # type: ignore[attr-defined]
    return client.post(target, data=data)
