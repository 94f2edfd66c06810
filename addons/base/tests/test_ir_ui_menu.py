"""ir.ui.menu.action: the 'model,id' reference Odoo's scripts read and write beside action_id."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def window(env):
    return env["ir.actions.act_window"].create({"name": "Partners again", "res_model": "res.partner"})


def test_action_reads_as_model_comma_id(env, window):
    menu = env["ir.ui.menu"].create({"name": "With action", "action_id": window.id})
    assert menu.action == f"ir.actions.act_window,{window.id}"
    assert env["ir.ui.menu"].create({"name": "Without"}).action is False
    row = menu.read(["action", "action_id"])[0]
    assert row["action"] == f"ir.actions.act_window,{window.id}" and row["action_id"][0] == window.id


def test_writing_action_sets_action_id(env, window):
    menu = env["ir.ui.menu"].create({"name": "Written", "action": f"ir.actions.act_window,{window.id}"})
    assert menu.action_id == window
    menu.write({"action": False})
    assert not menu.action_id and menu.action is False
    menu.write({"action": f"ir.actions.act_window,{window.id}"})
    assert menu.action_id == window


def test_menus_are_searched_by_action(env, window):
    menu = env["ir.ui.menu"].create({"name": "Found", "action": f"ir.actions.act_window,{window.id}"})
    reference = f"ir.actions.act_window,{window.id}"
    assert env["ir.ui.menu"].search([("action", "=", reference)]) == menu
    assert env["ir.ui.menu"].search([("action", "in", [reference])]) == menu
    assert menu not in env["ir.ui.menu"].search([("action", "!=", reference)])


@pytest.mark.parametrize(("value", "reason"), [
    ("ir.actions.act_window", "expected 'model,id'"),
    ("ir.actions.act_window,abc", "expected 'model,id'"),
    ("ir.actions.server,3", "menus open window actions"),
    ("ir.actions.act_window,999999", "does not exist"),
])
def test_a_bad_reference_is_refused_and_changes_nothing(env, window, value, reason):
    menu = env["ir.ui.menu"].create({"name": "Kept", "action_id": window.id})
    with pytest.raises(ValidationError, match=reason):
        menu.write({"action": value})
    assert menu.action_id == window
