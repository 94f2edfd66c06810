"""The registry signal across processes: a change made by another process (a field, access rights, a
password, an archived user) is seen by the next request, and a request in a process where nothing
changed reads no signal at all."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import event

from core.exceptions import AccessDenied
from core.registry import watch
from core.registry.registry import Registry
from tests.databases import PROJECT_DIR


def _in_another_process(url: str, code: str) -> None:
    script = textwrap.dedent(f"""
        from core.registry.registry import Registry
        registry = Registry.get({url!r})
        with registry.environment(uid=1) as env:
    """) + textwrap.indent(textwrap.dedent(code), "    ")
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def _statements(registry: Registry, work) -> list[str]:
    seen: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(registry.engine, "before_cursor_execute", log)
    try:
        work()
    finally:
        event.remove(registry.engine, "before_cursor_execute", log)
    return seen


def _until_changed(registry: Registry) -> Registry:
    """The registry after the change reached this process (well before the fallback poll would)."""
    deadline = time.monotonic() + watch.POLL_SECONDS / 2
    current = registry.check_signals()
    while current is registry and time.monotonic() < deadline:
        time.sleep(0.01)
        current = registry.check_signals()
    return current


def test_a_field_added_by_another_process_is_seen_by_the_next_request(fresh_registry):
    registry = fresh_registry().check_signals()
    _in_another_process(registry.url, """
        env["ir.model.fields"].create({"name": "x_from_elsewhere", "model": "res.partner", "ttype": "char"})
    """)
    current = _until_changed(registry)
    assert current is not registry
    assert "x_from_elsewhere" in current.models["res.partner"]._fields
    assert Registry.get(registry.url) is current
    with current.environment(uid=2) as env:
        env["res.partner"].create({"name": "Seen here", "x_from_elsewhere": "yes"})


def test_access_rights_changed_by_another_process_clear_the_caches(fresh_registry):
    registry = fresh_registry().check_signals()
    with registry.environment(uid=2) as env:
        demo = env.ref("base.user_demo")
        assert not env["res.country"].with_user(demo).check_access_rights("unlink", raise_exception=False)
    _in_another_process(registry.url, """
        env["ir.model.access"].create({"name": "demo may delete countries",
                                       "model_id": env.ref("base.model_res_country").id,
                                       "group_id": env.ref("base.group_user").id, "perm_read": True,
                                       "perm_unlink": True})
    """)
    deadline = time.monotonic() + watch.POLL_SECONDS / 2
    allowed = False
    while not allowed and time.monotonic() < deadline:
        current = registry.check_signals()
        with current.environment(uid=2) as env:
            allowed = env["res.country"].with_user(env.ref("base.user_demo")).check_access_rights(
                "unlink", raise_exception=False)
        time.sleep(0.01)
    assert allowed


def test_a_request_where_nothing_changed_reads_no_signal(fresh_registry):
    registry = fresh_registry().check_signals()
    assert registry.check_signals() is registry
    sql = _statements(registry, lambda: [registry.check_signals() for _ in range(20)])
    assert sql == []


def test_the_signal_is_read_again_at_least_every_few_seconds(fresh_registry, monkeypatch):
    registry = fresh_registry().check_signals()
    registry.check_signals()
    monkeypatch.setattr(registry, "_signal_read_at", time.monotonic() - watch.POLL_SECONDS - 1)
    sql = _statements(registry, registry.check_signals)
    assert [s for s in sql if "ir_registry_signal" in s] and len(sql) <= 2  # SQLite: and its BEGIN
    assert _statements(registry, registry.check_signals) == []


def test_a_lost_listener_makes_requests_read_the_signal_until_it_is_back(fresh_registry):
    registry = fresh_registry().check_signals()
    current = registry.signal_watch
    if not isinstance(current, watch.PostgresWatch):
        return  # SQLite watches files: nothing to lose
    current._conn.close()
    sql = _statements(registry, registry.check_signals)
    assert [s for s in sql if "ir_registry_signal" in s] and len(sql) <= 2  # SQLite: and its BEGIN
    registry.check_signals()  # listening again
    assert _statements(registry, registry.check_signals) == []


def _check_password(registry: Registry, uid: int, password: str) -> int:
    from core.records.environment import Environment
    from core.rpc import auth

    current = registry.check_signals()  # what every request does first
    with current.cursor() as cr:
        return auth.check_password(Environment(cr, 1, {}), uid, password)


def test_a_password_changed_by_another_process_fails_on_the_next_request(fresh_registry):
    registry = fresh_registry().check_signals()
    with registry.environment() as env:
        demo = env.ref("base.user_demo").id
    assert _check_password(registry, demo, "demo") == demo
    sql = _statements(registry, lambda: _check_password(registry, demo, "demo"))
    assert not [s for s in sql if "res_users" in s]  # remembered: no statement
    _in_another_process(registry.url, """
        env.ref("base.user_demo").password = "changed elsewhere"
    """)
    with pytest.raises(AccessDenied):
        _check_password(registry, demo, "demo")
    assert _check_password(registry, demo, "changed elsewhere") == demo


def test_a_user_archived_by_another_process_fails_on_the_next_request(fresh_registry):
    registry = fresh_registry().check_signals()
    with registry.environment() as env:
        demo = env.ref("base.user_demo").id
    assert _check_password(registry, demo, "demo") == demo
    _in_another_process(registry.url, """
        env.ref("base.user_demo").active = False
    """)
    with pytest.raises(AccessDenied):
        _check_password(registry, demo, "demo")
