"""Access rights and record rules through the record API: each operation for users who may and may not.

addon_secure gives its users read, write and create on their own notes (no delete), and its managers
everything on every note; a user of neither group has no access at all.
"""
from __future__ import annotations

import pytest

from core.exceptions import AccessError

MODEL = "addon_secure.note"
USER = "addon_secure.group_secure_user"
MANAGER = "addon_secure.group_secure_manager"


@pytest.fixture
def people(make_user, secure_env):
    """Environments of an outsider, a writer and a boss, and a note of each plus one of the admin."""
    envs = {"outsider": make_user("outsider", ["base.group_user"]), "writer": make_user("writer", [USER]),
            "boss": make_user("boss", [MANAGER])}
    notes = {name: secure_env[MODEL].create({"name": f"note of {name}", "user_id": env.uid})
             for name, env in envs.items()}
    admin = secure_env.ref("base.user_admin")
    notes["admin"] = secure_env[MODEL].create({"name": "note of admin", "user_id": admin.id})
    return envs, notes


def _read(env, note):
    return env[MODEL].browse(note.id).read(["name"])


def _search(env, note):
    if note.id not in env[MODEL].search([]).ids:
        raise AccessError("not found by search")


def _write(env, note):
    env[MODEL].browse(note.id).write({"name": "changed"})


def _unlink(env, note):
    env[MODEL].browse(note.id).unlink()


OPERATIONS = {"read": _read, "search": _search, "write": _write, "unlink": _unlink}
# (user, whose note) -> the operations allowed
ALLOWED = {
    ("outsider", "outsider"): set(),
    ("outsider", "admin"): set(),
    ("writer", "writer"): {"read", "search", "write"},
    ("writer", "admin"): set(),
    ("boss", "boss"): {"read", "search", "write", "unlink"},
    ("boss", "admin"): {"read", "search", "write", "unlink"},
}
CASES = [(user, owner, operation, operation in allowed)
         for (user, owner), allowed in ALLOWED.items() for operation in OPERATIONS]


@pytest.mark.parametrize(("user", "owner", "operation", "allowed"), CASES,
                         ids=[f"{u}-{o}-{op}-{'ok' if a else 'denied'}" for u, o, op, a in CASES])
def test_operation_on_a_note(people, secure_env, user, owner, operation, allowed):
    envs, notes = people
    note = notes[owner]
    if allowed:
        OPERATIONS[operation](envs[user], note)
        return
    with pytest.raises(AccessError):
        OPERATIONS[operation](envs[user], note)
    survivor = secure_env[MODEL].browse(note.id).exists()
    assert survivor and survivor.name == f"note of {owner}", "a denied operation changed the note"


@pytest.mark.parametrize(("user", "allowed"), [("outsider", False), ("writer", True), ("boss", True)])
def test_create_a_note(people, secure_env, user, allowed):
    envs, _notes = people
    before = secure_env[MODEL].search_count([])
    if allowed:
        assert envs[user][MODEL].create({"name": "fresh"}).user_id.id == envs[user].uid
        return
    with pytest.raises(AccessError):
        envs[user][MODEL].create({"name": "fresh"})
    assert secure_env[MODEL].search_count([]) == before


def test_denied_access_names_the_model_and_the_operation(people):
    envs, notes = people
    with pytest.raises(AccessError, match=r"not allowed to delete Secure note \(addon_secure.note\)"):
        envs["writer"][MODEL].browse(notes["writer"].id).unlink()


def test_record_rule_denial_names_the_model_and_the_operation(people):
    envs, notes = people
    denial = r"not allowed to write this Secure note \(addon_secure.note\) record"
    with pytest.raises(AccessError, match=denial):
        envs["writer"][MODEL].browse(notes["admin"].id).write({"name": "x"})


def test_writer_cannot_give_a_note_away(people):
    envs, notes = people
    with pytest.raises(AccessError, match="break a record rule"):
        envs["writer"][MODEL].browse(notes["writer"].id).write({"user_id": envs["boss"].uid})
    # the refused write is undone at once, not only when the transaction ends
    assert envs["writer"][MODEL].browse(notes["writer"].id).user_id.id == envs["writer"].uid


def test_search_count_and_read_group_see_only_allowed_records(people):
    envs, _notes = people
    writer = envs["writer"][MODEL]
    assert writer.search_count([]) == 1
    groups = writer.read_group([], ["user_id"], ["user_id"])
    assert [g["user_id"][0] for g in groups] == [envs["writer"].uid]


def test_name_search_sees_only_allowed_records(people):
    envs, _notes = people
    found = envs["writer"][MODEL].name_search("note of")
    assert [name for _id, name in found] == ["note of writer"]


def test_export_is_checked_like_read(people):
    envs, notes = people
    with pytest.raises(AccessError):
        envs["outsider"][MODEL].browse(notes["outsider"].id).export_data(["name"])


def test_superuser_bypasses_rules(people, secure_env):
    _envs, notes = people
    assert set(secure_env[MODEL].search([]).ids) >= {note.id for note in notes.values()}


def test_sudo_of_a_user_bypasses_rules(people):
    envs, notes = people
    assert envs["outsider"][MODEL].sudo().browse(notes["admin"].id).name == "note of admin"


def test_check_access_rights_answers_without_raising(people):
    envs, _notes = people
    assert envs["writer"][MODEL].check_access_rights("create", raise_exception=False) is True
    assert envs["writer"][MODEL].check_access_rights("unlink", raise_exception=False) is False


def test_new_access_right_takes_effect_at_once(people, secure_env):
    envs, notes = people
    secure_env["ir.model.access"].create({
        "name": "outsiders read notes", "model_id": secure_env.ref("addon_secure.model_addon_secure_note").id,
        "group_id": secure_env.ref("base.group_user").id, "perm_read": True})
    assert envs["outsider"][MODEL].browse(notes["outsider"].id).read(["name"])


def test_implied_groups_grant_their_rights(people):
    envs, _notes = people
    boss = envs["boss"].user
    assert boss.has_group("addon_secure.group_secure_user") and boss.has_group("base.group_user")
