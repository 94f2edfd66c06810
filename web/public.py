"""Public pages (a customer's online quotation, a citizen's request): one transaction without a login,
as the system. Such a page acts only through the narrow methods it calls, each checking the secret of
the link it was opened with."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from core.records.environment import SUPERUSER_ID, Environment
from web import i18n
from web.databases import registry_for, run_in_env

T = TypeVar("T")


def run_public(work: Callable[[Environment], T], readonly: bool = False) -> T:
    """``work(env)`` in one transaction of the server's database (retried on a conflict), in the
    visitor's language."""
    return run_in_env(registry_for(), SUPERUSER_ID, {"lang": i18n.request_lang()}, work, readonly=readonly)
