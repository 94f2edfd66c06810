"""The Sales section of the settings: how long new quotations hold, and the tax rounding of the company."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.addon.view_arch import resolved_arch
from core.exceptions import ValidationError


def test_quotation_validity_days_set_the_expiration_of_new_quotations(env, make_order):
    assert make_order().validity_date == clock.today() + dt.timedelta(days=30)
    env["res.config.settings"].create({"quotation_validity_days": 7}).execute()
    assert env.company.quotation_validity_days == 7
    assert env["res.config.settings"].create({}).quotation_validity_days == 7
    assert make_order().validity_date == clock.today() + dt.timedelta(days=7)
    env["res.config.settings"].create({"quotation_validity_days": 0}).execute()
    assert make_order().validity_date is False


def test_negative_validity_is_refused(env):
    with pytest.raises(ValidationError, match="cannot be negative"):
        env["res.config.settings"].create({"quotation_validity_days": -3}).execute()


def test_tax_rounding_is_a_company_setting(env):
    env["res.config.settings"].create({"tax_calculation_rounding_method": "round_globally"}).execute()
    assert env.company.tax_calculation_rounding_method == "round_globally"


def test_the_sales_section_is_on_the_settings_page(env):
    view = env.ref("base.res_config_settings_view_form")
    sheet = resolved_arch(env, view)["sheet"]
    assert [node["group"] for node in sheet] == ["general_settings", "sale_management"]
    fields = [child.get("field") for block in sheet[1]["children"] for child in block["children"]]
    assert "quotation_validity_days" in fields
