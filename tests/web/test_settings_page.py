"""The settings page: a form-only action whose form says ``js_class: base_settings`` opens as one page
with a section per app; "Save" creates the settings record from the page and applies it (execute);
contact data typed in forms."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text


def _settings_action(in_db):
    return in_db(lambda env: env.ref("base.action_general_configuration").id)


def _settings_page(client, action):
    response = client.get(f"/web/action/{action}")
    assert response.status_code == 200
    return text(response)


def _base_form(admin, in_db):
    groups = in_db(lambda env: env.ref("base.default_user").groups_id.ids)
    return {"csrf_token": admin.csrf, "user_default_group_ids": [str(g) for g in groups],
            "company_name": "YourCompany", "crm_auto_assignment_action": "auto",
            "crm_auto_assignment_interval_number": "1", "crm_auto_assignment_interval_type": "hours",
            "predictive_lead_scoring_fields_str": "stage_id,country_id"}


def test_settings_open_on_the_current_values(admin, in_db):
    action = _settings_action(in_db)
    in_db(lambda env: env.ref("base.main_company").write({"strict_contact_checks": True}))
    page = _settings_page(admin, action)
    assert '<h1 class="cp-title">General Settings</h1>' in page
    assert 'href="#app-general_settings"' in page and 'href="#app-crm"' in page
    for label in ("Default Access Rights", "Verify VAT Numbers", "Strict Contact Data Checks",
                  "Rule-Based Assignment", "Leads", "Default Sales Team", "Manage Users", "Manage Languages",
                  "Outgoing Mail Servers"):
        assert label in page
    assert re.search(r'name="strict_contact_checks"[^>]*checked', page)
    assert not re.search(r'name="vat_check_vies"[^>]*checked', page)
    assert "Contact Creation" in page  # a group of the default user template
    assert f'action="/web/settings/{action}' in page


def test_save_applies_the_settings(admin, in_db):
    action = _settings_action(in_db)
    form = {**_base_form(admin, in_db), "vat_check_vies": "y", "crm_use_auto_assignment": "y",
            "password_min_length": "6", "company_city": "Sevilla"}
    response = admin.post(f"/web/settings/{action}", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/web/action/{action}")
    applied = in_db(lambda env: (env.ref("base.main_company").vat_check_vies,
                                 env.ref("base.main_company").city,
                                 env["ir.config_parameter"].get_param("crm.lead.auto.assignment"),
                                 env["ir.config_parameter"].get_param("auth.password_min_length")))
    assert applied == (True, "Sevilla", "True", "6")
    page = text(admin.get(response.headers["Location"], follow_redirects=True))
    assert "Your changes have been applied." in page


def test_settings_refused_show_the_error_and_change_nothing(admin, in_db):
    action = _settings_action(in_db)
    form = {**_base_form(admin, in_db), "vat_check_vies": "y", "password_min_length": "6"}
    del form["user_default_group_ids"]
    response = admin.post(f"/web/settings/{action}", data=form)
    assert response.status_code == 422
    page = text(response)
    assert "New users need at least one group" in page and 'class="settings-page"' in page
    assert in_db(lambda env: env.ref("base.main_company").vat_check_vies) is False


def test_a_salesperson_cannot_open_or_save_the_settings(login_as, in_db):
    action = _settings_action(in_db)
    demo = login_as("demo")
    assert demo.get(f"/web/action/{action}").status_code == 403
    response = demo.post(f"/web/settings/{action}", data={"csrf_token": demo.csrf, "company_name": "Hacked"})
    assert response.status_code == 403
    assert in_db(lambda env: env.ref("base.main_company").name) != "Hacked"


def test_phone_typed_in_a_form_is_stored_in_the_contact_country(admin, in_db):
    us = in_db(lambda env: env.ref("base.us").id)
    data = {"csrf_token": admin.csrf, "company_type": "person", "lang": "en_US", "name": "Form Caller",
            "country_id": str(us), "phone": "(803)-873-6126", "mobile": "555-1234"}
    assert admin.post("/web/model/res.partner/new", data=data).status_code == 302
    stored = in_db(lambda env: env["res.partner"].search([("name", "=", "Form Caller")])
                   .read(["phone", "mobile"]))
    assert (stored[0]["phone"], stored[0]["mobile"]) == ("+1 803-873-6126", "555-1234")
