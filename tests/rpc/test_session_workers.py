"""Sessions over real HTTP on several gunicorn workers (``erp serve --workers 2`` and a second server on
the same database), with sessions in the database and in Redis: a session made on one worker works on
another, and a cookie copied before logout is refused after it, everywhere."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from core.db.engine import copy_database, database_name, drop_database
from core.registry.registry import Registry
from tests.databases import new_db_url

REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db_url: str, workers: int, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    erp = Path(sys.executable).with_name("erp")
    process = subprocess.Popen(
        [str(erp), "serve", "--db", db_url, "--port", str(port), "--workers", str(workers), "--no-cron"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(150):
        try:
            if requests.get(f"{base}/web/login", timeout=2).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"erp serve did not start: {process.stderr.read(3000) if process.stderr else ''}")


@dataclass
class Servers:
    first: str  # two workers
    second: str  # another server on the same database
    db: str


@pytest.fixture(scope="module", params=["database", "redis"])
def servers(request, template_url: str) -> Iterator[Servers]:
    url = new_db_url("workers")
    copy_database(template_url, url)
    env = {k: v for k, v in os.environ.items() if k != "ERP_REDIS_URL"}
    if request.param == "redis":
        env["ERP_REDIS_URL"] = REDIS_URL
    started = []
    try:
        started.append(_serve(url, 2, env))
        started.append(_serve(url, 1, env))
        yield Servers(started[0][1], started[1][1], database_name(url))
    finally:
        for process, _base in started:
            os.killpg(process.pid, signal.SIGTERM)  # gunicorn's master and its workers
            process.wait(timeout=30)
        Registry.forget(url)
        drop_database(url)


def _web_login(base: str, login: str = "demo") -> requests.Session:
    browser = requests.Session()
    token = TOKEN.search(browser.get(f"{base}/web/login", timeout=30).text).group(1)
    answer = browser.post(f"{base}/web/login", data={"csrf_token": token, "login": login, "password": login},
                          allow_redirects=False, timeout=30)
    assert answer.status_code == 302, answer.text[:300]
    return browser


def _opens_the_client(base: str, sid: str, times: int = 1) -> list[bool]:
    """Whether ``sid`` opens /web, asked ``times`` times on fresh connections (any worker may answer)."""
    return [requests.get(f"{base}/web", cookies={"session_id": sid}, allow_redirects=False,
                         timeout=30).status_code == 200 for _i in range(times)]


def test_a_session_made_on_one_worker_works_on_the_others(servers):
    sid = _web_login(servers.first).cookies["session_id"]
    assert all(_opens_the_client(servers.first, sid, times=6))
    assert all(_opens_the_client(servers.second, sid, times=2))


def test_a_cookie_copied_before_logout_is_refused_after_it(servers):
    browser = _web_login(servers.first)
    copied = browser.cookies["session_id"]
    token = TOKEN.search(browser.get(f"{servers.second}/web", timeout=30).text).group(1)
    answer = browser.post(f"{servers.second}/web/logout", data={"csrf_token": token}, allow_redirects=False,
                          timeout=30)
    assert answer.status_code == 302
    assert not any(_opens_the_client(servers.first, copied, times=6))
    assert not any(_opens_the_client(servers.second, copied, times=2))


def _json(http: requests.Session, base: str, path: str, params: dict) -> dict:
    return http.post(f"{base}{path}", json={"jsonrpc": "2.0", "params": params}, timeout=30).json()


def test_the_json_routes_share_the_sessions_and_destroy_ends_them(servers):
    http = requests.Session()
    info = _json(http, servers.first, "/web/session/authenticate",
                 {"db": servers.db, "login": "demo", "password": "demo"})["result"]
    copied = http.cookies["session_id"]
    call = {"model": "res.partner", "method": "search_count", "args": [[]], "kwargs": {}}
    assert _json(http, servers.second, "/web/dataset/call_kw", call)["result"] > 0
    assert _json(http, servers.second, "/web/session/get_session_info", {})["result"]["uid"] == info["uid"]
    _json(http, servers.first, "/web/session/destroy", {})
    stale = requests.Session()
    stale.cookies.set("session_id", copied)
    for base in (servers.first, servers.second, servers.first):
        assert _json(stale, base, "/web/dataset/call_kw", call)["error"]["code"] == 100
