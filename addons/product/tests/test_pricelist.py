"""Pricelist rules: fixed prices, discounts, formulas, quantity breaks, dates, targets, units, currencies."""
from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def chair(env, make_product):
    return make_product("Chair", list_price=100.0, standard_price=60.0,
                        categ_id=env.ref("product.product_category_office").id)


def test_no_rule_gives_the_sales_price(env, chair, make_pricelist):
    pricelist = make_pricelist()
    assert pricelist._get_product_price_rule(chair, 1) == (100.0, False)


def test_fixed_price(env, chair, make_pricelist):
    pricelist = make_pricelist({"applied_on": "0_product_variant", "product_id": chair.id,
                                "compute_price": "fixed", "fixed_price": 80.0})
    assert pricelist._get_product_price(chair, 1) == 80.0


def test_percentage_discount(env, chair, make_pricelist):
    pricelist = make_pricelist({"compute_price": "percentage", "percent_price": 12.5})
    assert pricelist._get_product_price(chair, 1) == 87.5


def test_formula_on_list_price_with_rounding_and_surcharge(env, chair, make_pricelist):
    pricelist = make_pricelist({"compute_price": "formula", "base": "list_price", "price_discount": 17,
                                "price_round": 5, "price_surcharge": -0.01})
    assert pricelist._get_product_price(chair, 1) == pytest.approx(84.99)  # 83 -> 85 -> 84.99


def test_formula_on_cost_with_margins(env, chair, make_pricelist):
    markup = make_pricelist({"compute_price": "formula", "base": "standard_price", "price_discount": -50,
                             "price_max_margin": 20})
    assert markup._get_product_price(chair, 1) == 80.0  # 90 capped at cost + 20
    floor = make_pricelist({"compute_price": "formula", "base": "standard_price", "price_discount": -5,
                            "price_min_margin": 10})
    assert floor._get_product_price(chair, 1) == 70.0  # 63 raised to cost + 10


def test_formula_on_another_pricelist(env, chair, make_pricelist):
    base = make_pricelist({"compute_price": "fixed", "fixed_price": 90.0}, name="Base")
    derived = make_pricelist({"compute_price": "formula", "base": "pricelist", "base_pricelist_id": base.id,
                              "price_discount": 10})
    assert derived._get_product_price(chair, 1) == 81.0


def test_quantity_breaks_take_the_highest_reached(env, chair, make_pricelist):
    pricelist = make_pricelist(
        {"applied_on": "1_product", "product_tmpl_id": chair.product_tmpl_id.id, "min_quantity": 10,
         "compute_price": "fixed", "fixed_price": 90.0},
        {"applied_on": "1_product", "product_tmpl_id": chair.product_tmpl_id.id, "min_quantity": 50,
         "compute_price": "fixed", "fixed_price": 75.0},
    )
    assert [pricelist._get_product_price(chair, q) for q in (1, 9, 10, 49, 50, 500)] == [
        100.0, 100.0, 90.0, 90.0, 75.0, 75.0]


def test_quantity_counts_in_the_product_unit(env, chair, make_pricelist):
    pricelist = make_pricelist({"min_quantity": 12, "compute_price": "fixed", "fixed_price": 90.0})
    dozen = env.ref("uom.product_uom_dozen")
    assert pricelist._get_product_price(chair, 1, uom=dozen) == pytest.approx(1080.0)  # 12 units at 90
    assert pricelist._get_product_price(chair, 11) == 100.0


def test_dates_limit_a_rule(env, chair, make_pricelist):
    pricelist = make_pricelist({"compute_price": "percentage", "percent_price": 50,
                                "date_start": "2026-11-27 00:00:00", "date_end": "2026-11-30 23:59:59"})
    assert pricelist._get_product_price(chair, 1, date=dt.date(2026, 11, 26)) == 100.0
    assert pricelist._get_product_price(chair, 1, date=dt.date(2026, 11, 27)) == 50.0
    assert pricelist._get_product_price(chair, 1, date=dt.datetime(2026, 11, 30, 18, 0)) == 50.0
    assert pricelist._get_product_price(chair, 1, date="2026-12-01") == 100.0


def test_specific_rules_win_over_general_ones(env, chair, make_product, make_pricelist):
    lamp = make_product("Lamp", list_price=40.0, categ_id=env.ref("product.product_category_supplies").id)
    pricelist = make_pricelist(
        {"compute_price": "percentage", "percent_price": 10},
        {"applied_on": "2_product_category", "categ_id": env.ref("product.product_category_1").id,
         "compute_price": "percentage", "percent_price": 20},
        {"applied_on": "2_product_category", "categ_id": env.ref("product.product_category_office").id,
         "compute_price": "percentage", "percent_price": 30},
        {"applied_on": "1_product", "product_tmpl_id": chair.product_tmpl_id.id,
         "compute_price": "percentage", "percent_price": 40},
    )
    assert pricelist._get_products_price(chair | lamp, 1) == {chair.id: 60.0, lamp.id: 32.0}
    other = make_product("Other", list_price=10.0, categ_id=env.ref("product.product_category_all").id)
    assert pricelist._get_product_price(other, 1) == 9.0


def test_pricelist_in_another_currency_converts(env, chair, make_pricelist):
    usd = env.ref("base.USD")
    usd.write({"active": True})
    env["res.currency.rate"].create({"currency_id": usd.id, "rate": 1.25, "name": "2020-01-01",
                                     "company_id": env.company.id})
    pricelist = make_pricelist(currency_id=usd.id)
    assert pricelist._get_product_price(chair, 1) == pytest.approx(125.0)


def test_rule_on_a_category_must_name_it(env, make_pricelist):
    with pytest.raises(ValidationError, match="must name it"):
        make_pricelist({"applied_on": "2_product_category"})


def test_rule_dates_in_order(env, make_pricelist):
    with pytest.raises(ValidationError, match="end date"):
        make_pricelist({"date_start": "2026-02-01 00:00:00", "date_end": "2026-01-01 00:00:00"})


def test_demo_reseller_prices(env):
    resellers = env.ref("product.pricelist_resellers")
    chair = env.ref("product.product_delivery_02")
    assert resellers._get_product_price(chair, 1) == pytest.approx(101.99)
    assert resellers._get_product_price(chair, 10) == 99.0
    assert env.ref("base.res_partner_1").property_product_pricelist == resellers
