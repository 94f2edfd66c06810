"""Dates typed and shown in the user's language's format (es_ES dd/mm/yyyy, en_US mm/dd/yyyy) in
forms, inline list edits and the search bar; stored in ISO; a typo is an error naming the field."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.fixtures.web_client import text
from web.dates import format_input, input_pattern, parse_input, placeholder

LEADS = "/web/model/crm.lead"


@pytest.mark.parametrize(
    ("lang", "day", "moment"),
    [("es_ES", "31/12/2026", "31/12/2026 14:05"), ("en_US", "12/31/2026", "12/31/2026 02:05 PM")],
)
def test_babel_formats_shown_and_read_back(lang, day, moment):
    assert format_input(dt.date(2026, 12, 31), lang) == day
    assert parse_input(day, lang) == dt.date(2026, 12, 31)
    assert format_input(dt.datetime(2026, 12, 31, 14, 5), lang) == moment
    assert parse_input(moment, lang, with_time=True) == dt.datetime(2026, 12, 31, 14, 5)
    assert parse_input("2026-12-31", lang) == dt.date(2026, 12, 31)  # ISO is always understood


def test_patterns_come_from_babel_with_a_four_digit_year():
    assert input_pattern("es_ES") == "dd/MM/yyyy"
    assert input_pattern("en_US") == "MM/dd/yyyy"
    assert input_pattern("de_DE") == "dd.MM.yyyy"
    assert placeholder("en_US") == "mm/dd/yyyy"


@pytest.mark.parametrize("typed", ["31/02/2026", "13/13/2026", "mañana", "2026/12"])
def test_an_impossible_date_says_the_format(typed):
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_input(typed, "es_ES")


@pytest.fixture
def spanish_admin(login_as, in_db):
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "es_ES"}))
    client = login_as("admin")
    yield client
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "en_US"}))


@pytest.fixture
def lead(in_db):
    lead_id = in_db(lambda env: env["crm.lead"].create(
        {"name": "Fechas locales", "type": "opportunity", "date_deadline": "2026-03-07"}).id)
    yield lead_id
    in_db(lambda env: env["crm.lead"].browse(lead_id).unlink())


def _post(client, lead_id, **values):
    page = text(client.get(f"{LEADS}/{lead_id}"))
    stamp = re.search(r'name="__last_update" value="([^"]*)"', page)
    data = {"csrf_token": client.csrf, "name": "Fechas locales", "type": "opportunity", **values}
    if stamp:
        data["__last_update"] = stamp.group(1)
    return client.post(f"{LEADS}/{lead_id}", data=data)


def test_the_form_shows_the_date_in_spanish_order_and_stores_iso(spanish_admin, in_db, lead):
    page = text(spanish_admin.get(f"{LEADS}/{lead}"))
    assert re.search(r'name="date_deadline"[^>]*value="07/03/2026"', page)
    assert 'placeholder="dd/mm/aaaa"' in page
    response = _post(spanish_admin, lead, date_deadline="31/12/2026")
    assert response.status_code in (200, 302)
    stored = in_db(lambda env: env["crm.lead"].browse(lead).date_deadline)
    assert str(stored) == "2026-12-31"


def test_an_english_user_types_month_first(admin, in_db, lead):
    assert re.search(r'name="date_deadline"[^>]*value="03/07/2026"', text(admin.get(f"{LEADS}/{lead}")))
    _post(admin, lead, date_deadline="12/31/2026")
    assert str(in_db(lambda env: env["crm.lead"].browse(lead).date_deadline)) == "2026-12-31"


def test_a_typo_is_an_error_naming_the_field_and_changes_nothing(spanish_admin, in_db, lead):
    response = _post(spanish_admin, lead, date_deadline="31/02/2026")
    assert response.status_code == 422
    page = text(response)
    assert 'id="err-date_deadline"' in page
    assert "Cierre previsto: &#39;31/02/2026&#39; no es una fecha válida" in page
    assert re.search(r'name="date_deadline"[^>]*value="31/02/2026"', page)  # kept as typed
    assert str(in_db(lambda env: env["crm.lead"].browse(lead).date_deadline)) == "2026-03-07"


def test_the_search_bar_reads_dates_in_the_users_format(spanish_admin, lead):
    found = text(spanish_admin.get(f"{LEADS}?s=1&view=list&q=date_deadline:07/03/2026"))
    assert "Fechas locales" in found
    missed = text(spanish_admin.get(f"{LEADS}?s=1&view=list&q=date_deadline:08/03/2026"))
    assert "Fechas locales" not in missed


def test_a_bad_date_in_the_search_bar_names_the_field(spanish_admin, lead):
    response = spanish_admin.get(f"{LEADS}?s=1&view=list&q=date_deadline:32/03/2026")
    page = text(response)
    assert "Cierre previsto" in page and "no es una fecha válida" in page
