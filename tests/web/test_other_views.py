"""Kanban, calendar, pivot and graph views of real models."""

from __future__ import annotations

import datetime as dt
import json
import re

from tests.fixtures.web_client import text

CONTACTS = "/web/model/res.partner"


def test_kanban_groups_cards_in_columns_with_counts(admin, in_db):
    spain = in_db(lambda env: env["res.partner"].search_count([("country_id.code", "=", "ES")]))
    page = text(admin.get(CONTACTS + "?view=kanban&s=1&groupby=country_id"))
    assert re.search(r'column-title">Spain</span>\s*<span class="column-count"[^>]*>' + str(spain), page)


def test_moving_a_card_writes_the_grouping_field(admin, in_db):
    partner, france = in_db(
        lambda env: (env["res.partner"].search([("name", "=", "Ana García")]).id, env.ref("base.fr").id)
    )
    response = admin.post(
        f"/web/data/res.partner/{partner}/move",
        data={"csrf_token": admin.csrf, "field": "country_id", "value": str(france)},
        headers={"X-Requested-With": "fetch"},
    )
    assert json.loads(text(response)) == {"ok": True}
    assert in_db(lambda env: env["res.partner"].browse(partner).country_id.code) == "FR"


def test_moving_a_card_by_a_field_that_is_not_a_column_is_refused(admin, in_db):
    partner = in_db(lambda env: env["res.partner"].search([("name", "=", "Ana García")]).id)
    response = admin.post(
        f"/web/data/res.partner/{partner}/move",
        data={"csrf_token": admin.csrf, "field": "display_name", "value": "x"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 403


def test_quick_create_makes_a_record_in_the_column(admin, in_db):
    spain = in_db(lambda env: env.ref("base.es").id)
    response = admin.post(
        "/web/data/res.partner/quick_create",
        data={"csrf_token": admin.csrf, "name": "Quick Partner", "field": "country_id", "value": str(spain)},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    assert (
        in_db(lambda env: env["res.partner"].search([("name", "=", "Quick Partner")]).country_id.code) == "ES"
    )


LEADS = "/web/model/crm.lead"


def test_calendar_places_records_on_their_day(admin, in_db):
    today = dt.date.today()
    in_db(lambda env: env["crm.lead"].create({"name": "Closing call today", "date_deadline": today}))
    page = text(admin.get(LEADS + f"?view=calendar&date={today.isoformat()}"))
    assert 'class="event' in page
    assert "Closing call today" in page


def test_contacts_have_no_calendar(admin):
    page = text(admin.get(CONTACTS + "?view=calendar"))
    assert "calendar-day" not in page and 'class="calendar' not in page


def test_calendar_week_mode_shows_seven_days(admin):
    page = text(admin.get(LEADS + "?view=calendar&mode=week"))
    assert len(re.findall(r'class="calendar-day[ "]', page)) == 7


def test_pivot_counts_records_by_rows_and_columns(admin, in_db):
    spain = in_db(lambda env: env["res.partner"].search_count([("country_id.code", "=", "ES")]))
    page = text(admin.get(CONTACTS + "?view=pivot&rows=country_id&cols=is_company"))
    row = re.search(r'title="Spain">Spain</\w+></th>(.*?)</tr>', page, re.S).group(1)
    # companies, individuals (either may be empty), then the row's total
    assert re.findall(r'class="pivot-cell" href="[^"]*">(\d+)<', row)[-1] == str(spain)


def test_graph_gives_chart_data_from_read_group(admin, in_db):
    spain = in_db(lambda env: env["res.partner"].search_count([("country_id.code", "=", "ES")]))
    page = text(admin.get(CONTACTS + "?view=graph&type=pie"))
    chart = json.loads(re.search(r'data-graph="([^"]+)"', page).group(1).replace("&#34;", '"'))
    assert chart["type"] == "pie"
    assert chart["datasets"][0]["data"][chart["labels"].index("Spain")] == spain
