"""Invoice a customer, post the invoice and register its payment over XML-RPC, with Odoo's names
(the script runs unchanged against Odoo 17).

    python -m addons.account.examples.xmlrpc_invoice http://127.0.0.1:8069 mydb admin admin
"""

from __future__ import annotations

import sys
import xmlrpc.client
from typing import Any


def run(url: str, db: str, login: str, password: str) -> dict[str, Any]:
    """Create, post and pay an invoice of 2 hours of consulting at 100 with the default sale tax;
    the invoice as read back (name, totals, payment state)."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit(f"Wrong login or password for {login} on {db}")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    [company] = call("res.users", "read", [uid], ["company_id"])
    [settings] = call("res.company", "read", [company["company_id"][0]], ["account_sale_tax_id"])
    tax_ids = [settings["account_sale_tax_id"][0]] if settings["account_sale_tax_id"] else []
    partner_id = call("res.partner", "create", {"name": "Cliente XML-RPC", "is_company": True})
    invoice_id = call(
        "account.move",
        "create",
        {
            "move_type": "out_invoice",
            "partner_id": partner_id,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {"name": "Consulting", "quantity": 2, "price_unit": 100.0, "tax_ids": [(6, 0, tax_ids)]},
                )
            ],
        },
    )
    call("account.move", "action_post", [invoice_id])
    wizard_id = call(
        "account.payment.register",
        "create",
        {},
        context={"active_model": "account.move", "active_ids": [invoice_id]},
    )
    call("account.payment.register", "action_create_payments", [wizard_id])
    [invoice] = call(
        "account.move",
        "read",
        [invoice_id],
        ["name", "state", "amount_untaxed", "amount_tax", "amount_total", "payment_state"],
    )
    return invoice


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    print(run(*sys.argv[1:5]))
