"""The organisation chart page: employees nested under their managers."""
from __future__ import annotations

import pytest

from addons.hr.controllers.org_chart import build_tree
from tests.fixtures.web_client import csrf_token, log_in
from web.app import create_app


def rows():
    return [{"id": 1, "name": "Boss", "parent_id": False},
            {"id": 2, "name": "Ana", "parent_id": (1, "Boss")},
            {"id": 3, "name": "Luis", "parent_id": (2, "Ana")},
            {"id": 4, "name": "Eva", "parent_id": (1, "Boss")},
            {"id": 5, "name": "Loner", "parent_id": (99, "Hidden")}]


def test_tree_nests_employees_under_managers():
    roots = build_tree(rows(), str)
    assert [r.name for r in roots] == ["Boss", "Loner"]
    boss = roots[0]
    assert [c.name for c in boss.children] == ["Ana", "Eva"]
    assert [c.name for c in boss.children[0].children] == ["Luis"]


def test_focus_keeps_the_chain_above_and_the_team_below():
    roots = build_tree(rows(), str, focus=2)
    assert [r.name for r in roots] == ["Boss"]
    assert [c.name for c in roots[0].children] == ["Ana"]
    ana = roots[0].children[0]
    assert ana.focused and [c.name for c in ana.children] == ["Luis"]


@pytest.fixture
def client(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        group = env.ref("base.group_user").id
        user = env["res.users"].create({"name": "Ana", "login": "ana", "password": "ana-secret-1",
                                        "groups_id": [(6, 0, [group])]})
        boss = env["hr.employee"].create({"name": "Marta Boss", "job_title": "CEO", "birthday": "1970-01-02"})
        assert boss.id == 1
        # a customisation putting an officers-only field on the form: colleagues must still get the form
        env["ir.ui.view"].create({"name": "birthday on form", "model": "hr.employee",
                                  "inherit_id": env.ref("hr.view_employee_form").id,
                                  "arch": {"changes": [{"inside": "employee_org",
                                                        "nodes": [{"field": "birthday"}]}]}})
        env["hr.employee"].create({"name": "Ana Team", "parent_id": boss.id, "user_id": user.id})
    app = create_app(registry.url, {"TESTING": True})
    client = app.test_client()
    assert log_in(client, "ana", "ana-secret-1").status_code == 302
    client.csrf = csrf_token(client, "/web")
    return client


def test_org_chart_page_shows_the_hierarchy(client):
    html = client.get("/hr/org-chart").get_data(as_text=True)
    assert "Organisation Chart" in html
    boss_at, ana_at = html.index("Marta Boss"), html.index("Ana Team")
    assert boss_at < ana_at and "CEO" in html
    assert html.count('class="org-chart-level"') == 2  # Ana is one level below her manager


def test_employee_form_hides_private_data_from_colleagues(client):
    html = client.get("/web/model/hr.employee/1").get_data(as_text=True)
    assert "Marta Boss" in html and "Work Information" in html
    assert "Private Information" not in html and "Date of Birth" not in html

