"""Products: defaults, the type, and the one variant each template has (created and kept with it)."""
from __future__ import annotations

from typing import Any

from core import model

# fields that belong to the variant itself when a product.product is created
VARIANT_FIELDS = frozenset({"product_tmpl_id", "active"})


def display_with_code(code: str | bool, name: str | bool) -> str:
    """``[FURN_7800] Desk Combination``: the name products are shown with, as in Odoo."""
    return f"[{code}] {name or ''}" if code else (name or "")


@model("product.template")
class ProductTemplate:
    def _default_category_id(self) -> Any:
        return self.env.ref("product.product_category_all", raise_if_not_found=False) or False

    def _default_uom_id(self) -> Any:
        return self.env.ref("uom.product_uom_unit", raise_if_not_found=False) or False

    def _default_taxes_id(self) -> Any:
        return self.env.company.account_sale_tax_id

    def _compute_type(self) -> None:
        for template in self:
            template.type = template.detailed_type or "consu"

    def _compute_currency_id(self) -> None:
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        for template in self:
            company = template.company_id or main or self.env.company
            template.currency_id = company.currency_id

    def _compute_product_variant_id(self) -> None:
        for template in self:
            template.product_variant_id = template.product_variant_ids[:1]
            template.product_variant_count = len(template.product_variant_ids)

    def _compute_display_name(self) -> None:
        for template in self:
            template.display_name = display_with_code(template.default_code, template.name)

    def create(self, vals_list: Any) -> Any:
        """Templates, each with its variant (unless the variant is the one creating it)."""
        templates = super().create(vals_list)
        if not self.env.context.get("create_product_product", True):
            return templates
        missing = templates.filtered(lambda t: not t.with_context(active_test=False).product_variant_ids)
        if missing:
            self.env["product.product"].with_context(create_from_tmpl=True).create(
                [{"product_tmpl_id": template.id, "active": template.active} for template in missing])
        return templates

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if "active" in vals:
            # archiving a template archives its variant, and restoring restores it
            variants = self.with_context(active_test=False).mapped("product_variant_ids")
            variants.filtered(lambda v: v.active != vals["active"]).write({"active": vals["active"]})
        return result


@model("product.product")
class ProductProduct:
    def _compute_display_name(self) -> None:
        for product in self:
            product.display_name = display_with_code(product.default_code, product.name)

    def create(self, vals_list: Any) -> Any:
        """Variants; one given without a template gets a new template from the template's fields."""
        if isinstance(vals_list, dict):
            return self.create([vals_list])[:1] if vals_list else super().create(vals_list)
        if not isinstance(vals_list, list) or not all(isinstance(v, dict) for v in vals_list):
            return super().create(vals_list)  # the core reports the malformed item
        Template = self.env["product.template"].with_context(create_product_product=False)
        prepared = []
        for vals in vals_list:
            if vals.get("product_tmpl_id"):
                prepared.append(vals)
                continue
            renamed = {("list_price" if name == "lst_price" else name): value for name, value in vals.items()}
            template_vals = {name: value for name, value in renamed.items()
                             if name not in VARIANT_FIELDS and name in Template._fields}
            template = Template.create(template_vals)
            own = {name: value for name, value in vals.items() if name in VARIANT_FIELDS}
            prepared.append({**own, "product_tmpl_id": template.id})
        return super().create(prepared)
