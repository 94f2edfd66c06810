"""Contracts: one at a time, the current one, expiry and the reminder before the end."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.exceptions import ValidationError


@pytest.fixture
def ana(make_employee):
    return make_employee("ana")


def contract(env, employee, start, end=None, state="open", name="C"):
    return env["hr.contract"].create({"name": name, "employee_id": employee.id, "wage": 2500,
                                      "date_start": start, "date_end": end or False, "state": state})


def test_overlapping_running_contracts_are_refused(env, ana):
    contract(env, ana, "2026-01-01", "2026-06-30")
    contract(env, ana, "2026-06-01", state="draft", name="C3")  # a new proposal may overlap
    contract(env, ana, "2026-07-01", "2026-12-31", name="C4")
    with pytest.raises(ValidationError, match="Ana"):
        contract(env, ana, "2026-06-01", name="C2")


def test_end_before_start_is_refused(env, ana):
    with pytest.raises(ValidationError):
        contract(env, ana, "2026-06-01", "2026-05-01")


def test_current_contract_is_the_running_one(env, ana):
    old = contract(env, ana, "2025-01-01", "2025-12-31", state="close", name="Old")
    new = contract(env, ana, "2026-01-01", name="New")
    assert ana.contract_id == new
    new.action_close()
    assert not ana.contract_id and old.state == "close"


def test_cron_expires_ended_contracts_and_reminds_once(env, ana, make_employee):
    today = clock.today()
    luis = make_employee("luis")
    ended = contract(env, ana, today - dt.timedelta(days=100), today - dt.timedelta(days=1), name="Ended")
    ending = contract(env, luis, today - dt.timedelta(days=100), today + dt.timedelta(days=10), name="Ending")
    later = contract(env, ana, today, today + dt.timedelta(days=200), name="Later")
    env["hr.contract"]._cron_contract_expiry()
    assert ended.state == "close" and ending.state == "open"
    activity = ending.activity_ids
    assert len(activity) == 1 and activity.date_deadline == ending.date_end
    assert "Luis" in activity.summary and activity.user_id == ending.hr_responsible_id
    assert not later.activity_ids
    env["hr.contract"]._cron_contract_expiry()
    assert len(ending.activity_ids) == 1


def test_contract_keeps_a_signed_document(env, ana):
    signed = contract(env, ana, "2026-01-01")
    signed.write({"document": "JVBERi0xLjQK", "document_name": "contract.pdf"})
    attachment = env["ir.attachment"].search([("res_model", "=", "hr.contract"), ("res_id", "=", signed.id),
                                                ("res_field", "=", "document")])
    assert attachment and signed.read(["document"])[0]["document"] == "JVBERi0xLjQK"


def test_the_expiry_notice_is_a_setting(env, ana):
    today = clock.today()
    ending = contract(env, ana, today - dt.timedelta(days=100), today + dt.timedelta(days=45), name="Soon")
    env["hr.contract"]._cron_contract_expiry()
    assert not ending.activity_ids  # 45 days away: outside the default 30-day notice
    assert env["res.config.settings"].create({}).hr_contract_expiry_notice_days == 0
    env["res.config.settings"].create({"hr_contract_expiry_notice_days": 60}).execute()
    assert env["ir.config_parameter"].get_param("hr.contract_expiry_notice_days") == "60"
    assert env["res.config.settings"].create({}).hr_contract_expiry_notice_days == 60
    env["hr.contract"]._cron_contract_expiry()
    assert len(ending.activity_ids) == 1


def test_a_negative_expiry_notice_is_refused(env):
    with pytest.raises(ValidationError, match="Contract Expiry Notice.* cannot be negative"):
        env["res.config.settings"].create({"hr_contract_expiry_notice_days": -5}).execute()
