"""Numbers typed and shown with the decimal separator of the user's language (12,5 in Spanish) in
forms and the search bar; stored as numbers; a typo is an error naming the field, nothing saved."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.web_client import text
from web.number_input import format_input, parse_input

LEADS = "/web/model/crm.lead"


@pytest.mark.parametrize(
    ("lang", "typed", "number"),
    [
        ("es_ES", "1234,5", 1234.5),
        ("es_ES", "1.234,56", 1234.56),
        ("es_ES", "0.5", 0.5),  # a numeric keypad's point
        ("es_ES", "-3,25", -3.25),
        ("en_US", "1,234.56", 1234.56),
        ("en_US", "12.5", 12.5),
    ],
)
def test_numbers_are_read_in_the_users_format(lang, typed, number):
    assert parse_input(typed, lang) == number


def test_inputs_show_the_decimal_separator_without_grouping():
    assert format_input(1234.5, 2, "es_ES") == "1234,50"
    assert format_input(1234.5, 2, "en_US") == "1234.50"
    assert format_input(0.0000001, None, "es_ES") == "0,0000001"  # never in exponent form
    assert format_input(7, None, "es_ES") == "7"


@pytest.mark.parametrize(("lang", "typed"), [("es_ES", "doce"), ("en_US", "12,50"), ("es_ES", "1,2,3")])
def test_an_unreadable_number_shows_how_to_type_it(lang, typed):
    example = "1234,56" if lang == "es_ES" else "1234.56"
    with pytest.raises(ValueError, match=re.escape(example)):
        parse_input(typed, lang)


def test_a_whole_number_refuses_decimals():
    assert parse_input("1.234", "es_ES", integer=True) == 1234
    with pytest.raises(ValueError, match="whole number"):
        parse_input("1,5", "es_ES", integer=True)


@pytest.fixture
def spanish_admin(login_as, in_db):
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "es_ES"}))
    client = login_as("admin")
    yield client
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "en_US"}))


@pytest.fixture
def lead(in_db):
    lead_id = in_db(lambda env: env["crm.lead"].create(
        {"name": "Números locales", "type": "opportunity", "expected_revenue": 1500.5}).id)
    yield lead_id
    in_db(lambda env: env["crm.lead"].browse(lead_id).unlink())


def _post(client, lead_id, **values):
    page = text(client.get(f"{LEADS}/{lead_id}"))
    stamp = re.search(r'name="__last_update" value="([^"]*)"', page)
    data = {"csrf_token": client.csrf, "name": "Números locales", "type": "opportunity", **values}
    if stamp:
        data["__last_update"] = stamp.group(1)
    return client.post(f"{LEADS}/{lead_id}", data=data)


def _revenue(in_db, lead_id):
    return in_db(lambda env: env["crm.lead"].browse(lead_id).expected_revenue)


def test_a_spanish_user_sees_and_types_a_decimal_comma(spanish_admin, in_db, lead):
    page = text(spanish_admin.get(f"{LEADS}/{lead}"))
    assert re.search(r'name="expected_revenue"[^>]*value="1500,50"', page)
    assert re.search(r'type="text" class="input num" inputmode="decimal"[^>]*id="f-expected_revenue"', page)
    assert _post(spanish_admin, lead, expected_revenue="2.345,75").status_code in (200, 302)
    assert _revenue(in_db, lead) == 2345.75


def test_an_english_user_keeps_the_decimal_point(admin, in_db, lead):
    assert re.search(r'name="expected_revenue"[^>]*value="1500.50"', text(admin.get(f"{LEADS}/{lead}")))
    _post(admin, lead, expected_revenue="1,999.25")
    assert _revenue(in_db, lead) == 1999.25


def test_a_typo_is_an_error_naming_the_field_and_changes_nothing(spanish_admin, in_db, lead):
    response = _post(spanish_admin, lead, expected_revenue="mil")
    assert response.status_code == 422
    page = text(response)
    assert 'id="err-expected_revenue"' in page and "no es un número" in page and "1234,56" in page
    assert re.search(r'name="expected_revenue"[^>]*value="mil"', page)  # kept as typed
    assert _revenue(in_db, lead) == 1500.5


def test_the_search_bar_reads_numbers_in_the_users_format(in_db):
    from flask import Flask, g

    from web.client.search import _term_domain

    def term(env, typed):
        with Flask(__name__).test_request_context():
            g.lang = "es_ES"
            return _term_domain(env["crm.lead"], {"field": "expected_revenue"}, typed, {})

    assert in_db(lambda env: term(env, "1.500,5")) == [("expected_revenue", "=", 1500.5)]
    with pytest.raises(Exception, match="no es un número|not a number"):
        in_db(lambda env: term(env, "mil"))
