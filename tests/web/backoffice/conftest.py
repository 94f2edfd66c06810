"""Fixtures of the back office's tests: a user with the technical features but no administration rights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient


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
