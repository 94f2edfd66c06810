"""Selection and relational fields: values, ondelete behaviour, relation tables."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.exceptions import ValidationError


# -- selection --------------------------------------------------------------------------------
def test_selection_accepts_declared_value(make_record):
    assert make_record(state="done").state == "done"


def test_selection_refuses_unknown_value_listing_choices(env):
    with pytest.raises(
        ValidationError,
        match=r"Value 'bogus' is not a valid choice for field 'Status' \(state\); "
        r"expected one of: 'draft', 'done', 'cancel'",
    ):
        env["test.record"].create({"name": "n", "state": "bogus"})


def test_selection_add_from_second_addon_is_accepted(make_record):
    assert make_record(state="cancel").state == "cancel"


def test_selection_add_appends_after_the_original_values(env):
    selection = env["test.record"].fields_get(["state"])["state"]["selection"]
    assert selection == [["draft", "Test draft"], ["done", "Done"], ["cancel", "Cancelled"]]


def test_selection_empty_string_means_empty(make_record):
    assert make_record(state="").state is False


def test_related_selection_reads_the_target_value(make_record):
    record = make_record(state="done", lines=[(1, 1)])
    assert record.line_ids.record_state == "done"


# -- many2one ---------------------------------------------------------------------------------
def test_many2one_reads_as_record(make_record, make_tag):
    tag = make_tag("red")
    assert make_record(tag_id=tag.id).tag_id == tag


def test_many2one_accepts_a_record(make_record, make_tag):
    tag = make_tag("red")
    assert make_record(tag_id=tag).tag_id == tag


def test_many2one_refuses_text_that_is_not_an_id(env):
    with pytest.raises(
        ValidationError,
        match=r"Invalid value 'abc' for field 'Tag' \(tag_id\): expected the id of a "
        r"test.tag record",
    ):
        env["test.record"].create({"name": "n", "tag_id": "abc"})


def test_many2one_refuses_an_id_that_does_not_exist(env):
    with pytest.raises(ValidationError, match=r"'Tag' \(tag_id\) refers to a record that does not exist"):
        env["test.record"].create({"name": "n", "tag_id": 999_999})


def test_many2one_ondelete_cascade_deletes_dependents(make_record):
    record = make_record(lines=[(1, 2), (3, 4)])
    lines = record.line_ids
    record.unlink()
    assert not lines.exists()


def test_many2one_ondelete_restrict_refuses_deletion(make_record, make_tag):
    tag = make_tag("kept")
    make_record(tag_id=tag.id)
    with pytest.raises(
        ValidationError, match=r"another model requires the record being deleted.*'Tag' \(tag_id\)"
    ):
        tag.unlink()
    assert tag.exists()


def test_many2one_ondelete_set_null_empties_the_field(env, make_record, make_tag):
    tag = make_tag("gone")
    record = make_record(category_id=tag.id)
    tag.unlink()
    env.cache.invalidate()
    assert not record.category_id


def test_many2one_column_has_foreign_key_and_index(env):
    column = env["test.record"]._table.c.category_id
    (foreign_key,) = column.foreign_keys
    assert foreign_key.column.table.name == "test_tag"
    assert foreign_key.ondelete == "SET NULL"
    assert column.index


# -- one2many ---------------------------------------------------------------------------------
def test_one2many_lists_records_pointing_back(make_record):
    record = make_record(lines=[(1, 2), (3, 4)])
    assert record.line_ids.mapped("unit_price") == [2, 4]
    assert all(line.record_id == record for line in record.line_ids)


def test_one2many_follows_the_inverse_many2one(make_record):
    first, second = make_record(lines=[(1, 1)]), make_record()
    line = first.line_ids
    line.record_id = second
    assert not first.line_ids
    assert second.line_ids == line


def test_one2many_reads_as_list_of_ids(make_record):
    record = make_record(lines=[(1, 1), (2, 2)])
    assert record.read(["line_ids"])[0]["line_ids"] == record.line_ids.ids


# -- many2many --------------------------------------------------------------------------------
def test_many2many_generates_relation_table_named_like_odoo(env):
    field = env["test.record"]._fields["tag_ids"]
    assert (field.relation, field.column1, field.column2) == ("test_record_test_tag_rel", "test_record_id",
                                                              "test_tag_id")
    table = env.registry.relations["test_record_test_tag_rel"]
    assert {c.name for c in table.primary_key.columns} == {"test_record_id", "test_tag_id"}


def test_many2many_relation_table_exists_in_database(env):
    names = sa.inspect(env.cr.connection).get_table_names()
    assert "test_record_test_tag_rel" in names
    assert "test_line_tag_rel" in names


def test_many2many_links_are_rows_of_the_relation_table(env, make_record, make_tag):
    red, blue = make_tag("red"), make_tag("blue")
    record = make_record(tag_ids=[red.id, blue.id])
    table = env.registry.relations["test_record_test_tag_rel"]
    rows = env.cr.execute(sa.select(table.c.test_tag_id).where(table.c.test_record_id == record.id)).scalars()
    assert sorted(rows) == sorted([red.id, blue.id])


def test_many2many_both_sides_share_one_relation(env, make_tag):
    tag = make_tag("shared")
    thing = env["test.yaml.thing"].create({"name": "thing", "tag_ids": [tag.id]})
    assert tag.thing_ids == thing


def test_many2many_deleting_target_removes_link(env, make_record, make_tag):
    tag = make_tag("temp")
    record = make_record(tag_ids=[tag.id])
    tag.unlink()
    env.cache.invalidate()
    assert not record.tag_ids


def test_many2many_refuses_missing_target(env):
    with pytest.raises(ValidationError, match=r"'Tag' \(tag_ids\) refers to records that do not exist"):
        env["test.record"].create({"name": "n", "tag_ids": [999_999]})
