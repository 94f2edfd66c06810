"""Currencies: rates by date, rounding and formatting of amounts."""
from __future__ import annotations

import math
from typing import Any

from babel.numbers import format_currency

from core import clock, model, public


@model("res.currency")
class ResCurrency:
    def _compute_rate(self) -> None:
        today = clock.today()
        rates = self.env["res.currency.rate"].sudo().search([("currency_id", "in", self.ids), ("name", "<=", today)],
                                                            order="name desc")
        latest: dict[int, float] = {}
        for rate in rates:
            latest.setdefault(rate.currency_id.id, rate.rate)
        for currency in self:
            currency.rate = latest.get(currency.id, 1.0)

    def _compute_decimal_places(self) -> None:
        for currency in self:
            rounding = currency.rounding or 0.01
            currency.decimal_places = max(0, int(math.ceil(math.log10(1 / rounding)))) if rounding < 1 else 0

    def round(self, amount: float) -> float:
        """``amount`` rounded to this currency's precision."""
        self.ensure_one()
        rounding = self.rounding or 0.01
        return round(round(amount / rounding) * rounding, self.decimal_places)

    def is_zero(self, amount: float) -> bool:
        return abs(self.round(amount)) < (self.rounding or 0.01) / 2

    def format(self, amount: float, lang: str | None = None) -> str:
        """``1.234,56 €`` or ``€1,234.56`` depending on the language."""
        self.ensure_one()
        return format_currency(amount, self.name, locale=lang or self.env.lang)

    @public
    def compute(self, amount: float, to_currency: Any, round: bool = True) -> float:
        """``amount`` of this currency in ``to_currency`` at today's rates."""
        self.ensure_one()
        target = self.browse(to_currency) if isinstance(to_currency, int) else to_currency
        if target == self:
            value = amount
        else:
            value = amount / (self.rate or 1.0) * (target.rate or 1.0)
        return target.round(value) if round else value
