"""Fixtures of the mail addon's tests: a contact to talk about."""
from __future__ import annotations

import pytest


@pytest.fixture
def partner(env):
    return env["res.partner"].create({"name": "Chatty S.L.", "is_company": True,
                                      "email": "info@chatty.example"})
