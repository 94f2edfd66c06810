"""Fixtures of the helpdesk tests: a database with the helpdesk and its demo data, an SMTP server on the
loopback, and the support team reading support@yourcompany.example."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from addons.mail.tests.test_mail_notifications import Inbox, free_port
from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, fresh_registry, new_db_url, registry  # noqa: F401 - shared fixtures

ALIAS = "support@yourcompany.example"


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("helpdesk")
    Registry.forget(init_database(url, ["base", "helpdesk"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def inbox(env) -> Iterator[Inbox]:  # noqa: F811
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and the only active mail server pointing at it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    env.company.partner_id.email = "office@yourcompany.example"
    env["ir.mail_server"].search([]).write({"active": False})
    env["ir.mail_server"].create({"name": "Loopback", "smtp_host": "127.0.0.1", "smtp_port": controller.port})
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def team(env):  # noqa: F811
    team = env.ref("helpdesk.helpdesk_team_support")
    team.alias_email = ALIAS
    return team
