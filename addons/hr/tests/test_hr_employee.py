"""Employees: work contacts, the manager and department trees, users' own employee."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def test_new_employee_gets_a_work_contact(env, make_employee):
    ana = make_employee("ana", work_phone="+34 976 000 001")
    assert ana.work_contact_id.name == "Ana"
    assert ana.work_contact_id.email == "ana@example.com"
    ana.write({"name": "Ana Gil", "work_email": "ana.gil@example.com"})
    assert (ana.work_contact_id.name, ana.work_contact_id.email) == ("Ana Gil", "ana.gil@example.com")


def test_new_employee_works_on_the_company_schedule(env, make_employee):
    assert make_employee("ana").resource_calendar_id == env.ref("resource.resource_calendar_std")


def test_user_finds_their_employee(env, make_employee):
    ana = make_employee("ana")
    assert ana.user_id.employee_id == ana


def test_manager_cycle_is_refused(env, make_employee):
    boss = make_employee("boss")
    ana = make_employee("ana", manager=boss)
    with pytest.raises(ValidationError, match="Boss"):
        boss.write({"parent_id": ana.id})


def test_subordinates_are_counted(env, make_employee):
    boss = make_employee("boss")
    make_employee("ana", manager=boss)
    make_employee("luis", manager=boss)
    assert boss.subordinate_count == 2


def test_department_complete_name_follows_the_tree(env):
    Department = env["hr.department"]
    sales = Department.create({"name": "Sales"})
    inside = Department.create({"name": "Inside Sales", "parent_id": sales.id})
    assert inside.complete_name == "Sales / Inside Sales"
    sales.name = "Commercial"
    assert inside.complete_name == "Commercial / Inside Sales"
    assert inside in Department.search([("id", "child_of", sales.id)])


def test_department_cycle_is_refused(env):
    sales = env["hr.department"].create({"name": "Sales"})
    inside = env["hr.department"].create({"name": "Inside", "parent_id": sales.id})
    with pytest.raises(ValidationError):
        sales.write({"parent_id": inside.id})


def test_department_members_and_job_counts(env, make_employee):
    department = env["hr.department"].create({"name": "Support"})
    job = env["hr.job"].create({"name": "Agent", "department_id": department.id})
    make_employee("ana", department_id=department.id, job_id=job.id)
    make_employee("luis", department_id=department.id, job_id=job.id)
    assert department.total_employee == 2 and job.no_of_employee == 2


def test_org_chart_button_opens_the_employee_branch(env, make_employee):
    ana = make_employee("ana")
    action = ana.action_open_org_chart()
    assert action["type"] == "ir.actions.act_url" and action["url"].endswith(f"employee={ana.id}")
