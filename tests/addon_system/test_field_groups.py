"""Fields restricted to groups: invisible and untouchable for everyone else, on every path."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, ValidationError

MODEL = "addon_secure.note"


@pytest.fixture
def note(secure_env):
    return secure_env[MODEL].create({"name": "classified", "secret": "the code is 1234"})


@pytest.fixture
def writer(make_user, secure_env, note):
    env = make_user("writer", ["addon_secure.group_secure_user"])
    note.user_id = env.uid
    return env


def test_restricted_field_is_left_out_of_a_full_read(writer, note):
    assert "secret" not in writer[MODEL].browse(note.id).read()[0]


def test_reading_a_restricted_field_by_name_is_denied(writer, note):
    with pytest.raises(AccessError, match="secret"):
        writer[MODEL].browse(note.id).read(["secret"])


def test_writing_a_restricted_field_is_denied(writer, note, secure_env):
    with pytest.raises(AccessError, match="secret"):
        writer[MODEL].browse(note.id).write({"secret": "leaked"})
    assert secure_env[MODEL].browse(note.id).secret == "the code is 1234"


def test_searching_on_a_restricted_field_is_refused(writer):
    # as Odoo: the field does not exist for this user
    with pytest.raises(ValidationError, match="Invalid field addon_secure.note.secret"):
        writer[MODEL].search([("secret", "ilike", "1234")])


def test_fields_get_hides_a_restricted_field(writer):
    assert "secret" not in writer[MODEL].fields_get()


def test_group_members_read_the_restricted_field(make_user, note):
    boss = make_user("boss", ["addon_secure.group_secure_manager"])
    assert boss[MODEL].browse(note.id).read(["secret"])[0]["secret"] == "the code is 1234"
