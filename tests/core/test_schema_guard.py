"""Schema changes that would lose or mangle data explain themselves: a drop that looks like a rename,
values a type change cannot convert, selection values that records still hold."""
from __future__ import annotations

import pytest

from core.exceptions import MetadataError, SchemaError
from core.schema.apply import sync_schema
from tests.core.test_schema_sync import BASE, columns, insert, select

LEVELS = BASE + """\
  level:
    type: selection
    selection: [[bronze, Bronze], [silver, Silver], [gold, Gold]]
"""
WITHOUT_GOLD = LEVELS.replace(", [gold, Gold]", "")


def test_a_dropped_column_with_one_compatible_new_column_suggests_rename_from(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a", quantity=3)
    renamed = schema(BASE.replace("  quantity:\n", "  qty:\n"))
    with pytest.raises(SchemaError) as info:
        sync_schema(renamed)
    assert ("remove_column x_item.quantity: 1 values (renamed? declare rename_from: quantity on field 'qty' "
            "to keep its values)") in str(info.value)
    assert "qty" not in columns(renamed, "x_item")


def test_a_dropped_column_without_a_compatible_new_one_gets_no_rename_hint(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="a", note="precious")
    changed = schema(BASE.replace("  note:\n    type: text\n", "  flag:\n    type: boolean\n"))
    with pytest.raises(SchemaError) as info:
        sync_schema(changed)
    assert "remove_column x_item.note: 1 values" in str(info.value)
    assert "rename_from" not in str(info.value)


def test_allowed_type_change_names_the_rows_that_do_not_convert(schema):
    registry = schema(BASE)
    sync_schema(registry)
    for name in ("abc", "12", "x 1"):
        insert(registry, "x_item", name=name)
    to_integer = schema(BASE.replace("    type: char\n    size: 20\n", "    type: integer\n"))
    with pytest.raises(SchemaError) as info:
        sync_schema(to_integer, allow_destructive=True)
    assert str(info.value) == ("Cannot change x_item.name to INTEGER: 2 rows hold values that do not convert "
                               "(id 1: 'abc', id 3: 'x 1'). Correct or empty them first.")
    assert select(registry, "SELECT name FROM x_item ORDER BY id") == [("abc",), ("12",), ("x 1",)]


def test_allowed_type_change_applies_when_every_value_converts(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name=" 12")
    to_integer = schema(BASE.replace("    type: char\n    size: 20\n", "    type: integer\n"))
    sync_schema(to_integer, allow_destructive=True)
    assert select(to_integer, "SELECT name FROM x_item") == [(12,)]


def test_allowed_narrowing_names_the_values_that_are_too_long(schema):
    registry = schema(BASE)
    sync_schema(registry)
    insert(registry, "x_item", name="short")
    insert(registry, "x_item", name="much too long")
    narrow = schema(BASE.replace("size: 20", "size: 5"))
    with pytest.raises(SchemaError, match=r"1 rows hold values that do not convert \(id 2: 'much too long'"):
        sync_schema(narrow, allow_destructive=True)


def test_removing_a_selection_value_in_use_is_refused(schema):
    registry = schema(LEVELS)
    sync_schema(registry)
    for level in ("gold", "gold", "silver"):
        insert(registry, "x_item", name="a", level=level)
    with pytest.raises(SchemaError) as info:
        sync_schema(schema(WITHOUT_GOLD))
    assert str(info.value) == (
        "Field level of x.item no longer has the value 'gold', which 2 records hold. Map it to a current "
        "value with selection_migrate: {gold: <value>} on the field (one of: bronze, silver), or run again "
        "with --allow-destructive to empty it.")
    assert select(registry, "SELECT level FROM x_item ORDER BY id") == [("gold",), ("gold",), ("silver",)]


def test_removing_an_unused_selection_value_passes(schema):
    registry = schema(LEVELS)
    sync_schema(registry)
    insert(registry, "x_item", name="a", level="silver")
    assert sync_schema(schema(WITHOUT_GOLD)) == []


def test_selection_migrate_maps_old_values_onto_current_ones(schema):
    registry = schema(LEVELS)
    sync_schema(registry)
    for level in ("gold", "bronze"):
        insert(registry, "x_item", name="a", level=level)
    migrated = schema(WITHOUT_GOLD + "    selection_migrate: {gold: silver}\n")
    changes = sync_schema(migrated)
    assert [(c.operation, c.details) for c in changes] == [("migrate_values", "gold -> silver: 1 rows")]
    assert select(migrated, "SELECT level FROM x_item ORDER BY id") == [("silver",), ("bronze",)]


def test_allow_destructive_empties_a_removed_selection_value(schema):
    registry = schema(LEVELS)
    sync_schema(registry)
    insert(registry, "x_item", name="a", level="gold")
    changes = sync_schema(schema(WITHOUT_GOLD), allow_destructive=True)
    assert [(c.operation, c.destructive) for c in changes] == [("clear_values", True)]
    assert select(registry, "SELECT level FROM x_item") == [(None,)]


def test_selection_migrate_to_a_value_the_field_lacks_is_refused_at_load(schema):
    with pytest.raises(MetadataError) as info:
        schema(WITHOUT_GOLD + "    selection_migrate: {gold: silvr}\n")
    assert info.value.line == 13
    assert info.value.reason == ("field 'level' of 'x.item': selection_migrate maps 'gold' to 'silvr', which "
                                 "is not one of its values (bronze, silver) (did you mean 'silver'?)")
