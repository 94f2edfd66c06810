"""A live server per test module, API keys and an HTTP client of the REST API."""

from __future__ import annotations

import xmlrpc.client
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.rpc.server import LiveServer, live_server


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    # fuzzing sends thousands of requests a minute: the limiter has its own tests
    with live_server(template_url, "rest", {"ERP_API_RATE_LIMIT": 1_000_000}) as live:
        yield live


def new_key(server: LiveServer, login: str = "admin", password: str = "admin", name: str = "tests") -> str:
    common = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/common")
    uid = common.login(server.db, login, password)
    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    return models.execute_kw(server.db, uid, password, "res.users", "create_api_key", [[uid], name])


@pytest.fixture(scope="module")
def admin_key(server: LiveServer) -> str:
    return new_key(server)


@pytest.fixture(scope="module")
def demo_key(server: LiveServer) -> str:
    return new_key(server, "demo", "demo")


class Api:
    """``api.get("/res.partner", params=...)``: requests against /api/v1 with a bearer key."""

    def __init__(self, server: LiveServer, key: str | None) -> None:
        self.base = f"{server.base}/api/v1"
        self.session = requests.Session()
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def __getattr__(self, verb: str) -> Any:
        def call(path: str, **kwargs: Any) -> requests.Response:
            return self.session.request(verb.upper(), f"{self.base}{path}", timeout=30, **kwargs)

        return call


@pytest.fixture
def api(server: LiveServer, admin_key: str) -> Api:
    return Api(server, admin_key)


@pytest.fixture
def demo_api(server: LiveServer, demo_key: str) -> Api:
    return Api(server, demo_key)
