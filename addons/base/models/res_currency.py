"""Currencies: rates by date, rounding and formatting of amounts."""
from __future__ import annotations

import math
from typing import Any

from babel.numbers import format_currency

from core import clock, model, public


@model("res.currency")
class ResCurrency:
    def _compute_rate(self) -> None:
        rates = self._get_rates(self.env.company if "res.company" in self.env else None, clock.today())
        for currency in self:
            currency.rate = rates.get(currency.id, 1.0)

    def _get_rates(self, company: Any, date: Any) -> dict[int, float]:
        """The rate of each currency on ``date`` (the latest before it): the company's own rates first,
        then the rates shared by every company; a currency without any rate counts as 1."""
        company_id = company.id if company else False
        rates = self.env["res.currency.rate"].sudo().search(
            [("currency_id", "in", self.ids), ("name", "<=", date),
             ("company_id", "in", [company_id, False])],
            order="name desc, id desc")
        own: dict[int, float] = {}
        shared: dict[int, float] = {}
        for rate in rates:
            target = own if company_id and rate.company_id.id == company_id else shared
            target.setdefault(rate.currency_id.id, rate.rate)
        return {currency.id: own.get(currency.id, shared.get(currency.id, 1.0)) for currency in self}

    def _get_conversion_rate(self, from_currency: Any, to_currency: Any, company: Any = None,
                             date: Any = None) -> float:
        """How many units of ``to_currency`` one unit of ``from_currency`` is worth."""
        if from_currency == to_currency:
            return 1.0
        company = company or (self.env.company if "res.company" in self.env else None)
        rates = (from_currency | to_currency)._get_rates(company, date or clock.today())
        return rates[to_currency.id] / (rates[from_currency.id] or 1.0)

    def _convert(self, from_amount: float, to_currency: Any, company: Any = None, date: Any = None,
                 round: bool = True) -> float:
        """``from_amount`` of this currency in ``to_currency``, at the rates of ``company`` on ``date``."""
        self.ensure_one()
        to_amount = (from_amount or 0.0) * self._get_conversion_rate(self, to_currency, company, date)
        return to_currency.round(to_amount) if round else to_amount

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
        return self._convert(amount, target, round=round)
