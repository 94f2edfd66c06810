"""The web client's tests (and the studio's and the back office's, below): fresh rate limits for each
test, and ``admin``, here a logged-in client of the administrator rather than an RPC caller."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask.testing import FlaskClient

from core.security.throttle import throttle


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    throttle().reset()
    yield
    throttle().reset()


@pytest.fixture
def admin(login_as: Callable[[str], FlaskClient]) -> FlaskClient:
    return login_as("admin")
