"""Fixtures of the addon system tests: databases with test addons installed, and users to act as."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.addon.lifecycle import install
from core.records.environment import Environment
from core.registry.registry import Registry
from tests.databases import rolled_back_env, scratch_database


@pytest.fixture
def installed(fresh_registry: Callable[..., Registry]) -> Callable[..., Registry]:
    """``installed("addon_a")``: a private database (copy of the template) with those addons installed."""

    def make(*names: str, **options: Any) -> Registry:
        registry = fresh_registry()
        return install(registry, list(names), **options) if names else registry

    return make


@pytest.fixture(scope="session")
def secure_registry(template_url: str) -> Iterator[Registry]:
    """A database with addon_secure installed, shared by the tests (which must not commit in it)."""
    with scratch_database("secure", copy_of=template_url, then_install=["addon_secure"]) as url:
        yield Registry.get(url)


@pytest.fixture
def secure_env(secure_registry: Registry) -> Iterator[Environment]:
    with rolled_back_env(secure_registry) as environment:
        yield environment


@pytest.fixture
def make_user(secure_env: Environment) -> Callable[..., Environment]:
    """``make_user("ana", ["addon_secure.group_secure_user"])``: the environment of a new user."""

    def make(login: str, groups: list[str], companies: list[str] | None = None) -> Environment:
        companies = companies or ["base.main_company"]
        company_ids = [secure_env.ref(xml_id).id for xml_id in companies]
        user = secure_env["res.users"].create({
            "name": login.capitalize(), "login": login, "company_id": company_ids[0],
            "company_ids": [(6, 0, company_ids)],
            "groups_id": [(6, 0, [secure_env.ref(g).id for g in groups])],
        })
        return secure_env(user=user.id, su=False)

    return make
