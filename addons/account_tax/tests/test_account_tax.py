"""Tax computation: percent and fixed taxes, excluded or included in the price, both roundings."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def test_percent_tax_excluded_adds_to_price(env):
    taxes = env.ref("account_tax.tax_iva_21")
    result = taxes.compute_all(100.0, quantity=3)
    assert result["total_excluded"] == 300.0
    assert result["total_included"] == 363.0
    assert [(t["name"], t["amount"], t["base"]) for t in result["taxes"]] == [("VAT 21%", 63.0, 300.0)]


def test_percent_tax_included_is_taken_out_of_price(env):
    taxes = env.ref("account_tax.tax_iva_21_included")
    result = taxes.compute_all(121.0, quantity=1)
    assert result["total_included"] == 121.0
    assert result["total_excluded"] == 100.0
    assert result["taxes"][0]["amount"] == 21.0


def test_included_price_keeps_its_total_when_tax_rounds(env):
    taxes = env.ref("account_tax.tax_iva_21_included")
    result = taxes.compute_all(10.0, quantity=1)
    # 10 / 1.21 = 8.2644...: the tax rounds to 1.74, the base takes the remainder
    amounts = (result["total_excluded"], result["taxes"][0]["amount"], result["total_included"])
    assert amounts == (8.26, 1.74, 10.0)


def test_fixed_and_percent_taxes_together(env, make_tax):
    eco = make_tax(0.5, amount_type="fixed", sequence=0)
    taxes = eco | env.ref("account_tax.tax_iva_10")
    result = taxes.compute_all(20.0, quantity=4)
    assert [t["amount"] for t in result["taxes"]] == [2.0, 8.0]
    assert result["total_included"] == 90.0


def test_included_fixed_and_percent_taxes(env, make_tax):
    eco = make_tax(1.0, amount_type="fixed", price_include=True, sequence=0)
    taxes = eco | env.ref("account_tax.tax_iva_21_included")
    result = taxes.compute_all(122.0, quantity=1)
    assert result["total_excluded"] == 100.0
    assert [t["amount"] for t in result["taxes"]] == [1.0, 21.0]
    assert result["total_included"] == 122.0


def test_per_line_rounding_rounds_each_amount(env):
    tax = env.ref("account_tax.tax_iva_21")
    assert tax.compute_all(0.333, quantity=1)["taxes"][0]["amount"] == 0.07


def test_global_rounding_keeps_finer_amounts(env):
    env.company.tax_calculation_rounding_method = "round_globally"
    tax = env.ref("account_tax.tax_iva_21")
    amount = tax.compute_all(0.333, quantity=1)["taxes"][0]["amount"]
    assert amount == pytest.approx(0.06993)
    assert tax.compute_all(0.333, rounding_method="round_per_line")["taxes"][0]["amount"] == 0.07


def test_no_tax_gives_the_price(env):
    result = env["account.tax"].compute_all(12.5, quantity=2)
    assert (result["total_excluded"], result["total_included"], result["taxes"]) == (25.0, 25.0, [])


def test_percentage_out_of_range_is_refused(env, make_tax):
    with pytest.raises(ValidationError, match="between -100 and 100"):
        make_tax(150.0)


def test_spanish_demo_taxes_translated(env):
    taxes = env["account.tax"].with_context(lang="es_ES").search([("type_tax_use", "=", "sale"),
                                                                  ("price_include", "=", False)])
    assert taxes.mapped("name") == ["IVA 21%", "IVA 10%", "IVA 4%"]
