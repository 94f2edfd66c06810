"""The attendance kiosk: check in and out by name and PIN (attendance_manual), and its pages."""
from __future__ import annotations

import re

import pytest

from addons.hr_attendance.controllers.kiosk import hours_minutes
from core import clock
from core.exceptions import AccessError, UserError, ValidationError

OFFICER = "hr_attendance.group_hr_attendance_officer"


def use_pin(env, on=True):
    env["ir.config_parameter"].sudo().set_param("hr_attendance.kiosk_use_pin", "True" if on else "False")


def test_the_kiosk_checks_in_then_out(env, as_user, make_employee):
    ana = make_employee("ana")
    make_employee("desk", groups=(OFFICER,))
    kiosk = as_user("desk")["hr.employee"].browse(ana.id)
    with clock.frozen("2026-03-02 08:02:00"):
        came = kiosk.attendance_manual("check_in")
    assert came["attendance_state"] == "checked_in" and str(came["check_in"]) == "2026-03-02 08:02:00"
    with clock.frozen("2026-03-02 15:47:00"):
        left = kiosk.attendance_manual("check_out")
    assert left["attendance_state"] == "checked_out" and str(left["check_out"]) == "2026-03-02 15:47:00"
    assert ana.attendance_ids.worked_hours == 7.75
    with pytest.raises(UserError, match="already checked out"):
        kiosk.attendance_manual("check_out")


def test_a_wrong_pin_writes_nothing(env, as_user, make_employee):
    use_pin(env)
    ana = make_employee("ana", pin="4321")
    make_employee("desk", groups=(OFFICER,))
    kiosk = as_user("desk")["hr.employee"].browse(ana.id)
    for wrong in ("1234", None, ""):
        with pytest.raises(UserError, match="Wrong PIN"):
            kiosk.attendance_manual("check_in", wrong)
    assert not ana.attendance_ids
    assert kiosk.attendance_manual("check_in", "4321")["attendance_state"] == "checked_in"
    assert len(ana.attendance_ids) == 1


def test_without_the_setting_no_pin_is_asked(env, as_user, make_employee):
    use_pin(env, False)
    ana = make_employee("ana", pin="4321")
    make_employee("desk", groups=(OFFICER,))
    result = as_user("desk")["hr.employee"].browse(ana.id).attendance_manual()
    assert result["attendance_state"] == "checked_in"


def test_an_employee_without_pin_is_told_to_ask_hr(env, as_user, make_employee):
    use_pin(env)
    eva = make_employee("eva")
    make_employee("desk", groups=(OFFICER,))
    with pytest.raises(UserError, match="Eva has no PIN yet"):
        as_user("desk")["hr.employee"].browse(eva.id).attendance_manual("check_in", "")


def test_only_attendance_officers_run_the_kiosk(env, as_user, make_employee):
    ana = make_employee("ana")
    eva = make_employee("eva")
    with pytest.raises(AccessError, match="attendance officers"):
        as_user("eva")["hr.employee"].browse(ana.id).attendance_manual()
    with pytest.raises(AccessError, match="attendance officers"):
        as_user("eva")["hr.employee"].browse(eva.id).attendance_manual()
    assert not (ana | eva).mapped("attendance_ids")


def test_a_pin_is_digits(env, make_employee):
    with pytest.raises(ValidationError, match="PIN of Ana must be a sequence of digits") as refused:
        make_employee("ana", pin="12a4")
    assert refused.value.field == "pin"


def test_hours_read_as_hours_and_minutes():
    assert (hours_minutes(7.75), hours_minutes(0), hours_minutes(8.0167)) == ("7:45", "0:00", "8:01")


@pytest.fixture
def kiosk_people(in_db):
    def make(env):
        officer = env.ref(OFFICER)
        user = env.ref("base.group_user")
        desk = env["res.users"].create({"name": "Desk", "login": "desk", "password": "desk",
                                        "groups_id": [(6, 0, [user.id, officer.id])]})
        plain = env["res.users"].create({"name": "Plain", "login": "plain", "password": "plain",
                                         "groups_id": [(6, 0, [user.id])]})
        ana = env["hr.employee"].create({"name": "Ana Ruiz", "pin": "4321"})
        env["hr.employee"].create({"name": "Bruno Gil"})
        env["ir.config_parameter"].set_param("hr_attendance.kiosk_use_pin", "True")
        return {"desk": desk.id, "plain": plain.id, "ana": ana.id}

    return in_db(make)


def test_the_kiosk_pages(login_as, in_db, kiosk_people):
    desk = login_as("desk")
    names = desk.get("/hr_attendance/kiosk").get_data(as_text=True)
    assert "Ana Ruiz" in names and "Bruno Gil" in names and 'data-kiosk-filter' in names
    found = desk.get("/hr_attendance/kiosk?q=bru").get_data(as_text=True)
    assert "Bruno Gil" in found and "Ana Ruiz" not in found
    ana = kiosk_people["ana"]
    page = desk.get(f"/hr_attendance/kiosk/{ana}").get_data(as_text=True)
    assert 'name="pin"' in page and "Check In" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    wrong = desk.post(f"/hr_attendance/kiosk/{ana}", data={"csrf_token": token, "pin": "1111",
                                                           "next_action": "check_in"})
    assert wrong.status_code == 422 and "Wrong PIN" in wrong.get_data(as_text=True)
    assert in_db(lambda env: env["hr.attendance"].search_count([("employee_id", "=", ana)])) == 0
    came = desk.post(f"/hr_attendance/kiosk/{ana}", data={"csrf_token": token, "pin": "4321",
                                                          "next_action": "check_in"}).get_data(as_text=True)
    assert re.search(r"Welcome Ana, checked in at \d\d:\d\d", came)
    assert 'http-equiv="refresh"' in came and "/hr_attendance/kiosk" in came
    left = desk.post(f"/hr_attendance/kiosk/{ana}", data={"csrf_token": token, "pin": "4321",
                                                          "next_action": "check_out"}).get_data(as_text=True)
    assert re.search(r"Goodbye Ana, worked 0:0\d today", left)
    assert in_db(lambda env: env["hr.attendance"].search_count([("employee_id", "=", ana),
                                                                ("check_out", "!=", False)])) == 1


def test_the_kiosk_is_for_attendance_officers(login_as, kiosk_people):
    plain = login_as("plain")
    assert plain.get("/hr_attendance/kiosk").status_code == 403
    assert plain.get(f"/hr_attendance/kiosk/{kiosk_people['ana']}").status_code == 403


def test_the_pin_setting_is_on_the_settings_page(login_as, in_db):
    action = in_db(lambda env: env.ref("base.action_general_configuration").id)
    page = login_as("admin").get(f"/web/action/{action}").get_data(as_text=True)
    assert "Kiosk Mode" in page and "Employee PIN" in page

    def apply(env):
        env["res.config.settings"].create({"attendance_kiosk_use_pin": True}).execute()
        return env["ir.config_parameter"].get_param("hr_attendance.kiosk_use_pin")

    assert in_db(apply) == "True"
