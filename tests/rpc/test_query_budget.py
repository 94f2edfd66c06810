"""What the RPC layer adds to a call, in SQL statements: a remembered password check costs one."""

from __future__ import annotations

from core.records.environment import Environment
from core.rpc import auth, dispatch


def test_rpc_layer_adds_one_statement_to_a_call(registry, monkeypatch):
    cursors = []
    original = registry.cursor

    def tracked(readonly: bool = False):
        cursors.append(original(readonly=readonly))
        return cursors[-1]

    monkeypatch.setattr(registry, "cursor", tracked)

    def authenticate(env: Environment) -> int:
        return auth.check_password(env, 2, "admin")

    dispatch.execute_kw(
        registry, authenticate, "res.partner", "search_count", [[]]
    )  # the check is remembered
    dispatch.execute_kw(registry, authenticate, "res.partner", "search_count", [[]])
    via_rpc = cursors[-1].sql_count
    with original() as cr:
        Environment(cr, 2, {})["res.partner"].search_count([])
        direct = cr.sql_count
    assert via_rpc - direct <= 1
