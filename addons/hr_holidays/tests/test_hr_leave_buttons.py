"""The approval buttons are shown to those who may use them (can_approve, can_validate, can_reset,
computed for the current user) and the actions still refuse everyone else."""
from __future__ import annotations

import pytest

from core.addon.view_lookup import find_view
from core.exceptions import AccessError
from core.safe_eval import base_scope, safe_eval

PAID, SICK = "hr_holidays.holiday_status_cl", "hr_holidays.holiday_status_sl"
UNPAID = "hr_holidays.holiday_status_unpaid"


def request(env, employee, first, last, xmlid=PAID):
    return env["hr.leave"].create({"employee_id": employee.id, "holiday_status_id": env.ref(xmlid).id,
                                   "request_date_from": first, "request_date_to": last})


def visible_buttons(user_env, model, record_id):
    """Names of the form's header buttons the user sees on the record, as the web client decides."""
    user_env.invalidate_all()
    _view, arch = find_view(user_env, model, "form")
    record = user_env[model].browse(record_id)
    buttons = [node for node in arch["header"] if "button" in node]
    names = {name for node in buttons for name in _names(node.get("invisible"))}
    scope = base_scope()
    scope.update({name: record[name] for name in names if name in record._fields})
    scope.update({name: value.id for name, value in scope.items()
                  if name in record._fields and record._fields[name].type == "many2one"})
    return {node["button"] for node in buttons
            if not node.get("invisible") or not safe_eval(node["invisible"], scope, strict=False)}


def _names(expression):
    return [word for word in str(expression or "").replace("(", " ").replace(")", " ").split()
            if word.isidentifier()]


def flags(leave):
    leave.env.invalidate_all()  # one transaction for several users: the flags are the current user's
    return (leave.can_approve, leave.can_validate, leave.can_reset)


def test_flags_per_user_for_a_type_approved_by_manager_then_hr(env, as_user, team):
    leave = request(as_user("ana")["hr.leave"].env, team.ana, "2026-03-02", "2026-03-03")
    assert flags(as_user("ana")["hr.leave"].browse(leave.id)) == (False, False, True)
    assert flags(as_user("boss")["hr.leave"].browse(leave.id)) == (True, False, False)
    assert flags(as_user("officer")["hr.leave"].browse(leave.id)) == (True, True, True)


def test_the_requester_sees_no_approve_or_refuse_button(env, as_user, team):
    leave = request(env, team.ana, "2026-03-02", "2026-03-03")
    assert visible_buttons(as_user("ana"), "hr.leave", leave.id) == {"action_draft"}
    assert visible_buttons(as_user("boss"), "hr.leave", leave.id) == {"action_approve", "action_refuse"}
    assert visible_buttons(as_user("officer"), "hr.leave", leave.id) == \
        {"action_approve", "action_refuse", "action_draft"}
    as_user("boss")["hr.leave"].browse(leave.id).action_approve()
    assert visible_buttons(as_user("boss"), "hr.leave", leave.id) == {"action_refuse"}
    assert visible_buttons(as_user("officer"), "hr.leave", leave.id) == {"action_validate", "action_refuse"}


def test_a_manager_sees_no_approve_button_on_types_hr_approves(env, as_user, team):
    leave = request(env, team.ana, "2026-03-09", "2026-03-10", SICK)
    assert flags(as_user("boss")["hr.leave"].browse(leave.id))[:2] == (False, False)
    assert flags(as_user("officer")["hr.leave"].browse(leave.id))[:2] == (True, True)


def test_an_officer_does_not_approve_their_own_time_off_but_an_administrator_does(env, as_user, team,
                                                                                  make_employee):
    mine = request(env, team.officer, "2026-03-09", "2026-03-10", UNPAID)
    officer = as_user("officer")["hr.leave"].browse(mine.id)
    assert flags(officer)[:2] == (False, False)
    with pytest.raises(AccessError, match="own"):
        officer.action_approve()
    with pytest.raises(AccessError, match="own"):
        officer.action_refuse()
    admin = make_employee("chief", groups=("hr_holidays.group_hr_holidays_manager",))
    theirs = request(env, admin, "2026-03-09", "2026-03-10", UNPAID)
    assert as_user("chief")["hr.leave"].browse(theirs.id).can_approve
    as_user("chief")["hr.leave"].browse(theirs.id).action_approve()
    assert theirs.state == "validate"


def test_the_server_still_refuses_whoever_has_no_flag(env, as_user, team):
    leave = request(env, team.ana, "2026-03-02", "2026-03-03")
    for login in ("ana", "eva"):
        with pytest.raises(AccessError):
            as_user(login)["hr.leave"].browse(leave.id).action_approve()
        with pytest.raises(AccessError):
            as_user(login)["hr.leave"].browse(leave.id).action_refuse()
    assert leave.state == "confirm"


def test_only_officers_see_the_allocation_buttons(env, as_user, team):
    allocation = env["hr.leave.allocation"].create({"employee_id": team.eva.id, "number_of_days": 3,
                                                    "holiday_status_id": env.ref(PAID).id})
    env.invalidate_all()
    assert not as_user("boss")["hr.leave.allocation"].browse(allocation.id).can_approve
    env.invalidate_all()
    assert as_user("officer")["hr.leave.allocation"].browse(allocation.id).can_approve
    assert visible_buttons(as_user("officer"), "hr.leave.allocation", allocation.id) == \
        {"action_validate", "action_refuse"}
    with pytest.raises(AccessError):
        as_user("boss")["hr.leave.allocation"].browse(allocation.id).action_validate()
    assert allocation.state == "confirm"
