"""Fixtures of the accounting tests: a template database with invoicing (the generic chart and the demo
taxes on the main company), and factories of invoices."""

from __future__ import annotations

import pytest

from tests.databases import template_fixture

template_url = template_fixture("account", label="template_account")


@pytest.fixture
def chart(env):
    """``chart("receivable")``: a record of the main company's generic chart by its key."""
    company = env.ref("base.main_company")

    def get(key: str):
        return env.ref(f"account_chart.{company.id}_{key}")

    return get


@pytest.fixture
def make_invoice(env):
    """``make_invoice((price, qty, taxes), ..., move_type="out_invoice", post=True, **values)``."""

    def make(
        *lines,
        move_type: str = "out_invoice",
        post: bool = False,
        partner: str = "base.res_partner_2",
        **values,
    ):
        commands = []
        for line in lines:
            if isinstance(line, tuple):
                price, quantity, taxes = (line + (None,))[:3] if len(line) < 3 else line
                line = {
                    "name": f"Line {price}",
                    "price_unit": price,
                    "quantity": quantity,
                    "tax_ids": [(6, 0, taxes.ids if taxes else [])],
                }
            commands.append((0, 0, line))
        move = (
            env["account.move"]
            .with_context(default_move_type=move_type)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": env.ref(partner).id,
                    "invoice_line_ids": commands,
                    **values,
                }
            )
        )
        if post:
            move.action_post()
        return move

    return make
