"""Many2many links are inserted with their targets' existence checked in the same statement; a missing
target names itself and leaves no link behind."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.exceptions import ValidationError
from core.records import x2many


def _links(env, record_ids):
    field = env["test.record"]._fields["tag_ids"]
    relation = env.registry.relation_table(field)
    column = relation.c[field.column1]
    return env.cr.execute(sa.select(sa.func.count()).select_from(relation)
                          .where(column.in_(record_ids))).scalar()


def test_linking_existing_targets_costs_one_statement(env, make_tag, make_record):
    tags = [make_tag(f"t{i}").id for i in range(3)]
    record = make_record()
    relation = env.registry.relation_table(env["test.record"]._fields["tag_ids"]).name
    seen: list[str] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    sa.event.listen(env.registry.engine, "before_cursor_execute", log)
    try:
        record.write({"tag_ids": [(6, 0, tags)]})
        env.cr.flush()
    finally:
        sa.event.remove(env.registry.engine, "before_cursor_execute", log)
    # no existence check of its own: the links are inserted from the targets found
    assert not [s for s in seen if s.lstrip().startswith("SELECT test_tag.id")], seen
    assert len([s for s in seen if s.startswith(f"INSERT INTO {relation}")]) == 1, seen
    env.cache.invalidate()
    assert sorted(record.tag_ids.ids) == sorted(tags)


def test_a_missing_target_among_existing_ones_leaves_no_link(env, make_tag, make_record):
    tag = make_tag("real")
    record = make_record()
    with pytest.raises(ValidationError, match=r"\(tag_ids\) refers to records that do not exist .*999999"):
        record.write({"tag_ids": [(6, 0, [tag.id, 999_999])]})
    assert _links(env, [record.id]) == 0


def test_links_beyond_one_statement_are_all_written(env, make_tag, monkeypatch):
    monkeypatch.setattr(x2many, "LINKS_PER_STATEMENT", 3)
    tags = [make_tag(f"many {i}").id for i in range(4)]
    records = env["test.record"].create([{"name": f"r{i}", "tag_ids": [(6, 0, tags)]} for i in range(2)])
    assert _links(env, records.ids) == 8
    env.cache.invalidate()
    assert [sorted(r.tag_ids.ids) for r in records] == [sorted(tags)] * 2
