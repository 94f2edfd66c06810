"""Products: one variant per template, the template's fields through the variant, codes and barcodes."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def test_template_creates_its_variant(env):
    template = env["product.template"].create({"name": "Lamp", "list_price": 30})
    assert template.product_variant_count == 1
    assert template.product_variant_id.product_tmpl_id == template
    assert template.product_variant_id.lst_price == 30


def test_variant_without_template_creates_one(env, make_product):
    product = make_product("Standing Desk", default_code="DESK_1", lst_price=500, detailed_type="product")
    template = product.product_tmpl_id
    assert (template.name, template.default_code, template.list_price, template.type) == (
        "Standing Desk", "DESK_1", 500.0, "product")
    assert len(template.product_variant_ids) == 1


def test_writing_the_variant_writes_the_template(env, make_product):
    product = make_product("Desk")
    product.write({"list_price": 75.5, "name": "Big Desk"})
    assert product.product_tmpl_id.list_price == 75.5
    assert product.product_tmpl_id.name == "Big Desk"


def test_display_name_shows_the_internal_reference(env, make_product):
    assert make_product("Mouse", default_code="M1").display_name == "[M1] Mouse"
    assert make_product("Cable").display_name == "Cable"


def test_barcode_is_unique(env, make_product):
    make_product("A", barcode="8400000000017")
    with pytest.raises(ValidationError, match="Barcode"):
        make_product("B", barcode="8400000000017")


def test_defaults_unit_category_and_company_sale_tax(env, make_product):
    product = make_product("Widget")
    assert product.uom_id == env.ref("uom.product_uom_unit")
    assert product.categ_id == env.ref("product.product_category_all")
    assert product.taxes_id == env.ref("account_tax.tax_iva_21")


def test_archiving_the_template_archives_its_variant(env, make_product):
    product = make_product("Old")
    product.product_tmpl_id.write({"active": False})
    assert not product.active
    product.product_tmpl_id.write({"active": True})
    assert product.active


def test_category_tree_names_and_counts(env, make_product):
    office = env.ref("product.product_category_office")
    chairs = env["product.category"].create({"name": "Chairs", "parent_id": office.id})
    make_product("Stool", categ_id=chairs.id)
    assert chairs.complete_name == "All / Saleable / Office Furniture / Chairs"
    assert chairs.product_count == 1
    assert office.product_count == 13


def test_category_cycle_is_refused(env):
    office = env.ref("product.product_category_office")
    with pytest.raises(ValidationError, match="own parent"):
        env.ref("product.product_category_1").write({"parent_id": office.id})


def test_demo_catalogue_has_every_type(env):
    counts = {kind: env["product.product"].search_count([("detailed_type", "=", kind)])
              for kind in ("product", "consu", "service")}
    assert all(n >= 5 for n in counts.values()), counts
    assert sum(counts.values()) >= 30


def test_demo_products_have_pictures_for_the_cards(env):
    laptop = env.ref("product.product_laptop")
    assert laptop.image_128 and laptop.product_tmpl_id.image_512
    assert not env["product.template"].search_count([("image_1920", "=", False)])
