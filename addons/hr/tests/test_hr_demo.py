"""The demo company: 40 people in six departments with managers and running contracts."""
from __future__ import annotations


def test_demo_company_has_forty_people_in_six_managed_departments(env):
    assert env["hr.employee"]._demo_generate_company(seed=3) is True
    employees = env["hr.employee"].search([])
    departments = env["hr.department"].search([])
    assert len(employees) == 40 and len(departments) == 6
    assert all(d.manager_id and d.manager_id.department_id == d for d in departments)
    root = departments.filtered(lambda d: not d.parent_id)
    assert len(root) == 1 and (departments - root).mapped("parent_id") == root
    ceo = root.manager_id
    assert ceo.user_id == env.ref("base.user_admin") and not ceo.parent_id
    assert all(e.parent_id for e in employees - ceo)
    assert all(e.contract_id for e in employees) and all(e.image_128 for e in employees)


def test_demo_company_is_made_once_per_seed(env):
    env["hr.employee"]._demo_generate_company(seed=3)
    assert env["hr.employee"]._demo_generate_company(seed=3) is False
    assert env["hr.employee"].search_count([]) == 40
