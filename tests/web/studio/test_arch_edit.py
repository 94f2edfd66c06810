"""Arranging a view's arch in the studio, and the extension changes that record the arrangement."""

from __future__ import annotations

import random

import pytest

from core.addon.view_arch import apply_changes
from core.exceptions import ValidationError
from web.studio import arch_edit
from web.studio.arch_edit import Position
from web.studio.compact import studio_changes

FORM = {
    "title": [{"field": "name"}],
    "sheet": [
        {
            "group": "main",
            "children": [
                {"group": "left", "children": [{"field": "a"}, {"field": "b"}, {"field": "c"}]},
                {"group": "right", "children": [{"field": "d", "invisible": "not a"}]},
            ],
        },
        {
            "notebook": "pages",
            "children": [{"page": "notes", "string": "Notes", "children": [{"field": "e"}]}],
        },
    ],
}
LIST = {"columns": [{"field": "name"}, {"field": "a"}, {"field": "b", "sum": True}, {"field": "c"}]}


def names(arch, view_type="form"):
    return arch_edit.field_names(arch, view_type)


def test_a_new_field_goes_after_its_anchor():
    arranged = arch_edit.place(FORM, "form", {"field": "x_new"}, Position("after", "a"))
    assert names(arranged) == ["name", "a", "x_new", "b", "c", "d", "e"]


def test_a_field_at_the_end_of_a_page():
    arranged = arch_edit.place(FORM, "form", {"field": "x_new"}, Position("inside", "notes"))
    assert names(arranged)[-2:] == ["e", "x_new"]


def test_placing_a_shown_field_moves_it_with_its_attributes():
    arranged = arch_edit.place(FORM, "form", {"field": "d"}, Position("before", "a"))
    assert names(arranged) == ["name", "d", "a", "b", "c", "e"]
    assert arch_edit.find(arranged, "form", "d").node == {"field": "d", "invisible": "not a"}


def test_a_field_cannot_go_inside_a_notebook():
    with pytest.raises(ValidationError) as refused:
        arch_edit.place(FORM, "form", {"field": "x_new"}, Position("inside", "pages"))
    assert refused.value.field == "position"


def test_an_unknown_anchor_is_refused_naming_the_position():
    with pytest.raises(ValidationError) as refused:
        arch_edit.place(FORM, "form", {"field": "x_new"}, Position("after", "nope"))
    assert refused.value.field == "position" and "nope" in refused.value.message


def test_a_position_must_say_where_and_what():
    with pytest.raises(ValidationError):
        Position.parse("sideways:a")


def test_moving_up_swaps_with_the_previous_field():
    assert names(arch_edit.move(FORM, "form", "b", -1)) == ["name", "b", "a", "c", "d", "e"]


def test_moving_the_first_field_up_changes_nothing():
    assert arch_edit.move(FORM, "form", "a", -1) == FORM


def test_hiding_then_showing_restores_the_condition_of_the_view():
    base_node = arch_edit.find(FORM, "form", "d").node
    hidden = arch_edit.set_hidden(FORM, "form", "d", True)
    assert arch_edit.find(hidden, "form", "d").node["invisible"] is True
    shown = arch_edit.set_hidden(hidden, "form", "d", False, base_node)
    assert shown == FORM


def test_edits_leave_their_argument_alone():
    before = repr(FORM)
    arch_edit.place(FORM, "form", {"field": "x_new"}, Position("inside", "left"))
    arch_edit.remove(FORM, "form", "a")
    assert repr(FORM) == before


def test_positions_offer_containers_and_fields_but_not_notebooks():
    offered = [value for value, _where, _name in arch_edit.positions(FORM, "form")]
    assert "inside:left" in offered and "after:e" in offered and "inside:pages" not in offered


def test_a_field_moved_to_another_group_is_one_remove_and_one_insertion():
    arranged = arch_edit.place(FORM, "form", {"field": "a"}, Position("after", "d"))
    assert studio_changes(FORM, arranged, "form") == [
        {"remove": "a"},
        {"after": "d", "nodes": [{"field": "a"}]},
    ]


def test_a_field_moved_many_times_stays_two_changes():
    arranged = FORM
    for step in (1, 1, -1, -1, -1, 1, 1):
        arranged = arch_edit.move(arranged, "form", "a", step)
    assert len(studio_changes(FORM, arranged, "form")) == 2


def test_hiding_is_an_attribute_change():
    hidden = arch_edit.set_hidden(LIST, "list", "a", True)
    assert studio_changes(LIST, hidden, "list") == [{"attributes": "a", "set": {"invisible": True}}]


def test_an_unchanged_view_needs_no_change():
    assert (
        studio_changes(FORM, arch_edit.move(arch_edit.move(FORM, "form", "b", 1), "form", "b", -1), "form")
        == []
    )


def test_a_taken_out_field_is_a_remove():
    assert studio_changes(LIST, arch_edit.remove(LIST, "list", "b"), "list") == [{"remove": "b"}]


def test_a_moved_column_keeps_its_attributes():
    arranged = arch_edit.place(LIST, "list", {"field": "b"}, Position("after", "c"))
    changes = studio_changes(LIST, arranged, "list")
    assert changes == [{"remove": "b"}, {"after": "c", "nodes": [{"field": "b", "sum": True}]}]


@pytest.mark.parametrize("seed", range(25))
def test_changes_rebuild_any_arrangement(seed):
    chance = random.Random(seed)
    arranged = FORM
    for _step in range(12):
        shown = names(arranged)
        kind = chance.choice(["move", "place", "hide", "remove", "add"])
        name = chance.choice(shown) if shown else "a"
        if kind == "move":
            arranged = arch_edit.move(arranged, "form", name, chance.choice((-1, 1)))
        elif kind == "place" and len(shown) > 1:
            _value, where, target = chance.choice(
                [p for p in arch_edit.positions(arranged, "form") if p[2] != name]
            )
            arranged = arch_edit.place(arranged, "form", {"field": name}, Position(where, target))
        elif kind == "hide":
            arranged = arch_edit.set_hidden(arranged, "form", name, True)
        elif kind == "remove":
            arranged = arch_edit.remove(arranged, "form", name)
        else:
            arranged = arch_edit.place(
                arranged, "form", {"field": f"x_f{_step}"}, Position("inside", "right")
            )
    changes = studio_changes(FORM, arranged, "form")
    rebuilt = apply_changes(FORM, changes)
    assert names(rebuilt) == names(arranged)
    assert arch_edit.find(rebuilt, "form", "name") == arch_edit.find(arranged, "form", "name")
