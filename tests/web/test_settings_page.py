"""The general settings page: a form-only action opens on a new record holding the current settings,
and its "Save" header button saves the form and applies it; contact data typed in forms."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text


def _settings_action(in_db):
    return in_db(lambda env: env.ref("base.action_general_configuration").id)


def _settings_form(client, action):
    response = client.get(f"/web/action/{action}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/web/action/{action}/new")
    return text(client.get(response.headers["Location"]))


def test_settings_open_on_the_current_values(admin, in_db):
    action = _settings_action(in_db)
    in_db(lambda env: env.ref("base.main_company").write({"strict_contact_checks": True}))
    page = _settings_form(admin, action)
    assert "<h1 class=\"cp-title\">General Settings</h1>" in page
    for label in ("Default Access Rights", "Verify VAT Numbers", "Strict Contact Data Checks",
                  "Rule-Based Assignment"):
        assert label in page
    assert re.search(r'name="strict_contact_checks"[^>]*checked', page)
    assert not re.search(r'name="vat_check_vies"[^>]*checked', page)
    assert "Contact Creation" in page  # a group of the default user template


def test_save_applies_the_settings(admin, in_db):
    action = _settings_action(in_db)
    page = _settings_form(admin, action)
    groups = in_db(lambda env: env.ref("base.default_user").groups_id.ids)
    currency = in_db(lambda env: env.ref("base.EUR").id)
    form = {"csrf_token": admin.csrf, "vat_check_vies": "y", "crm_use_auto_assignment": "y",
            "user_default_group_ids": [str(g) for g in groups], "password_min_length": "6",
            "company_id": str(in_db(lambda env: env.ref("base.main_company").id)),
            "company_currency_id": str(currency)}
    assert 'formaction="/web/data/res.config.settings/new/button/execute' in page
    response = admin.post(f"/web/data/res.config.settings/new/button/execute?action={action}", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/web/action/{action}")
    applied = in_db(lambda env: (env.ref("base.main_company").vat_check_vies,
                                 env["ir.config_parameter"].get_param("crm.lead.auto.assignment"),
                                 env["ir.config_parameter"].get_param("auth.password_min_length")))
    assert applied == (True, "True", "6")
    page = text(admin.get(response.headers["Location"], follow_redirects=True))
    assert "Your changes have been applied." in page


def test_settings_refused_show_the_error_and_change_nothing(admin, in_db):
    action = _settings_action(in_db)
    form = {"csrf_token": admin.csrf, "vat_check_vies": "y", "password_min_length": "6",
            "company_id": str(in_db(lambda env: env.ref("base.main_company").id))}
    response = admin.post(f"/web/data/res.config.settings/new/button/execute?action={action}", data=form)
    assert response.status_code == 422
    assert "New users need at least one group" in text(response)
    assert in_db(lambda env: env.ref("base.main_company").vat_check_vies) is False


def test_phone_typed_in_a_form_is_stored_in_the_contact_country(admin, in_db):
    us = in_db(lambda env: env.ref("base.us").id)
    data = {"csrf_token": admin.csrf, "company_type": "person", "lang": "en_US", "name": "Form Caller",
            "country_id": str(us), "phone": "(803)-873-6126", "mobile": "555-1234"}
    assert admin.post("/web/model/res.partner/new", data=data).status_code == 302
    stored = in_db(lambda env: env["res.partner"].search([("name", "=", "Form Caller")])
                   .read(["phone", "mobile"]))
    assert (stored[0]["phone"], stored[0]["mobile"]) == ("+1 803-873-6126", "555-1234")
