"""The time off flow over XML-RPC with Odoo's names, as an Odoo script would run it: an employee, an
allocation, a request, the approvals, then the days and the balance read back."""
from __future__ import annotations

import xmlrpc.client

import pytest

from core.rpc import auth
from tests.rpc.server import live_server


@pytest.fixture(scope="module")
def server(template_url):
    with live_server(template_url, "hr_rpc") as live:
        yield live


def rpc(server, login, password):
    auth.reset_throttling()
    uid = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/common").authenticate(server.db, login,
                                                                                     password, {})
    assert uid, f"login {login} refused"
    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    return lambda model, method, *args, **kw: models.execute_kw(server.db, uid, password, model, method,
                                                                list(args), kw)


def test_allocate_request_approve_and_read_the_balance(server):
    admin = rpc(server, "admin", "admin")
    user_group = admin("ir.model.data", "search_read", [("module", "=", "base"), ("name", "=", "group_user")],
                       ["res_id"])[0]["res_id"]
    boss_user = admin("res.users", "create", {"name": "Marta", "login": "marta", "password": "marta-pass-1",
                                              "groups_id": [(6, 0, [user_group])]})
    boss = admin("hr.employee", "create", {"name": "Marta", "user_id": boss_user})
    ana_user = admin("res.users", "create", {"name": "Ana", "login": "ana", "password": "ana-pass-1",
                                             "groups_id": [(6, 0, [user_group])]})
    ana = admin("hr.employee", "create", {"name": "Ana", "user_id": ana_user, "parent_id": boss})
    paid = admin("hr.leave.type", "search", [("name", "=", "Paid Time Off")])[0]

    allocation = admin("hr.leave.allocation", "create", {"name": "2026", "employee_id": ana,
                                                         "holiday_status_id": paid, "number_of_days": 22})
    assert admin("hr.leave.allocation", "action_approve", [allocation]) is True

    as_ana = rpc(server, "ana", "ana-pass-1")
    leave = as_ana("hr.leave", "create", {"holiday_status_id": paid, "request_date_from": "2026-04-01",
                                          "request_date_to": "2026-04-07"})
    as_boss = rpc(server, "marta", "marta-pass-1")
    assert as_boss("hr.leave", "action_approve", [leave]) is True
    assert admin("hr.leave", "action_validate", [leave]) is True

    [row] = admin("hr.leave", "read", [leave], ["number_of_days", "state", "employee_id"])
    # 1-7 April 2026: Good Friday and the weekend are not counted
    assert row["number_of_days"] == 4 and row["state"] == "validate" and row["employee_id"][0] == ana
    [balance] = admin("hr.leave.type", "read", [paid], ["remaining_leaves", "virtual_remaining_leaves"],
                      context={"employee_id": ana})
    assert balance["remaining_leaves"] == 18 and balance["virtual_remaining_leaves"] == 18
    [employee] = admin("hr.employee", "read", [ana], ["remaining_leaves"])
    assert employee["remaining_leaves"] == 18


def test_overlap_is_a_clear_fault(server):
    admin = rpc(server, "admin", "admin")
    employee = admin("hr.employee", "create", {"name": "Luis"})
    unpaid = admin("hr.leave.type", "search", [("name", "=", "Unpaid")])[0]
    values = {"employee_id": employee, "holiday_status_id": unpaid,
              "request_date_from": "2026-05-04", "request_date_to": "2026-05-05"}
    admin("hr.leave", "create", values)
    with pytest.raises(xmlrpc.client.Fault) as fault:
        admin("hr.leave", "create", values)
    assert fault.value.faultCode == 2 and "cannot overlap" in fault.value.faultString
    assert admin("hr.leave", "search_count", [("employee_id", "=", employee)]) == 1
