"""The CRM's section of the settings: leads on or off, the scheduled assignment and its interval, the
default team of new leads and the fields the predictive scoring learns from."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError

CRM_SETTINGS = ["group_use_lead", "crm_auto_assignment_action", "crm_auto_assignment_interval_number",
                "crm_auto_assignment_interval_type", "crm_default_team_id",
                "predictive_lead_scoring_fields_str"]


def _menu_names(env, user):
    Menu = env["ir.ui.menu"].with_user(user)
    visible = Menu.browse(sorted(Menu._visible_menu_ids()))
    return set(visible.filtered(lambda menu: menu.parent_id == env.ref("crm.crm_menu_root")).mapped("name"))


def test_settings_open_on_the_assignment_job_and_parameters(env):
    cron = env.ref("crm.ir_cron_crm_lead_assign")
    values = env["res.config.settings"].default_get(CRM_SETTINGS)
    assert values["crm_auto_assignment_action"] == ("auto" if cron.active else "manual")
    assert (values["crm_auto_assignment_interval_number"], values["crm_auto_assignment_interval_type"]) == (
        cron.interval_number, cron.interval_type)
    assert values["crm_default_team_id"] is False
    assert "stage_id" in values["predictive_lead_scoring_fields_str"]


def test_switching_leads_off_hides_the_leads_menu_from_everyone(env):
    demo = env.ref("base.user_demo")
    assert env["res.config.settings"].default_get(["group_use_lead"])["group_use_lead"] is True
    assert "Leads" in _menu_names(env, demo)
    env["res.config.settings"].create({"group_use_lead": False}).execute()
    assert not demo.has_group("crm.group_use_lead") and not env.user.has_group("crm.group_use_lead")
    assert "Leads" not in _menu_names(env, demo)
    assert env["res.config.settings"].default_get(["group_use_lead"]) == {"group_use_lead": False}
    env["res.config.settings"].create({"group_use_lead": True}).execute()
    assert demo.has_group("crm.group_use_lead") and "Leads" in _menu_names(env, demo)


def test_assignment_interval_is_the_jobs_interval(env):
    env["res.config.settings"].create({"crm_auto_assignment_action": "auto",
                                       "crm_auto_assignment_interval_number": 15,
                                       "crm_auto_assignment_interval_type": "minutes"}).execute()
    cron = env.ref("crm.ir_cron_crm_lead_assign")
    assert (cron.active, cron.interval_number, cron.interval_type) == (True, 15, "minutes")
    env["res.config.settings"].create({"crm_auto_assignment_action": "manual"}).execute()
    assert not env.ref("crm.ir_cron_crm_lead_assign").active
    values = env["res.config.settings"].default_get(["crm_auto_assignment_action",
                                                     "crm_auto_assignment_interval_number"])
    assert values == {"crm_auto_assignment_action": "manual", "crm_auto_assignment_interval_number": 15}


def test_a_repeated_assignment_needs_a_positive_interval(env):
    settings = env["res.config.settings"].create({"crm_auto_assignment_action": "auto",
                                                  "crm_auto_assignment_interval_number": 0})
    with pytest.raises(ValidationError, match="Repeat Every") as caught:
        settings.execute()
    assert caught.value.field == "crm_auto_assignment_interval_number"


def test_new_leads_without_a_team_join_the_default_team(env, make_team):
    team = make_team("Default")
    env["res.config.settings"].create({"crm_default_team_id": team.id}).execute()
    assert env["ir.config_parameter"].get_param("crm.default_team_id") == str(team.id)
    assert env["res.config.settings"].default_get(["crm_default_team_id"]) == {"crm_default_team_id": team.id}
    assert env["crm.lead"].create({"name": "Teamless"}).team_id == team
    other = make_team("Other")
    assert env["crm.lead"].create({"name": "Placed", "team_id": other.id}).team_id == other


def test_scoring_fields_must_be_fields_of_leads(env):
    env["res.config.settings"].create({"predictive_lead_scoring_fields_str": "stage_id,country_id"}).execute()
    assert env["ir.config_parameter"].get_param("crm.pls_fields") == "stage_id,country_id"
    assert env["crm.lead"]._pls_fields() == ["stage_id", "country_id"]
    with pytest.raises(ValidationError, match="no field stage, colour") as caught:
        env["res.config.settings"].create({"predictive_lead_scoring_fields_str": "stage,colour"}).execute()
    assert caught.value.field == "predictive_lead_scoring_fields_str"


def test_settings_not_given_keep_their_values(env):
    env["res.config.settings"].create({"crm_use_auto_assignment": True, "password_min_length": 9}).execute()
    env["res.config.settings"].create({"web_base_url": "https://erp.example"}).execute()
    Params = env["ir.config_parameter"]
    assert (Params.get_param("crm.lead.auto.assignment"), Params.get_param("auth.password_min_length")) == (
        "True", "9")
    assert env.ref("base.user_demo").has_group("crm.group_use_lead")
