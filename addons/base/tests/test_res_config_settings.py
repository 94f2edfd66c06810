"""General settings: switches of features for every internal user, and system parameters."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, ValidationError


def test_switching_multi_currency_on_gives_the_group_to_internal_users(env):
    settings = env["res.config.settings"].create({"group_multi_currency": True})
    settings.execute()
    assert env.ref("base.user_demo").has_group("base.group_multi_currency")


def test_settings_open_with_the_current_values(env):
    settings = env["res.config.settings"].create({"group_multi_currency": True,
                                                  "web_base_url": "https://erp.example"})
    settings.execute()
    values = env["res.config.settings"].default_get(["group_multi_currency", "web_base_url"])
    assert values == {"group_multi_currency": True, "web_base_url": "https://erp.example"}


def test_switching_a_feature_off_removes_it(env):
    env["res.config.settings"].create({"group_multi_currency": True}).execute()
    env["res.config.settings"].create({"group_multi_currency": False}).execute()
    assert not env.ref("base.user_demo").has_group("base.group_multi_currency")


def test_minimum_password_length_is_enforced(env):
    env["res.config.settings"].create({"password_min_length": 8}).execute()
    with pytest.raises(ValidationError, match="at least 8 characters"):
        env.ref("base.user_demo").password = "short12"


def test_only_administrators_change_settings(as_user):
    with pytest.raises(AccessError):
        as_user("demo")["res.config.settings"].create({"group_multi_currency": True})


def test_verify_vat_numbers_is_a_company_setting(env):
    settings = env["res.config.settings"].create({"vat_check_vies": True})
    settings.execute()
    assert env.company.vat_check_vies
    assert env["res.config.settings"].create({}).vat_check_vies  # the form opens with it on
    with pytest.raises(ValidationError, match="not a valid VAT number"):
        env["res.partner"].create({"name": "Checked", "vat": "ESB12345678"})


def test_strict_contact_checks_is_a_company_setting(env):
    env["res.config.settings"].create({"strict_contact_checks": True}).execute()
    assert env.company.strict_contact_checks
    with pytest.raises(ValidationError, match="not a valid email address"):
        env["res.partner"].create({"name": "Checked", "email": "nobody"})
