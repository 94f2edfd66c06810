"""Fixtures of the accounting tests: a template database with invoicing (the generic chart and the demo
taxes on the main company), and factories of invoices."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures
from tests.rpc.conftest import (  # noqa: F401
    _no_login_cooldown,
    admin,
    admin_uid,
    common,
    demo,
    jsonrpc,
    models,
    server,
)


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("template_account")
    Registry.forget(init_database(url, ["base", "account"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def chart(env):  # noqa: F811
    """``chart("receivable")``: a record of the main company's generic chart by its key."""
    company = env.ref("base.main_company")

    def get(key: str):
        return env.ref(f"account_chart.{company.id}_{key}")

    return get


@pytest.fixture
def make_invoice(env):  # noqa: F811
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
