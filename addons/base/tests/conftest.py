"""Fixtures of the base addon's tests: the shared database fixtures of the suite."""
from __future__ import annotations

from tests.conftest import as_user, env, fresh_registry, registry, template_url  # noqa: F401 - shared fixtures
