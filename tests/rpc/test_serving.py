"""``erp serve --workers N`` as clients meet it: one kept-alive connection for many calls, a
``Server-Timing`` header on every answer, and the pool and timeout settings each worker's engine gets."""
from __future__ import annotations

import http.client
import json
import re
import time
import xmlrpc.client
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from core.db.engine import copy_database, database_name, drop_database, make_engine
from core.registry.registry import Registry
from tests.databases import new_db_url
from web.rpc.bench import gunicorn_server
from web.wsgi_server import database_environment, gunicorn_options

TIMING = re.compile(r'^sql;dur=(\d+\.\d{3});desc="(\d+) statements", app;dur=(\d+\.\d{3})$')


@pytest.fixture(scope="module")
def served(template_url: str) -> Iterator[tuple[str, str]]:
    url = new_db_url("serving")
    copy_database(template_url, url)
    try:
        with gunicorn_server(url, workers=1, options=("--threads", "2", "--statement-timeout", "30")) as base:
            yield base, database_name(url)
    finally:
        Registry.forget(url)
        drop_database(url)


def _post(conn: http.client.HTTPConnection, path: str, body: str,
          content_type: str) -> http.client.HTTPResponse:
    conn.request("POST", path, body=body.encode(), headers={"Content-Type": content_type})
    response = conn.getresponse()
    response.read()
    return response


def test_one_connection_serves_many_calls(served):
    base, db = served
    conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    try:
        call = xmlrpc.client.dumps((db, 2, "admin", "res.partner", "search_read", [[]],
                                    {"fields": ["name"], "limit": 5}), "execute_kw")
        first = _post(conn, "/xmlrpc/2/common", xmlrpc.client.dumps((db, "admin", "admin", {}),
                                                                     "authenticate"), "text/xml")
        assert first.status == 200
        socket_used = conn.sock
        local_port = socket_used.getsockname()[1]
        for _ in range(5):
            answer = _post(conn, "/xmlrpc/2/object", call, "text/xml")
            assert answer.status == 200
            assert (answer.getheader("Connection") or "").lower() != "close"
        assert conn.sock is socket_used and conn.sock.getsockname()[1] == local_port
    finally:
        conn.close()


def test_rpc_answers_tell_the_time_spent_in_sql_and_in_python(served):
    base, db = served
    conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    try:
        call = xmlrpc.client.dumps((db, 2, "admin", "res.partner", "search_count", [[]]), "execute_kw")
        timing = _post(conn, "/xmlrpc/2/object", call, "text/xml").getheader("Server-Timing")
        match = TIMING.match(timing or "")
        assert match, timing
        assert int(match.group(2)) >= 1 and float(match.group(1)) > 0
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [db, 2, "admin", "res.partner", "search_read", [[]], {"fields": ["name"], "limit": 3}]}})
        answer = _post(conn, "/jsonrpc", body, "application/json")
        assert TIMING.match(answer.getheader("Server-Timing") or ""), answer.getheaders()
        conn.request("GET", "/api/v1/res.partner")  # REST: refused without a key, timed all the same
        refused = conn.getresponse()
        refused.read()
        assert refused.status == 401
        assert TIMING.match(refused.getheader("Server-Timing") or "")
    finally:
        conn.close()


def test_gunicorn_keeps_connections_alive_with_threaded_workers():
    options = gunicorn_options("127.0.0.1", 8069, 2, threads=4, keepalive=5)
    assert options["worker_class"] == "gthread" and options["threads"] == 4 and options["keepalive"] == 5


def test_each_worker_gets_one_connection_per_thread(monkeypatch, new_url):
    for name, value in database_environment(threads=3, statement_timeout=1.5).items():
        monkeypatch.setenv(name, value)
    engine = make_engine(new_url)
    try:
        if engine.dialect.name == "sqlite":
            return  # SQLite's pool is per file, with no server-side timeout
        assert engine.pool.size() == 5  # three threads, plus the scheduler and the signal checks
        from core.db.engine import create_database

        create_database(new_url)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SHOW statement_timeout")).scalar() == "1500ms"
    finally:
        engine.dispose()


def test_bad_pool_settings_name_the_variable(monkeypatch, new_url):
    monkeypatch.setenv("ERP_DB_POOL_SIZE", "many")
    if "sqlite" in new_url:
        return
    with pytest.raises(ValueError, match="ERP_DB_POOL_SIZE"):
        make_engine(new_url)


@pytest.fixture
def pg_engine(new_url: str) -> Iterator[sa.Engine]:
    if "sqlite" in new_url:
        pytest.skip("PostgreSQL's pooled connections")
    from core.db.engine import create_database

    create_database(new_url)
    engine = make_engine(new_url, pool_size=1)
    try:
        yield engine
    finally:
        engine.dispose()


def _last_query(engine: sa.Engine, pid: int) -> str:
    watcher = sa.create_engine(engine.url, poolclass=sa.pool.NullPool)
    try:
        with watcher.connect() as conn:
            query = sa.text("SELECT query FROM pg_stat_activity WHERE pid = :pid")
            return conn.execute(query, {"pid": pid}).scalar()
    finally:
        watcher.dispose()


def test_a_pooled_connection_is_lent_without_a_statement(pg_engine):
    with pg_engine.connect() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    before = _last_query(pg_engine, pid)
    with pg_engine.connect() as conn:
        pass  # no ping: a round trip per call is what a bare endpoint does not pay
    assert _last_query(pg_engine, pid) == before


def test_a_pooled_connection_the_server_ended_is_replaced(pg_engine):
    with pg_engine.connect() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    killer = sa.create_engine(pg_engine.url, poolclass=sa.pool.NullPool)
    try:
        with killer.connect() as conn:
            assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    finally:
        killer.dispose()
    for _ in range(50):  # the server's farewell reaches the socket a moment later
        if _last_query(pg_engine, pid) is None:
            break
        time.sleep(0.05)
    with pg_engine.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar() != pid
