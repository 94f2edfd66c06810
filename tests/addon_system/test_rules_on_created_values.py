"""Record rules on create decided on the values before the INSERT: no savepoint nor check query when the
rule compares many2one columns with ids, a refusal before anything is written, the database check
otherwise."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from core.exceptions import AccessError
from core.records.rule_values import decide_rule_on_values

MODEL = "addon_secure.note"
USER = "addon_secure.group_secure_user"


@contextmanager
def statements(env) -> Iterator[list[str]]:
    seen: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    engine = env.registry.engine
    event.listen(engine, "before_cursor_execute", log)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", log)


def _rows(env, vals):
    Note = env[MODEL]
    return [Note._prepare_create(dict(vals))]


def test_an_allowed_create_spends_no_savepoint_and_no_check(make_user):
    ana = make_user("rulewriter", [USER])
    ana[MODEL].create({"name": "warm up"})
    with statements(ana) as sql:
        note = ana[MODEL].create({"name": "mine"})
    assert not [s for s in sql if "SAVEPOINT" in s.upper() or s.lstrip().upper().startswith("SELECT")], sql
    assert note.user_id.id == ana.uid


def test_a_refused_create_writes_nothing(make_user, secure_env):
    ana = make_user("rulewriter", [USER])
    before = secure_env[MODEL].search_count([])
    with statements(ana) as sql, pytest.raises(AccessError, match="break a record rule"):
        ana[MODEL].create({"name": "for someone else", "user_id": secure_env.uid})
    assert not [s for s in sql if "INSERT" in s.upper()], sql
    assert secure_env[MODEL].search_count([]) == before


def test_many2one_leaves_have_the_meaning_sql_gives_them(secure_env):
    main = secure_env.ref("base.main_company").id
    other = secure_env.ref("base.company_2").id
    Note = secure_env[MODEL]
    in_main = _rows(secure_env, {"name": "n", "company_id": main})
    without = _rows(secure_env, {"name": "n", "company_id": False})
    assert decide_rule_on_values(Note, [("company_id", "in", [main])], in_main) is True
    assert decide_rule_on_values(Note, [("company_id", "in", [other])], in_main) is False
    assert decide_rule_on_values(Note, [("company_id", "in", [other, False])], without) is True
    assert decide_rule_on_values(Note, [("company_id", "in", [other])], without) is False
    assert decide_rule_on_values(Note, [("company_id", "=", False)], without) is True
    assert decide_rule_on_values(Note, [("company_id", "!=", other)], without) is True
    assert decide_rule_on_values(Note, [("company_id", "not in", [other, False])], without) is False
    assert decide_rule_on_values(Note, ["!", ("company_id", "=", main)], in_main) is False
    assert decide_rule_on_values(Note, ["|", ("company_id", "=", other), (1, "=", 1)], in_main) is True
    assert decide_rule_on_values(Note, ["&", ("company_id", "=", main), (0, "=", 1)], in_main) is False


def test_what_needs_the_database_is_left_to_it(secure_env):
    Note = secure_env[MODEL]
    rows = _rows(secure_env, {"name": "n"})
    assert decide_rule_on_values(Note, [("name", "=", "n")], rows) is None  # not a many2one
    assert decide_rule_on_values(Note, [("company_id", "=", "My Company")], rows) is None  # a name
    assert decide_rule_on_values(Note, [("company_id", "child_of", [1])], rows) is None
    assert decide_rule_on_values(Note, [("company_id.name", "=", "x")], rows) is None
    with_lines = [(rows[0][0], {Note._fields["name"]: "set later"})]
    assert decide_rule_on_values(Note, [("company_id", "=", False)], with_lines) is None


def test_a_rule_needing_the_database_still_refuses_and_undoes(make_user, secure_env, monkeypatch):
    ana = make_user("rulewriter", [USER])
    before = secure_env[MODEL].search_count([])
    security = secure_env.registry.security
    real = security.rule_domain

    def by_name(env, model, operation):
        domain = real(env, model, operation)
        return domain if model != MODEL or domain is None else ["&", ("name", "!=", "forbidden"), *domain]

    monkeypatch.setattr(security, "rule_domain", by_name)
    with pytest.raises(AccessError, match="break a record rule"):
        ana[MODEL].create({"name": "forbidden"})
    assert secure_env[MODEL].search_count([]) == before
    assert ana[MODEL].create({"name": "allowed"}).name == "allowed"
