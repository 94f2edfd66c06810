"""Field attributes with behaviour: required, readonly, defaults, index, unique, copy, translate, groups."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from core import clock
from core.exceptions import AccessError, ValidationError


# -- required ---------------------------------------------------------------------------------
def test_required_field_missing_on_create_is_refused(env):
    with pytest.raises(ValidationError, match=r"Missing required value for the field 'Name' \(name\)"):
        env["test.record"].create({"sequence": 1})


def test_required_field_emptied_on_write_is_refused(make_record):
    record = make_record("kept")
    with pytest.raises(ValidationError, match="Missing required value"):
        record.write({"name": False})
    assert record.name == "kept"


def test_required_field_column_stays_nullable_for_existing_rows(env):
    # a required field is checked by the record API; the column stays nullable so that adding
    # a required field to a table with rows never fails
    assert env["test.record"]._table.c.name.nullable


# -- readonly computed ------------------------------------------------------------------------
def test_computed_field_without_inverse_is_readonly(env):
    fields = env["test.record"]._fields
    assert fields["upper_name"].readonly and fields["total"].readonly
    assert not fields["tag_name"].readonly  # related fields write through


def test_writing_unstored_computed_field_is_refused(make_record):
    record = make_record("abc")
    with pytest.raises(ValidationError, match=r"'Upper name' \(upper_name\) of test.record is computed"):
        record.write({"upper_name": "X"})


def test_unstored_computed_field_follows_its_dependency(make_record):
    record = make_record("abc")
    record.name = "xyz"
    assert record.upper_name == "XYZ"


# -- defaults ---------------------------------------------------------------------------------
def test_literal_default_applies_when_value_missing(make_record):
    assert make_record().sequence == 10


def test_given_value_wins_over_default(make_record):
    assert make_record(sequence=3).sequence == 3


def test_context_default_key_wins_over_declared_default(env):
    record = env["test.record"].with_context(default_sequence=77).create({"name": "ctx"})
    assert record.sequence == 77


def test_default_call_today_and_now(make_record, monkeypatch):
    frozen = dt.datetime(2030, 1, 2, 3, 4, 5)
    monkeypatch.setattr(clock, "utcnow", lambda: frozen)
    monkeypatch.setattr(clock, "today", lambda: frozen.date())
    record = make_record()
    assert record.date_default == dt.date(2030, 1, 2)
    assert record.moment_default == frozen


def test_default_call_uid_is_current_user(as_user):
    env = as_user("demo")
    record = env["test.record"].create({"name": "mine"})
    assert record.user_id == env.user


def test_default_call_company_is_current_company(env):
    assert env["test.record"].create({"name": "c"}).company_id == env.company


def test_default_call_method_of_the_model(as_user):
    env = as_user("demo")
    assert env["test.record"].create({"name": "m"}).owner_name == env.user.name


def test_default_call_context_key(env):
    record = env["test.record"].with_context(record_origin="import").create({"name": "o"})
    assert record.origin == "import"


def test_default_get_answers_declared_defaults(env):
    assert env["test.record"].default_get(["sequence", "state", "active", "name"]) == {
        "sequence": 10, "state": "draft", "active": True}


def test_default_get_refuses_unknown_field(env):
    with pytest.raises(ValidationError, match="Invalid field 'nope' on model 'test.record'"):
        env["test.record"].default_get(["nope"])


# -- index and unique -------------------------------------------------------------------------
def _indexes(env, table):
    return {tuple(index["column_names"]): index for index in sa.inspect(env.cr.connection).get_indexes(table)}


def test_index_attribute_creates_an_index(env):
    assert ("name",) in _indexes(env, "test_record")


def test_declared_composite_index_exists(env):
    assert ("state", "date") in _indexes(env, "test_record")


def test_field_without_index_has_none(env):
    assert ("note",) not in _indexes(env, "test_record")


def test_unique_field_refuses_duplicate_naming_field(make_record):
    make_record(code="A1")
    with pytest.raises(ValidationError, match=r"'Code' \(code\) must be unique"):
        make_record(code="A1")


def test_unique_field_allows_several_empty_values(make_record):
    make_record(code=False)
    make_record(code=False)


def test_sql_constraint_message_is_reported(make_record):
    with pytest.raises(ValidationError, match="The amount cannot be negative."):
        make_record(amount=-1)


def test_python_constraint_message_is_reported(make_record):
    with pytest.raises(ValidationError, match="The name 'forbidden' is not allowed."):
        make_record("forbidden")


# -- copy -------------------------------------------------------------------------------------
def test_copy_false_field_is_not_copied(make_record):
    record = make_record(code="UNIQUE-1", sequence=4)
    duplicate = record.copy()
    assert duplicate.code is False
    assert duplicate.sequence == 4


def test_copy_true_one2many_duplicates_lines(make_record):
    record = make_record(lines=[(2, 5)])
    duplicate = record.copy()
    assert duplicate.line_ids and duplicate.line_ids != record.line_ids
    assert duplicate.total == 10


def test_copy_keeps_many2many_links(make_record, make_tag):
    tag = make_tag("t")
    assert make_record(tag_ids=[tag.id]).copy().tag_ids == tag


def test_copy_with_default_overrides(make_record):
    assert make_record("a").copy({"name": "b"}).name == "b"


# -- translate --------------------------------------------------------------------------------
def test_translated_field_keeps_one_value_per_language(env, make_record):
    record = make_record(description="Chair")
    record.with_context(lang="es_ES").write({"description": "Silla"})
    assert record.with_context(lang="en_US").description == "Chair"
    assert record.with_context(lang="es_ES").description == "Silla"


def test_translated_field_falls_back_to_english(make_record):
    record = make_record(description="Table")
    assert record.with_context(lang="es_ES").description == "Table"


def test_translated_field_accepts_every_language_at_once(make_record):
    record = make_record(description={"en_US": "Door", "es_ES": "Puerta"})
    assert record.with_context(lang="es_ES").description == "Puerta"


def test_search_on_translated_field_uses_the_language(env, make_record):
    record = make_record(description={"en_US": "Window", "es_ES": "Ventana"})
    Records = env["test.record"]
    assert record in Records.with_context(lang="es_ES").search([("description", "=", "Ventana")])
    assert record not in Records.with_context(lang="en_US").search([("description", "=", "Ventana")])


# -- groups -----------------------------------------------------------------------------------
def test_field_with_groups_is_hidden_from_fields_get(as_user):
    assert "secret" not in as_user("demo")["test.record"].fields_get()


def test_field_with_groups_cannot_be_read_by_others(as_user, make_record):
    record = make_record(secret="s3cr3t")
    with pytest.raises(AccessError, match="not allowed to read the field 'Secret'"):
        record.with_env(as_user("demo")).read(["secret"])


def test_field_with_groups_is_left_out_of_read_all(as_user, make_record):
    record = make_record(secret="s3cr3t")
    assert "secret" not in record.with_env(as_user("demo")).read()[0]


def test_field_with_groups_cannot_be_written_by_others(as_user, make_record):
    record = make_record(secret="s3cr3t")
    with pytest.raises(AccessError, match="not allowed to modify the field 'Secret'"):
        record.with_env(as_user("demo")).write({"secret": "x"})


def test_field_with_groups_cannot_be_searched_by_others(as_user, make_record):
    make_record(secret="s3cr3t")
    with pytest.raises(ValidationError, match=r"Invalid field test.record.secret in leaf"):
        as_user("demo")["test.record"].search([("secret", "=", "s3cr3t")])


def test_field_with_groups_is_visible_to_members(as_user, make_record):
    record = make_record(secret="s3cr3t")
    admin = as_user("admin")
    assert record.with_env(admin).read(["secret"])[0]["secret"] == "s3cr3t"


def test_default_method_is_called_for_each_record_of_a_batch(env):
    records = env["test.record"].create([{"name": "a"}, {"name": "b"}, {"name": "c"}])
    assert len(set(records.mapped("serial"))) == 3


def test_shared_mutable_default_is_not_shared_between_records(env):
    first, second = (
        env["test.record"].with_context(default_payload={"k": [1]}).create([{"name": "a"}, {"name": "b"}])
    )
    first.payload["k"].append(2)
    assert second.payload == {"k": [1]}


def test_trigram_index_attribute_creates_an_index(env):
    [index] = [i for columns, i in _indexes(env, "test_record").items() if columns == ("keywords",)]
    assert index["name"] == "ix_test_record_keywords_trgm"
    if env.cr.dialect == "postgresql":
        assert index["dialect_options"]["postgresql_using"] == "gin"
