"""The fixtures give a database with base installed, rolled back after each test."""
from __future__ import annotations


def test_admin_exists_with_odoo_id(env):
    admin = env.ref("base.user_admin")
    assert admin.id == 2
    assert admin.login == "admin"


def test_changes_are_rolled_back_between_tests_part_one(env):
    env["res.partner"].create({"name": "Rolled Back Partner"})
    assert env["res.partner"].search_count([("name", "=", "Rolled Back Partner")]) == 1


def test_changes_are_rolled_back_between_tests_part_two(env):
    assert env["res.partner"].search_count([("name", "=", "Rolled Back Partner")]) == 0
