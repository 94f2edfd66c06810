"""Files to import, a committed database for the CLI, and a live server for the import/export screens."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from core.cli.main import cli
from core.registry.registry import Registry
from tests.rpc.server import LiveServer, live_server


@pytest.fixture
def db(fresh_registry) -> Registry:
    """A private copy of the template database (the CLI commits)."""
    return fresh_registry()


@pytest.fixture
def erp(db: Registry) -> Callable[..., object]:
    """``erp("import", "--model", ...)``: run the CLI on the private database; the click Result."""
    runner = CliRunner()

    def run(*args: str):
        command = [args[0], "--db", db.url, *args[1:]]
        return runner.invoke(cli, command, catch_exceptions=False)

    return run


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "dataio") as live:
        yield live


@pytest.fixture
def browser(server: LiveServer) -> requests.Session:
    """An HTTP session logged in as admin (the web client's session cookie)."""
    http = requests.Session()
    response = http.post(
        f"{server.base}/web/session/authenticate",
        timeout=30,
        json={"jsonrpc": "2.0", "params": {"db": server.db, "login": "admin", "password": "admin"}},
    )
    assert response.json()["result"]["uid"] == 2
    return http


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)
