"""Paging inside a list group and a kanban column: the group's rows page by page with "Load more (N)",
the column's next cards (never one already shown), a just-created card, and the columns' totals."""

from __future__ import annotations

import json
import re

import pytest

from tests.fixtures.web_client import text

ROW_IDS = re.compile(r'<tr class="list-row [^"]*" data-href="[^"]*" data-id="(\d+)"')
CARD_IDS = re.compile(r'<article class="card[^"]*" data-id="(\d+)"')


@pytest.fixture
def country_with_partners(in_db):
    def make(env):
        country = env["res.country"].create({"name": "Pagelandia", "code": "QZ"})
        env["res.partner"].create([{"name": f"Paged {i:02d}", "country_id": country.id} for i in range(45)])
        return country.id

    return in_db(make)


def test_a_list_group_pages_with_load_more(admin, country_with_partners):
    domain = json.dumps([["country_id", "=", country_with_partners]])
    first = text(admin.get("/web/data/res.partner/rows", query_string={"domain": domain, "limit": 20}))
    ids = ROW_IDS.findall(first)
    assert len(ids) == 20 and "Load more (25)" in first
    url = re.search(r'class="button small group-more-button" data-src="([^"]+)"', first).group(1)
    second = text(admin.get(url.replace("&amp;", "&")))
    more = ROW_IDS.findall(second)
    assert len(more) == 20 and not set(more) & set(ids) and "Load more (5)" in second
    last = text(admin.get(re.search(r'data-src="([^"]+)"', second).group(1).replace("&amp;", "&")))
    rest = ROW_IDS.findall(last)
    assert len(rest) == 5 and "Load more" not in last
    assert len(set(ids) | set(more) | set(rest)) == 45


def test_a_bad_group_domain_is_refused_naming_it(admin):
    response = admin.get("/web/data/res.partner/rows", query_string={"domain": "not json"})
    assert response.status_code == 400


@pytest.fixture
def crowded_stage(in_db):
    def make(env):
        if "crm.lead" not in env.registry.models:
            return None
        stage = env["crm.stage"].create({"name": "Crowded", "sequence": 99})
        leads = env["crm.lead"].create([
            {"name": f"Crowd {i:02d}", "type": "opportunity", "stage_id": stage.id, "expected_revenue": 100}
            for i in range(30)])
        return {"stage": stage.id, "leads": leads.ids}

    found = in_db(make)
    if not found:
        pytest.skip("the crm addon is not installed")
    return found


def _post(client, url, **data):
    return client.post(url, data={"csrf_token": client.csrf, **data}, headers={"X-Requested-With": "fetch"})


def test_a_kanban_column_loads_the_cards_not_shown_yet(admin, crowded_stage):
    domain = json.dumps([["stage_id", "=", crowded_stage["stage"]]])
    first = _post(admin, "/web/data/crm.lead/kanban_cards", domain=domain, field="stage_id").get_json()
    shown = CARD_IDS.findall(first["html"])
    assert len(shown) == 20 and first["remaining"] == 10
    moved_in = "999999"  # a card moved in from another column is on the page but not in the column's count
    second = _post(admin, "/web/data/crm.lead/kanban_cards", domain=domain, field="stage_id",
                   exclude=",".join([*shown, moved_in])).get_json()
    more = CARD_IDS.findall(second["html"])
    assert len(more) == 10 and second["remaining"] == 0
    assert {int(i) for i in shown + more} == set(crowded_stage["leads"])


def test_kanban_totals_follow_a_move(admin, in_db, crowded_stage):
    domain = json.dumps([["id", "in", crowded_stage["leads"]]])
    before = _post(admin, "/web/data/crm.lead/kanban_totals", domain=domain, field="stage_id").get_json()
    assert before[str(crowded_stage["stage"])]["count"] == 30
    assert "3,000.00" in before[str(crowded_stage["stage"])]["sum"]
    won = in_db(lambda env: env.ref("crm.stage_lead4").id)
    in_db(lambda env: env["crm.lead"].browse(crowded_stage["leads"][0]).write({"stage_id": won}))
    after = _post(admin, "/web/data/crm.lead/kanban_totals", domain=domain, field="stage_id").get_json()
    assert after[str(crowded_stage["stage"])]["count"] == 29 and after[str(won)]["count"] == 1


def test_a_just_created_card_comes_alone(admin, in_db, crowded_stage):
    new_id = in_db(lambda env: env["crm.lead"].create({"name": "Fresh", "type": "opportunity"}).id)
    answer = _post(admin, "/web/data/crm.lead/kanban_cards", domain="[]", field="stage_id", ids=str(new_id))
    assert CARD_IDS.findall(answer.get_json()["html"]) == [str(new_id)]


def test_a_board_grouped_by_month_names_its_columns_by_period(env, app):
    from web.client.views.kanban import column_totals

    env["crm.lead"].create({"name": "Due in March", "type": "opportunity", "date_deadline": "2026-03-14",
                            "expected_revenue": 1000})
    with app.test_request_context("/web"):
        columns = column_totals(env, env["crm.lead"], {"sum": "expected_revenue"},
                                [("type", "=", "opportunity")], "date_deadline:month")
    march = [column for column in columns if column["label"] == "March 2026"]
    assert march and march[0]["count"] >= 1
