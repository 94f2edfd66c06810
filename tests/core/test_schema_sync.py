"""Schema sync with alembic: what changes when a definition changes, what is refused, what is logged."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.exceptions import SchemaError
from core.registry.registry import Registry
from core.schema.apply import compute_plan, sync_schema

BASE = """\
model: x.item
fields:
  name:
    type: char
    size: 20
  quantity:
    type: integer
  note:
    type: text
"""


def columns(registry: Registry, table: str) -> dict[str, sa.types.TypeEngine]:
    with registry.engine.connect() as conn:
        return {c["name"]: c["type"] for c in sa.inspect(conn).get_columns(table)}


def insert(registry: Registry, table: str, **values: object) -> None:
    with registry.engine.begin() as conn:
        conn.execute(sa.insert(registry.metadata.tables[table]).values(**values))


def select(registry: Registry, sql: str) -> list[tuple]:
    with registry.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql))]


def log(registry: Registry) -> list[tuple]:
    return select(registry, "SELECT operation, table_name, column_name, destructive FROM ir_schema_migration "
                            "WHERE table_name LIKE 'x_%' ORDER BY id")


# -- adding -----------------------------------------------------------------------------------
def test_first_sync_creates_the_table(schema):
    registry = schema(BASE)
    sync_schema(registry)
    assert {"id", "name", "quantity", "note", "create_date", "write_uid"} <= set(columns(registry, "x_item"))


def test_second_sync_without_changes_does_nothing(schema):
    registry = schema(BASE)
    sync_schema(registry)
    assert sync_schema(schema(BASE)) == []


def test_new_model_adds_a_table(schema):
    sync_schema(schema(BASE))
    registry = schema(BASE + "---\nmodel: x.extra\nfields:\n  label:\n    type: char\n")
    changes = sync_schema(registry)
    assert [(c.operation, c.table) for c in changes if c.table == "x_extra"] == [("add_table", "x_extra")]
    assert "label" in columns(registry, "x_extra")


def test_new_field_adds_a_column_keeping_rows(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="kept", quantity=3)
    registry = schema(BASE + "  price:\n    type: float\n")
    sync_schema(registry)
    assert "price" in columns(registry, "x_item")
    assert select(registry, "SELECT name, quantity, price FROM x_item") == [("kept", 3, None)]


def test_new_many2many_adds_its_relation_table(schema):
    sync_schema(schema(BASE))
    registry = schema(BASE + "  friend_ids:\n    type: many2many\n    comodel_name: x.item\n")
    sync_schema(registry)
    assert set(columns(registry, "x_item_x_item_rel")) == {"x_item_id", "x_item_related_id"}


# -- changing types ---------------------------------------------------------------------------
def test_widening_a_char_keeps_the_data(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="twenty characters!!")
    registry = schema(BASE.replace("size: 20", "size: 200"))
    changes = sync_schema(registry)
    assert [(c.operation, c.column, c.destructive) for c in changes] == [("alter_type", "name", False)]
    assert columns(registry, "x_item")["name"].length == 200
    assert select(registry, "SELECT name FROM x_item") == [("twenty characters!!",)]


def test_widening_integer_to_float_keeps_the_data(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", quantity=7)
    registry = schema(BASE.replace("  quantity:\n    type: integer", "  quantity:\n    type: float"))
    sync_schema(registry)
    assert select(registry, "SELECT quantity FROM x_item") == [(7.0,)]


def test_narrowing_a_column_with_data_is_refused(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="0123456789ABCDEF")
    narrowed = schema(BASE.replace("size: 20", "size: 5"))
    with pytest.raises(SchemaError, match="Refused destructive schema changes .*alter_type x_item.name"):
        sync_schema(narrowed)
    assert columns(narrowed, "x_item")["name"].length == 20


def test_narrowing_a_type_with_data_is_refused(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", note="some text")
    with pytest.raises(SchemaError, match="alter_type x_item.note"):
        sync_schema(schema(BASE.replace("  note:\n    type: text", "  note:\n    type: integer")))


def test_narrowing_an_empty_column_is_allowed(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", quantity=1)
    registry = schema(BASE.replace("size: 20", "size: 5"))
    changes = sync_schema(registry)
    assert [(c.operation, c.destructive) for c in changes] == [("alter_type", False)]
    assert columns(registry, "x_item")["name"].length == 5


def test_narrowing_with_allow_destructive_is_applied(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="abc")
    registry = schema(BASE.replace("size: 20", "size: 5"))
    changes = sync_schema(registry, allow_destructive=True)
    assert [c.destructive for c in changes] == [True]
    assert columns(registry, "x_item")["name"].length == 5
    assert select(registry, "SELECT name FROM x_item") == [("abc",)]


# -- removing ---------------------------------------------------------------------------------
def test_dropping_a_column_with_data_is_refused(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a", note="precious")
    without_note = schema(BASE.replace("  note:\n    type: text\n", ""))
    with pytest.raises(SchemaError, match=r"remove_column x_item.note: 1 values"):
        sync_schema(without_note)
    assert "note" in columns(without_note, "x_item")


def test_dropping_a_column_with_data_when_allowed(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a", note="precious")
    registry = schema(BASE.replace("  note:\n    type: text\n", ""))
    sync_schema(registry, allow_destructive=True)
    assert "note" not in columns(registry, "x_item")
    assert select(registry, "SELECT name FROM x_item") == [("a",)]


def test_dropping_an_empty_column_is_allowed(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a")
    registry = schema(BASE.replace("  note:\n    type: text\n", ""))
    changes = sync_schema(registry)
    assert [(c.operation, c.column, c.destructive) for c in changes] == [("remove_column", "note", False)]
    assert "note" not in columns(registry, "x_item")


def test_a_refused_plan_applies_nothing(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a", note="precious")
    changed = schema(BASE.replace("  note:\n    type: text\n", "  added:\n    type: char\n"))
    with pytest.raises(SchemaError):
        sync_schema(changed)
    assert "added" not in columns(changed, "x_item")


# -- renaming ---------------------------------------------------------------------------------
def test_rename_from_keeps_the_data(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a", note="moved along")
    registry = schema(
        BASE.replace("  note:\n    type: text\n", "  comment:\n    type: text\n    rename_from: note\n")
    )
    changes = sync_schema(registry)
    assert [(c.operation, c.column) for c in changes] == [("rename_column", "note")]
    assert "note" not in columns(registry, "x_item")
    assert select(registry, "SELECT name, comment FROM x_item") == [("a", "moved along")]


# -- plan and log -----------------------------------------------------------------------------
def test_plan_is_computed_without_applying(schema):
    registry = schema(BASE)
    sync_schema(registry)
    registry = schema(BASE + "  price:\n    type: float\n")
    assert [(c.operation, c.column) for c in compute_plan(registry)] == [("add_column", "price")]
    assert "price" not in columns(registry, "x_item")


def test_every_applied_change_is_logged(schema):
    registry = schema(BASE, with_base=True)
    sync_schema(registry, reason="install x")
    insert(registry, "x_item", name="a", note="text")
    registry = schema(BASE.replace("size: 20", "size: 5").replace("  note:\n    type: text\n", "")
                      + "  price:\n    type: float\n", with_base=True)
    sync_schema(registry, allow_destructive=True, reason="upgrade x")
    assert log(registry) == [
        ("add_table", "x_item", None, False),
        ("add_column", "x_item", "price", False),
        ("alter_type", "x_item", "name", True),
        ("remove_column", "x_item", "note", True),
    ]
    reasons = select(registry, "SELECT DISTINCT reason FROM ir_schema_migration WHERE table_name = 'x_item'")
    assert sorted(r[0] for r in reasons) == ["install x", "upgrade x"]


def test_refused_changes_are_not_logged(schema):
    registry = schema(BASE, with_base=True)
    sync_schema(registry)
    insert(registry, "x_item", note="text")
    with pytest.raises(SchemaError):
        sync_schema(schema(BASE.replace("  note:\n    type: text\n", ""), with_base=True))
    assert log(registry) == [("add_table", "x_item", None, False)]


# -- trigram indexes --------------------------------------------------------------------------
TRIGRAM = BASE.replace("  note:\n    type: text\n", "  note:\n    type: text\n    index: trigram\n")


def _note_indexes(registry: Registry) -> list[dict]:
    with registry.engine.connect() as conn:
        return [i for i in sa.inspect(conn).get_indexes("x_item") if i["column_names"] == ["note"]]


def test_trigram_index_is_added_to_an_existing_column_and_then_left_alone(schema):
    sync_schema(schema(BASE))
    registry = schema(TRIGRAM)
    assert [(c.operation, c.column) for c in sync_schema(registry)] == [("add_index", "note")]
    [index] = _note_indexes(registry)
    if registry.engine.dialect.name == "postgresql":
        assert index["dialect_options"]["postgresql_using"] == "gin"
        definition = select(registry, "SELECT indexdef FROM pg_indexes WHERE indexname = "
                                      f"'{index['name']}'")[0][0]
        assert "gin_trgm_ops" in definition
    assert sync_schema(schema(TRIGRAM)) == []


def test_trigram_index_serves_ilike_searches_on_postgresql(schema):
    registry = schema(TRIGRAM)
    sync_schema(registry)
    if registry.engine.dialect.name != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's; SQLite gets a plain index")
    with registry.engine.begin() as conn:
        conn.execute(sa.insert(registry.metadata.tables["x_item"]),
                     [{"name": f"n{i}", "note": f"note number {i} of the batch"} for i in range(2000)])
        conn.exec_driver_sql("ANALYZE x_item")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        explain = sa.text("EXPLAIN SELECT id FROM x_item WHERE note ILIKE :pattern")
        plan = "\n".join(row[0] for row in conn.execute(explain, {"pattern": "%number 1234 %"}))
    assert "ix_x_item_note_trgm" in plan


def test_removing_the_trigram_index_drops_it(schema):
    sync_schema(schema(TRIGRAM))
    registry = schema(BASE)
    assert [(c.operation, c.column) for c in sync_schema(registry)] == [("remove_index", "note")]
    assert _note_indexes(registry) == []
