"""A new company gets a warehouse of its own (its locations and operation types), as the first
company got ``stock.warehouse0``."""

from __future__ import annotations

import re
from typing import Any

from core import model


def warehouse_code(name: str, taken: set[str]) -> str:
    """A short name (at most 5 characters) from the company name, not used by another warehouse."""
    base = (re.sub(r"[^A-Za-z0-9]", "", name or "").upper() or "WH")[:5]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base[: 5 - len(str(n))]}{n}"
    return code


@model("res.company")
class ResCompanyStock:
    def create(self, vals_list: Any) -> Any:
        companies = super().create(vals_list)
        # while the inventory addon installs, its data file gives the companies made so far theirs
        if self.env.ref("stock.stock_location_customers", raise_if_not_found=False):
            companies._create_warehouses()
        return companies

    def _create_missing_warehouses(self) -> bool:
        """A warehouse for every company without one (run when the inventory addon installs); True."""
        self.sudo().with_context(active_test=False).search([])._create_warehouses()
        return True

    def _create_warehouses(self) -> Any:
        """One warehouse per company that has none."""
        Warehouse = self.env["stock.warehouse"].sudo().with_context(active_test=False)
        found = Warehouse.search([("company_id", "in", self.ids)])
        taken = set(Warehouse.search([]).mapped("code"))
        values = []
        for company in self.filtered(lambda c: c not in found.mapped("company_id")):
            code = warehouse_code(company.name, taken)
            taken.add(code)
            values.append({"name": company.name, "code": code, "company_id": company.id})
        return Warehouse.create(values) if values else Warehouse
