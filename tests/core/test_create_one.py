"""One new record in one statement: a value referring to the record itself gets its id inside the
INSERT, and on PostgreSQL its links to existing records go in the same statement."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.exceptions import ValidationError
from tests.core.test_query_budgets import statements


def _stored(env, model: str, record_id: int, column: str):
    table = env.registry[model]._table
    return env.cr.execute(sa.select(table.c[column]).where(table.c.id == record_id)).scalar()


def test_a_value_referring_to_the_new_record_is_its_id(env):
    env["test.tag"].create({"name": "warm up"})
    with statements(env) as sql:
        tag = env["test.tag"].create({"name": "root"})
    # no reservation of the id first (the UPDATE is of the counts computed after the INSERT)
    inserted = [s for s in sql if not s.startswith("UPDATE")]
    assert len(inserted) == 1 and inserted[0].startswith("WITH"), sql
    assert tag.root_id == tag
    assert _stored(env, "test.tag", tag.id, "root_id") == tag.id
    env.invalidate_all()
    assert tag.root_id == tag


def test_the_new_id_follows_the_last_one_used(env):
    first = env["test.tag"].create({"name": "first"})
    first.unlink()  # the id of a deleted row is not handed out again
    second = env["test.tag"].create({"name": "second"})
    assert second.id > first.id and second.root_id == second


def test_a_value_given_for_the_field_is_kept(env, make_tag):
    other = make_tag("other")
    tag = env["test.tag"].create({"name": "given", "root_id": other.id})
    assert _stored(env, "test.tag", tag.id, "root_id") == other.id


def test_a_child_takes_its_parents_root(env, make_tag):
    root = make_tag("root")
    child = env["test.tag"].create({"name": "child", "parent_id": root.id})
    assert child.root_id == root and _stored(env, "test.tag", child.id, "root_id") == root.id


def test_a_batch_refers_each_record_to_itself(env, make_tag):
    root = make_tag("root")
    tags = env["test.tag"].create([{"name": "a"}, {"name": "b", "parent_id": root.id}, {"name": "c"}])
    env.invalidate_all()
    assert [tag.root_id.id for tag in tags] == [tags[0].id, root.id, tags[2].id]


def test_nothing_stays_cached_for_the_placeholder(env):
    tag = env["test.tag"].create({"name": "clean"})
    cached = {record_id for field in env.registry["test.tag"]._fields.values()
              for record_id in env.cache.field_values(field)}
    assert tag.id in cached and not [i for i in cached if i < 0]


def test_links_of_a_new_record_are_in_its_statement(env, make_tag):
    tags = make_tag("x") | make_tag("y")
    env["test.record"].create({"name": "warm up", "tag_ids": [(6, 0, tags.ids)]})
    with statements(env) as sql:
        record = env["test.record"].create({"name": "linked", "tag_ids": [(6, 0, tags.ids), (4, tags[0].id)]})
    inserts = [s for s in sql if "INSERT" in s]
    assert len(inserts) == (1 if env.cr.dialect == "postgresql" else 2), sql
    assert record.tag_ids == tags
    env.invalidate_all()
    assert record.tag_ids == tags


def test_a_new_record_linked_to_nothing_has_no_links(env, make_tag):
    record = env["test.record"].create({"name": "unlinked", "tag_ids": [(4, make_tag("z").id), (5,)]})
    env.invalidate_all()
    assert not record.tag_ids


def test_a_link_to_a_missing_record_is_named_and_not_inserted(env, make_tag):
    tag = make_tag("exists")
    relation = env.registry.relation_table(env.registry["test.record"]._fields["tag_ids"])
    before = env.cr.execute(sa.select(sa.func.count()).select_from(relation)).scalar()
    with pytest.raises(ValidationError, match="999999"):
        env["test.record"].create({"name": "broken", "tag_ids": [(6, 0, [tag.id, 999999])]})
    assert env.cr.execute(sa.select(sa.func.count()).select_from(relation)).scalar() == before


def test_a_refused_insert_names_the_field_and_leaves_no_link(env, make_tag):
    tag = make_tag("kept")
    relation = env.registry.relation_table(env.registry["test.record"]._fields["tag_ids"])
    before = env.cr.execute(sa.select(sa.func.count()).select_from(relation)).scalar()
    with pytest.raises(ValidationError), env.cr.savepoint():
        env["test.record"].create({"name": "bad owner", "tag_ids": [(6, 0, [tag.id])],
                                   "tag_id": 999999})
    assert env.cr.execute(sa.select(sa.func.count()).select_from(relation)).scalar() == before
