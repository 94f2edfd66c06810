"""Fixtures of the web client tests: an app on a private copy of the template database (the client
commits), and test clients logged in through the real login form, CSRF token included."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from core.registry.registry import Registry
from core.security.throttle import throttle
from web.app import create_app

TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    throttle().reset()
    yield
    throttle().reset()


@pytest.fixture
def web_registry(fresh_registry: Callable[..., Registry]) -> Registry:
    return fresh_registry()


@pytest.fixture
def app(web_registry: Registry) -> Flask:
    return create_app(web_registry.url, {"TESTING": True})


def csrf_token(client: FlaskClient, path: str = "/web/login") -> str:
    found = TOKEN.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def log_in(client: FlaskClient, login: str, password: str) -> Any:
    token = csrf_token(client)
    return client.post("/web/login", data={"csrf_token": token, "login": login, "password": password})


@pytest.fixture
def login_as(app: Flask) -> Callable[[str], FlaskClient]:
    """``login_as("demo")``: a client with a session of that user (password = login, as in demo data)."""

    def make(login: str) -> FlaskClient:
        client = app.test_client()
        response = log_in(client, login, login)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        client.csrf = csrf_token(client, "/web")  # type: ignore[attr-defined]
        return client

    return make


@pytest.fixture
def admin(login_as: Callable[[str], FlaskClient]) -> FlaskClient:
    return login_as("admin")


@pytest.fixture
def in_db(web_registry: Registry) -> Callable[[Callable[[Any], Any]], Any]:
    """``in_db(lambda env: ...)``: run in a superuser transaction of the web test database, committed.

    Keep the work short and return plain values: a transaction left open would lock SQLite
    against the requests under test."""

    def run(work: Callable[[Any], Any]) -> Any:
        with web_registry.environment() as env:
            return work(env)

    return run


def text(response: Any) -> str:
    return response.get_data(as_text=True)
