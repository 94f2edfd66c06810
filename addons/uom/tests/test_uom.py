"""Conversions between units: bigger and smaller than the reference, rounding, other categories."""
from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError


def uom(env, name):
    return env.ref(f"uom.{name}")


def test_dozens_to_units_and_back(env):
    assert uom(env, "product_uom_dozen")._compute_quantity(2, uom(env, "product_uom_unit")) == 24.0
    assert uom(env, "product_uom_unit")._compute_quantity(30, uom(env, "product_uom_dozen")) == 2.5


def test_smaller_unit_converts_through_reference(env):
    assert uom(env, "product_uom_gram")._compute_quantity(1500, uom(env, "product_uom_kgm")) == 1.5
    assert uom(env, "product_uom_ton")._compute_quantity(0.25, uom(env, "product_uom_gram")) == 250000.0


def test_quantity_rounds_up_to_the_target_precision(env):
    unit, dozen = uom(env, "product_uom_unit"), uom(env, "product_uom_dozen")
    assert unit._compute_quantity(1, dozen) == 0.09  # 0.0833 rounded up to 0.01
    assert unit._compute_quantity(1, dozen, rounding_method="HALF-UP") == 0.08
    assert unit._compute_quantity(1, dozen, round=False) == pytest.approx(1 / 12)


def test_price_per_dozen_is_twelve_unit_prices(env):
    unit, dozen = uom(env, "product_uom_unit"), uom(env, "product_uom_dozen")
    assert unit._compute_price(2.5, dozen) == pytest.approx(30.0)
    assert dozen._compute_price(30.0, unit) == pytest.approx(2.5)


def test_conversion_across_categories_is_refused(env):
    with pytest.raises(UserError, match="Weight"):
        uom(env, "product_uom_kgm")._compute_quantity(1, uom(env, "product_uom_unit"))
    assert uom(env, "product_uom_kgm")._compute_quantity(1, uom(env, "product_uom_unit"),
                                                         raise_if_failure=False) == 1


def test_bigger_ratio_sets_factor(env):
    box = env["uom.uom"].create({"name": "Box of 6", "category_id": uom(env, "product_uom_categ_unit").id,
                                 "uom_type": "bigger", "factor_inv": 6})
    assert box.factor == pytest.approx(1 / 6)
    assert box._compute_quantity(2, uom(env, "product_uom_unit")) == 12.0
    assert box.ratio_label == "1 Box of 6 = 6 Units"


def test_second_reference_unit_is_refused(env):
    with pytest.raises(ValidationError, match="exactly one active reference"):
        env["uom.uom"].create({"name": "Piece", "category_id": uom(env, "product_uom_categ_unit").id,
                               "uom_type": "reference"})
