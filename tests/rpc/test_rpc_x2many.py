"""x2many command tuples on write, over XML-RPC, as Odoo clients send them."""

from __future__ import annotations

import pytest


@pytest.fixture
def company(admin) -> int:
    return admin("res.partner", "create", {"name": "Parent Co", "is_company": True})


@pytest.fixture
def tags(admin) -> list[int]:
    return admin("res.partner.category", "create", [{"name": "T1"}, {"name": "T2"}, {"name": "T3"}])


def categories(admin, pid: int) -> list[int]:
    return sorted(admin("res.partner", "read", [pid], ["category_id"])[0]["category_id"])


def test_six_replaces(admin, company, tags):
    admin("res.partner", "write", [company], {"category_id": [(6, 0, tags[:2])]})
    assert categories(admin, company) == sorted(tags[:2])


def test_four_links_and_three_unlinks(admin, company, tags):
    admin("res.partner", "write", [company], {"category_id": [(4, tags[0]), (4, tags[1])]})
    admin("res.partner", "write", [company], {"category_id": [(3, tags[0])]})
    assert categories(admin, company) == [tags[1]]


def test_five_clears(admin, company, tags):
    admin("res.partner", "write", [company], {"category_id": [(6, 0, tags)]})
    admin("res.partner", "write", [company], {"category_id": [(5,)]})
    assert categories(admin, company) == []


def test_zero_creates_a_child(admin, company):
    admin("res.partner", "write", [company], {"child_ids": [(0, 0, {"name": "New Child"})]})
    children = admin("res.partner", "read", [company], ["child_ids"])[0]["child_ids"]
    assert admin("res.partner", "read", children, ["name"])[0]["name"] == "New Child"


def test_one_writes_the_child(admin, company):
    child = admin("res.partner", "create", {"name": "Kid", "parent_id": company})
    admin("res.partner", "write", [company], {"child_ids": [(1, child, {"name": "Renamed Kid"})]})
    assert admin("res.partner", "read", [child], ["name"])[0]["name"] == "Renamed Kid"


def test_two_deletes_the_child(admin, company):
    child = admin("res.partner", "create", {"name": "Kid2", "parent_id": company})
    admin("res.partner", "write", [company], {"child_ids": [(2, child)]})
    assert admin("res.partner", "exists", [child]) == []
