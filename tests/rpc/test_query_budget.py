"""What one XML-RPC call costs in SQL statements, whole: the registry check, the credential check and
the work. A remembered password and an unchanged registry cost none; a regression fails here."""

from __future__ import annotations

import xmlrpc.client
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from core.exceptions import ValidationError
from core.records.environment import Environment
from core.rpc import auth, dispatch

# what a transaction's ends cost as statements of their own: nothing on PostgreSQL (the driver begins
# implicitly), one BEGIN on SQLite (the write lock is taken up front)
TRANSACTION_ENDS = {"postgresql": 0, "sqlite": 1}
# statements inserting a new record and its many2many links: one on PostgreSQL (data-modifying CTEs)
FOLLOWER_WITH_LINKS = {"postgresql": 1, "sqlite": 2}


@contextmanager
def statements(registry: Any) -> Iterator[list[str]]:
    seen: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(registry.engine, "before_cursor_execute", log)
    try:
        yield seen
    finally:
        event.remove(registry.engine, "before_cursor_execute", log)


@pytest.fixture
def call(server: Any, demo: Any) -> Callable[..., Any]:
    """A call over XML-RPC as demo (record rules apply), warmed up so the password is remembered."""
    demo("res.partner", "search_count", [])
    return demo


def _work(server: Any, sql: list[str], calls: int = 1, after_a_write: bool = False) -> list[str]:
    """The statements but each transaction's own BEGIN (and, on SQLite after a commit changed the
    database file, the signal read that the file's new stamp asks for)."""
    dialect = server.registry.engine.dialect.name
    if after_a_write and dialect == "sqlite":
        sql = [s for s in sql if "ir_registry_signal" not in s]
        sql = sql[1:] if sql[:2] == ["BEGIN DEFERRED", "BEGIN IMMEDIATE"] else sql
    begins = [s for s in sql if s.startswith("BEGIN")]
    assert len(begins) <= calls * TRANSACTION_ENDS[dialect], sql
    return [s for s in sql if not s.startswith("BEGIN")]


def test_a_call_reads_neither_the_registry_signal_nor_the_password(server, call):
    call("res.partner", "search_count", [])
    with statements(server.registry) as sql:
        for _ in range(5):
            call("res.partner", "search_count", [])
    assert not [s for s in sql if "ir_registry_signal" in s or "res_users" in s], sql
    assert len(_work(server, sql, calls=5)) == 5, sql


def test_create_with_its_creation_message_and_follower(server, call):
    call("res.partner", "create", {"name": "warm up"})
    with statements(server.registry) as sql:
        partner_id = call("res.partner", "create", {"name": "Budget", "email": "budget@example.com"})
    work = _work(server, sql, after_a_write=True)
    # the contact (its INSERT also picks the id its commercial entity refers to; the company rule is
    # decided on its values), the creation message, and the follower with its subtypes linked from those
    # found in the same statement (PostgreSQL); SQLite inserts into one table per statement, so the links
    # are a fourth
    assert len(work) <= FOLLOWER_WITH_LINKS[server.registry.engine.dialect.name] + 2, work
    messages = call("mail.message", "search_read",
                    [("model", "=", "res.partner"), ("res_id", "=", partner_id)], fields=["body"])
    followers = call("mail.followers", "search_count", [("res_model", "=", "res.partner"),
                                                         ("res_id", "=", partner_id)])
    assert len(messages) == 1 and "created" in messages[0]["body"] and followers == 1


def test_a_create_whose_message_fails_leaves_nothing(server, call, admin, monkeypatch):
    def refuse(self, rows):
        raise ValidationError("the message cannot be stored")

    followers = admin("mail.followers", "search_count", [("res_model", "=", "res.partner")])
    monkeypatch.setattr(server.registry["mail.message"], "_insert", refuse)
    with pytest.raises(xmlrpc.client.Fault, match="the message cannot be stored"):
        call("res.partner", "create", {"name": "Half made", "email": "half@example.com"})
    monkeypatch.undo()
    assert admin("res.partner", "search_count", [("name", "=", "Half made")]) == 0
    assert admin("mail.followers", "search_count", [("res_model", "=", "res.partner")]) == followers


def test_read_of_one_record_costs_one_statement(server, call):
    partner_id = call("res.partner", "search", [], limit=1)[0]
    call("res.partner", "read", [partner_id], fields=["name", "email"])
    with statements(server.registry) as sql:
        rows = call("res.partner", "read", [partner_id], fields=["name", "email"])
    assert rows[0]["id"] == partner_id
    assert len(_work(server, sql)) <= 1, sql  # the row, record rules applied


def test_search_read_under_record_rules_costs_two_statements(server, call):
    call("res.partner", "search_read", [], fields=["name"], limit=1)
    with statements(server.registry) as sql:
        rows = call("res.partner", "search_read", [], fields=["name", "email", "country_id"], limit=80)
    assert rows
    assert len(_work(server, sql)) <= 2, sql  # the rows (rules applied), then the countries' names


def test_the_rpc_layer_adds_no_statement_to_a_call(registry, monkeypatch):
    cursors = []
    original = registry.cursor

    def tracked(readonly: bool = False):
        cursors.append(original(readonly=readonly))
        return cursors[-1]

    def authenticate(env: Environment) -> int:
        return auth.check_password(env, 2, "admin")

    monkeypatch.setattr(registry, "cursor", tracked)
    dispatch.execute_kw(registry, authenticate, "res.partner", "search_count", [[]])  # remembered
    dispatch.execute_kw(registry, authenticate, "res.partner", "search_count", [[]])
    via_rpc = cursors[-1].sql_count
    with original() as cr:
        Environment(cr, 2, {})["res.partner"].search_count([])
        direct = cr.sql_count
    assert via_rpc == direct
