"""Fixtures the taxes addon offers to its tests and to those of the addons built on it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.records.environment import Environment


@pytest.fixture
def make_tax(env: Environment) -> Callable[..., Any]:
    """``make_tax(21, price_include=True)``: an account.tax of that amount."""

    def make(amount: float, **values: Any) -> Any:
        return env["account.tax"].create(
            {"name": f"Tax {amount} {sorted(values.items())}", "amount": amount, **values}
        )

    return make
