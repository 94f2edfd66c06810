"""Fixtures of the studio tests: its forms posted the way its pages post them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.fixtures.web_client import stamp_of


@pytest.fixture
def studio_post(admin: FlaskClient) -> Callable[..., Any]:
    """``studio_post("res.partner", "form", "add", label=...)``: a studio form posted as the admin."""

    def post(model: str, view_type: str, action: str, client: FlaskClient | None = None, **data: Any) -> Any:
        client = client or admin
        data.setdefault("stamp", stamp_of(client, model, view_type))
        data["csrf_token"] = client.csrf  # type: ignore[attr-defined]
        return client.post(f"/web/studio/{model}/{view_type}/{action}", data=data)

    return post
