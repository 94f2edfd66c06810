"""Customers: the pricelist their quotations get, and their orders."""

from __future__ import annotations

from typing import Any

from core import model, public


@model("res.partner")
class ResPartnerSale:
    def _sale_pricelist(self, company: Any = None) -> Any:
        """The customer's pricelist (its company's for a contact), else the first pricelist of
        ``company`` or shared, else none."""
        partner = self[:1]
        own = partner.property_product_pricelist or partner.commercial_partner_id.property_product_pricelist
        if own:
            return own
        company_id = (company or self.env.company).id
        return self.env["product.pricelist"].search(
            ["|", ("company_id", "=", False), ("company_id", "=", company_id)], limit=1
        )

    def _compute_sale_order_count(self) -> None:
        groups = self.env["sale.order"].read_group(
            [("partner_id", "child_of", self.ids)], ["partner_id"], ["partner_id"]
        )
        counts = {group["partner_id"][0]: group["partner_id_count"] for group in groups}
        for partner in self:
            # a company counts the orders of its contacts too
            partner.sale_order_count = counts.get(partner.id, 0) + sum(
                counts.get(child.id, 0) for child in partner.child_ids
            )

    @public
    def action_view_sale_order(self) -> dict[str, Any]:
        """The quotations and orders of the customer and its contacts."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": "Sales Orders",
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("partner_id", "child_of", self.ids)],
            "context": {"default_partner_id": self.id},
        }
