"""A live server per test module, and clients of its XML-RPC and JSON-RPC endpoints."""

from __future__ import annotations

import xmlrpc.client
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from core.rpc import auth
from tests.rpc.server import LiveServer, live_server


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url) as live:
        yield live


@pytest.fixture(autouse=True)
def _no_login_cooldown() -> Iterator[None]:
    """Failed logins of one test must not lock the next one out (every test calls from 127.0.0.1)."""
    auth.reset_throttling()
    yield
    auth.reset_throttling()


@pytest.fixture
def common(server: LiveServer) -> xmlrpc.client.ServerProxy:
    return xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/common", allow_none=False)


@pytest.fixture
def models(server: LiveServer) -> xmlrpc.client.ServerProxy:
    return xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object", allow_none=False)


@pytest.fixture
def admin_uid(common: xmlrpc.client.ServerProxy, server: LiveServer) -> int:
    return common.authenticate(server.db, "admin", "admin", {})


class Admin:
    """``admin(model, method, *args, **kwargs)``: execute_kw as the admin user."""

    def __init__(self, models: xmlrpc.client.ServerProxy, db: str, uid: int, password: str) -> None:
        self.models, self.db, self.uid, self.password = models, db, uid, password

    def __call__(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.models.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)


@pytest.fixture
def admin(models: xmlrpc.client.ServerProxy, server: LiveServer, admin_uid: int) -> Admin:
    return Admin(models, server.db, admin_uid, "admin")


@pytest.fixture
def demo(models: xmlrpc.client.ServerProxy, server: LiveServer, common: xmlrpc.client.ServerProxy) -> Admin:
    uid = common.authenticate(server.db, "demo", "demo", {})
    return Admin(models, server.db, uid, "demo")


@pytest.fixture
def jsonrpc(server: LiveServer) -> Any:
    """``jsonrpc(service, method, *args)``: the result, or the error object of /jsonrpc."""
    counter = iter(range(1, 10_000))

    def call(service: str, method: str, *args: Any) -> Any:
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": next(counter),
        }
        response = requests.post(f"{server.base}/jsonrpc", json=payload, timeout=30)
        assert response.status_code == 200
        body = response.json()
        assert body["id"] == payload["id"]
        return body

    return call
