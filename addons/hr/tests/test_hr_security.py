"""Who reads and edits which employee data: colleagues' public data, their own record, HR officers."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, ValidationError


@pytest.fixture
def staff(make_employee):
    officer = make_employee("officer", groups=("hr.group_hr_user",))
    ana = make_employee("ana", birthday="1990-05-04", identification_id="12345678Z")
    luis = make_employee("luis", birthday="1985-01-02")
    return officer, ana, luis


def test_employee_reads_colleagues_public_data(as_user, staff):
    _officer, _ana, luis = staff
    row = as_user("ana")["hr.employee"].browse(luis.id).read()[0]
    assert row["name"] == "Luis" and row["work_email"] == "luis@example.com"
    assert "birthday" not in row and "identification_id" not in row


def test_private_data_is_refused_to_colleagues_and_to_oneself(as_user, staff):
    _officer, ana, luis = staff
    employees = as_user("ana")["hr.employee"]
    with pytest.raises(AccessError):
        employees.browse(luis.id).read(["birthday"])
    with pytest.raises(AccessError):
        employees.browse(ana.id).read(["identification_id"])
    with pytest.raises((AccessError, ValidationError)):  # the field does not exist for the user
        employees.search([("birthday", "<", "2000-01-01")])


def test_hr_officer_reads_and_edits_private_data(as_user, staff):
    _officer, ana, _luis = staff
    employees = as_user("officer")["hr.employee"]
    assert str(employees.browse(ana.id).read(["birthday"])[0]["birthday"]) == "1990-05-04"
    employees.browse(ana.id).write({"private_phone": "+34 600 000 000", "department_id": False})


def test_employee_edits_own_phone_only(as_user, staff):
    _officer, ana, luis = staff
    employees = as_user("ana")["hr.employee"]
    employees.browse(ana.id).write({"work_phone": "+34 976 111 222"})
    assert ana.work_phone
    with pytest.raises(AccessError):
        employees.browse(luis.id).write({"work_phone": "+34 976 111 333"})
    with pytest.raises(AccessError, match="parent_id"):
        employees.browse(ana.id).write({"parent_id": luis.id})


def test_employee_cannot_create_employees(as_user, staff):
    with pytest.raises(AccessError):
        as_user("ana")["hr.employee"].create({"name": "Ghost"})


def test_contracts_are_for_hr_officers_only(env, as_user, staff):
    _officer, ana, _luis = staff
    env["hr.contract"].create({"name": "C1", "employee_id": ana.id, "wage": 2000})
    with pytest.raises(AccessError):
        as_user("ana")["hr.contract"].search([])
    assert as_user("officer")["hr.contract"].search_count([("employee_id", "=", ana.id)]) == 1


def test_officers_get_the_private_pages_of_the_employee_form(as_user, staff):
    def pages(login):
        arch = as_user(login)["hr.employee"].get_views([[False, "form"]])["views"]["form"]["arch"]
        return "private_information" in arch, "contracts" in arch

    assert pages("officer") == (True, True)
    assert pages("ana") == (False, False)
