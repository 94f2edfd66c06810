"""Product categories: full names along the tree, no cycles, products counted with sub-categories."""
from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import ValidationError


@model("product.category")
class ProductCategory:
    def _compute_complete_name(self) -> None:
        for category in self:
            parent = category.parent_id
            category.complete_name = f"{parent.complete_name} / {category.name}" if parent else category.name

    def write(self, vals: dict[str, Any]) -> bool:
        # refused before the full names are recomputed along a loop that would never end
        parent_id = vals.get("parent_id")
        if parent_id and parent_id in self.search([("id", "child_of", self.ids)]).ids:
            raise ValidationError(_("A category cannot be its own parent, directly or through other "
                                    "categories."), field="parent_id")
        return super().write(vals)

    def _compute_product_count(self) -> None:
        # one grouped count, then each category's count goes up the tree to every ancestor asked for
        groups = self.env["product.template"].read_group([("categ_id", "child_of", self.ids)], ["categ_id"],
                                                         ["categ_id"])
        counts = dict.fromkeys(self.ids, 0)
        for group in groups:
            current = self.browse(group["categ_id"][0])
            while current:
                if current.id in counts:
                    counts[current.id] += group["categ_id_count"]
                current = current.parent_id
        for category in self:
            category.product_count = counts.get(category.id, 0)
