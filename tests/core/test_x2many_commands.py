"""Odoo's x2many command tuples on one2many (test.record.line_ids) and many2many (tag_ids)."""
from __future__ import annotations

import pytest

from core.exceptions import MissingError, ValidationError


@pytest.fixture
def tags(make_tag):
    return [make_tag(name) for name in ("red", "green", "blue")]


# -- one2many ---------------------------------------------------------------------------------
def test_o2m_create_command_in_create(make_record):
    record = make_record(line_ids=[(0, 0, {"name": "a", "quantity": 2, "unit_price": 3})])
    assert record.line_ids.name == "a"
    assert record.total == 6


def test_o2m_create_command_in_write(make_record):
    record = make_record()
    record.write({"line_ids": [(0, 0, {"name": "added"})]})
    assert record.line_ids.mapped("name") == ["added"]


def test_o2m_update_command_writes_the_line(make_record):
    record = make_record(lines=[(1, 1)])
    line = record.line_ids
    record.write({"line_ids": [(1, line.id, {"unit_price": 9})]})
    assert line.unit_price == 9
    assert record.total == 9


def test_o2m_delete_command_deletes_the_line(make_record):
    record = make_record(lines=[(1, 1), (1, 2)])
    first = record.line_ids[0]
    record.write({"line_ids": [(2, first.id)]})
    assert not first.exists()
    assert len(record.line_ids) == 1


def test_o2m_unlink_command_on_required_inverse_deletes_the_line(make_record):
    record = make_record(lines=[(1, 1)])
    line = record.line_ids
    record.write({"line_ids": [(3, line.id)]})
    assert not line.exists()


def test_o2m_unlink_command_on_optional_inverse_detaches(make_record, make_tag):
    tag = make_tag("tag")
    record = make_record(tag_id=tag.id)
    tag.write({"record_ids": [(3, record.id)]})
    assert record.exists() and not record.tag_id


def test_o2m_unlink_command_on_cascade_inverse_deletes(make_tag):
    parent, child = make_tag("parent"), make_tag("child")
    child.parent_id = parent
    parent.write({"child_ids": [(3, child.id)]})
    assert not child.exists()


def test_o2m_link_command_moves_the_line(make_record):
    source, target = make_record(lines=[(1, 4)]), make_record()
    line = source.line_ids
    target.write({"line_ids": [(4, line.id)]})
    assert line.record_id == target
    assert (source.total, target.total) == (0, 4)


def test_o2m_clear_command_removes_every_line(make_record):
    record = make_record(lines=[(1, 1), (2, 2)])
    lines = record.line_ids
    record.write({"line_ids": [(5,)]})
    assert not record.line_ids and not lines.exists()


def test_o2m_set_command_replaces_the_lines(make_record):
    record, other = make_record(lines=[(1, 1)]), make_record(lines=[(1, 7)])
    old, moved = record.line_ids, other.line_ids
    record.write({"line_ids": [(6, 0, [moved.id])]})
    assert record.line_ids == moved
    assert not old.exists()
    assert record.total == 7


def test_o2m_commands_combine_in_order(make_record):
    record = make_record(lines=[(1, 1)])
    old = record.line_ids
    record.write({"line_ids": [(5,), (0, 0, {"name": "x"}), (0, 0, {"name": "y"})]})
    assert record.line_ids.mapped("name") == ["x", "y"]
    assert not old.exists()


# -- many2many --------------------------------------------------------------------------------
def test_m2m_create_command_creates_and_links(make_record):
    record = make_record(tag_ids=[(0, 0, {"name": "fresh"})])
    assert record.tag_ids.name == "fresh"


def test_m2m_update_command_writes_the_target(make_record, tags):
    record = make_record(tag_ids=[(6, 0, [tags[0].id])])
    record.write({"tag_ids": [(1, tags[0].id, {"color": 5})]})
    assert tags[0].color == 5


def test_m2m_delete_command_deletes_the_target(make_record, tags):
    record = make_record(tag_ids=[(6, 0, [t.id for t in tags])])
    record.write({"tag_ids": [(2, tags[0].id)]})
    assert not tags[0].exists()
    assert record.tag_ids.ids == [tags[1].id, tags[2].id] or set(record.tag_ids.ids) == {
        tags[1].id,
        tags[2].id,
    }


def test_m2m_unlink_command_keeps_the_target(make_record, tags):
    record = make_record(tag_ids=[(6, 0, [t.id for t in tags])])
    record.write({"tag_ids": [(3, tags[0].id)]})
    assert tags[0].exists()
    assert tags[0] not in record.tag_ids


def test_m2m_link_command_adds_once(make_record, tags):
    record = make_record(tag_ids=[(4, tags[0].id)])
    record.write({"tag_ids": [(4, tags[0].id), (4, tags[1].id)]})
    assert set(record.tag_ids.ids) == {tags[0].id, tags[1].id}


def test_m2m_clear_command_unlinks_all(make_record, tags):
    record = make_record(tag_ids=[(6, 0, [t.id for t in tags])])
    record.write({"tag_ids": [(5,)]})
    assert not record.tag_ids
    assert all(tag.exists() for tag in tags)


def test_m2m_set_command_replaces(make_record, tags):
    record = make_record(tag_ids=[(6, 0, [tags[0].id])])
    record.write({"tag_ids": [(6, 0, [tags[1].id, tags[2].id])]})
    assert set(record.tag_ids.ids) == {tags[1].id, tags[2].id}


def test_m2m_plain_id_list_means_set(make_record, tags):
    record = make_record(tag_ids=[tags[0].id, tags[1].id])
    assert set(record.tag_ids.ids) == {tags[0].id, tags[1].id}


def test_m2m_false_clears(make_record, tags):
    record = make_record(tag_ids=[tags[0].id])
    record.write({"tag_ids": False})
    assert not record.tag_ids


def test_m2m_commands_in_batch_create(env, tags):
    records = env["test.record"].create([{"name": "a", "tag_ids": [(4, tags[0].id)]},
                                         {"name": "b", "tag_ids": [(6, 0, [tags[1].id, tags[2].id])]}])
    assert records[0].tag_ids == tags[0]
    assert set(records[1].tag_ids.ids) == {tags[1].id, tags[2].id}


# -- malformed commands -----------------------------------------------------------------------
@pytest.mark.parametrize("commands", [
    [(9, 0, 0)],
    [(0, 0)],
    [(0, 0, "not a dict")],
    [(1, 5)],
    [(6, 0, "ids")],
    [("x",)],
    [()],
    [(4, "abc")],
])
def test_malformed_command_is_refused_naming_the_field(env, commands):
    with pytest.raises(ValidationError, match=r"Invalid (command|id) .* field 'Tag' \(tag_ids\)") as info:
        env["test.record"].create({"name": "bad", "tag_ids": commands})
    assert info.value.field == "tag_ids"


def test_x2many_value_of_wrong_type_is_refused(env):
    with pytest.raises(
        ValidationError, match=r"Invalid value for field 'Line' \(line_ids\): expected a list"
    ):
        env["test.record"].create({"name": "bad", "line_ids": "lines"})


def test_malformed_command_in_write_changes_nothing(make_record, tags):
    record = make_record(tag_ids=[tags[0].id])
    with pytest.raises(ValidationError):
        record.write({"name": "renamed", "tag_ids": [(4, tags[1].id), (7, 1)]})
    assert record.name != "renamed"
    assert record.tag_ids == tags[0]


def test_command_on_missing_line_is_refused(make_record):
    record = make_record()
    with pytest.raises(MissingError):
        record.write({"line_ids": [(1, 999_999, {"name": "ghost"})]})
