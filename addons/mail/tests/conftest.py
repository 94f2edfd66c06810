"""Fixtures of the mail addon's tests: the shared database fixtures, and a contact to talk about."""
from __future__ import annotations

import pytest

from tests.conftest import as_user, env, fresh_registry, registry, template_url  # noqa: F401 - shared fixtures


@pytest.fixture
def partner(env):  # noqa: F811
    return env["res.partner"].create({"name": "Chatty S.L.", "is_company": True,
                                      "email": "info@chatty.example"})
