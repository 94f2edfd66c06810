"""Currencies: rates by date and company, conversion and rounding."""
from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def usd(env):
    usd = env.ref("base.USD")
    usd.active = True
    env["res.currency.rate"].create([
        {"currency_id": usd.id, "name": "2026-01-01", "rate": 1.10, "company_id": False},
        {"currency_id": usd.id, "name": "2026-02-01", "rate": 1.20, "company_id": False},
    ])
    return usd


def test_conversion_uses_the_rate_of_the_date(env, usd):
    eur = env.ref("base.EUR")
    assert eur._convert(100, usd, date=dt.date(2026, 1, 15)) == pytest.approx(110.0)
    assert eur._convert(100, usd, date=dt.date(2026, 2, 15)) == pytest.approx(120.0)


def test_conversion_back_divides_by_the_rate(env, usd):
    assert usd._convert(120, env.ref("base.EUR"), date=dt.date(2026, 2, 15)) == pytest.approx(100.0)


def test_a_company_rate_wins_over_the_shared_one(env, usd):
    company = env.ref("base.main_company")
    env["res.currency.rate"].create({"currency_id": usd.id, "name": "2026-01-01", "rate": 1.5,
                                     "company_id": company.id})
    amount = env.ref("base.EUR")._convert(100, usd, company=company, date=dt.date(2026, 1, 15))
    assert amount == pytest.approx(150)


def test_amounts_are_rounded_to_the_currency(env):
    assert env.ref("base.EUR").round(10.006) == pytest.approx(10.01)


def test_format_follows_the_language(env):
    eur = env.ref("base.EUR")
    assert eur.format(1234.5, lang="es_ES") == "1.234,50\u00a0€"
    assert eur.format(1234.5, lang="en_US") == "€1,234.50"
