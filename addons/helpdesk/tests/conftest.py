"""Fixtures of the helpdesk tests: a database with the helpdesk and its demo data, an SMTP server on the
loopback, and the support team reading support@yourcompany.example."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from addons.mail.tests.test_mail_notifications import Inbox, free_port
from tests.databases import template_fixture

ALIAS = "support@yourcompany.example"


template_url = template_fixture("helpdesk", label="helpdesk")


@pytest.fixture
def inbox(env) -> Iterator[Inbox]:
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
def team(env):
    team = env.ref("helpdesk.helpdesk_team_support")
    team.alias_email = ALIAS
    return team
