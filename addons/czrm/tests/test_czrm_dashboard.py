"""The service desk dashboard over citizen requests: every figure checked against the rows read with
plain SQL and counted here; the page reached from the app's menu."""

from __future__ import annotations

import datetime as dt
import re
from statistics import mean

import pytest
import sqlalchemy as sa

from addons.service_desk.models.service_desk_ticket_report import AGE_BUCKETS
from core import clock
from tests.fixtures.web_client import csrf_token, log_in
from web.app import create_app

SERVICES = ("pothole", "streetlight", "bin_full")
ANSWERS = {
    "pothole": {"SIZE": "large"},
    "streetlight": {"POLE": "A-1"},
    "bin_full": {"KIND": ["glass"]},
}


def town(env) -> list:
    """Twelve requests over three services and postal codes, filed 1 to 60 days ago, half closed."""
    now = clock.utcnow().replace(microsecond=0)
    made = []
    for index in range(12):
        service = SERVICES[index % 3]
        request = env["czrm.request"].create(
            {
                "service_type_id": env.ref(f"czrm.service_{service}").id,
                "attribute_values": ANSWERS[service],
                "zipcode": f"4700{index % 4 + 1}",
                "address_string": f"Calle Mayor {index}",
            }
        )
        filed = now - dt.timedelta(days=1 + index * 5, hours=index)
        values = {"sla_start": filed}
        if index % 2:
            values.update(close_date=filed + dt.timedelta(days=index / 3, hours=3),
                          stage_id=env.ref("service_desk.stage_solved").id)
        request.with_context(service_desk_sla_write=True).write(values)
        made.append(request)
    requests = made[0].browse([r.id for r in made])
    requests._sla_refresh(now)
    env.flush()
    return requests


def raw_rows(env, ids) -> list[dict]:
    """The requests' rows as plain SQL returns them."""
    statement = sa.text(
        "SELECT id, team_id, stage_id, zipcode, district_id, service_type_id, sla_state, sla_start, "
        "create_date, close_date FROM czrm_request WHERE id IN (" + ",".join(str(i) for i in ids) + ")"
    )
    rows = [dict(row._mapping) for row in env.cr.execute(statement)]
    for row in rows:  # SQLite gives text back
        for key in ("sla_start", "create_date", "close_date"):
            if isinstance(row[key], str):
                row[key] = dt.datetime.fromisoformat(row[key])
    return rows


def days(row) -> float:
    return ((row["close_date"] - (row["sla_start"] or row["create_date"])).total_seconds()) / 86400


def test_dashboard_figures_match_the_rows(env):
    requests = town(env)
    domain = [("id", "in", requests.ids)]
    figures = requests.browse().get_desk_dashboard(domain)
    rows = raw_rows(env, requests.ids)
    open_rows = [r for r in rows if r["close_date"] is None]
    expected_backlog: dict = {}
    for row in open_rows:
        key = (row["team_id"] or False, row["stage_id"] or False)
        expected_backlog[key] = expected_backlog.get(key, 0) + 1
    assert {(r["team_id"], r["stage_id"]): r["count"] for r in figures["backlog"]} == expected_backlog
    assert sum(r["count"] for r in figures["backlog"]) == 6

    closed_sla = [r for r in rows if r["close_date"] and r["sla_state"]]
    met = [r for r in closed_sla if r["sla_state"] != "failed"]
    assert figures["sla"]["closed"] == len(closed_sla) > 0
    assert figures["sla"]["met"] == len(met)
    assert figures["sla"]["rate"] == round(100 * len(met) / len(closed_sla), 1)
    assert figures["sla"]["open_failed"] == len([r for r in open_rows if r["sla_state"] == "failed"])

    now = clock.utcnow()
    ages = [(now - (r["sla_start"] or r["create_date"])).total_seconds() / 86400 for r in open_rows]
    expected_ages = [
        len([a for a in ages if lower <= a and (upper is None or a < upper)])
        for _l, lower, upper in AGE_BUCKETS
    ]
    assert [b["count"] for b in figures["ages"]] == expected_ages

    by_month: dict = {}
    for row in rows:
        if row["close_date"]:
            by_month.setdefault(row["close_date"].strftime("%Y-%m"), []).append(days(row))
    assert [(m["month"], m["count"]) for m in figures["trend"]] == [
        (month, len(values)) for month, values in sorted(by_month.items())
    ]
    for month in figures["trend"]:
        assert month["avg_days"] == pytest.approx(mean(by_month[month["month"]]), abs=0.01)


@pytest.mark.parametrize("field", ["zipcode", "district_id", "service_type_id", "team_id"])
def test_average_resolution_time_by_district_service_and_department(env, field):
    requests = town(env)
    stats = requests.browse().get_resolution_stats(field, [("id", "in", requests.ids)])
    rows = raw_rows(env, requests.ids)
    expected: dict = {}
    for row in rows:
        expected.setdefault(row[field], []).append(row)
    assert {s["key"]: s["count"] for s in stats} == {k: len(v) for k, v in expected.items()}
    for stat in stats:
        group = expected[stat["key"]]
        assert stat["open"] == len([r for r in group if r["close_date"] is None])
        closed = [days(r) for r in group if r["close_date"]]
        if closed:
            assert stat["avg_days"] == pytest.approx(mean(closed), abs=0.01)
        else:
            assert stat["avg_days"] is False
    if field == "service_type_id":
        assert {s["label"] for s in stats} == {env.ref(f"czrm.service_{s}").name for s in SERVICES}


def test_breaking_down_by_an_unknown_field_names_it(env):
    from core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="groupby: nope"):
        env["czrm.request"].get_resolution_stats("nope")


def test_the_dashboard_page_is_in_the_reporting_menu(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        town(env)
        env["res.users"].create(
            {
                "name": "Clerk",
                "login": "clerk",
                "password": "clerk-secret-1",
                "groups_id": [(6, 0, [env.ref("service_desk.group_service_desk_user").id])],
            }
        )
        root = env.ref("czrm.czrm_menu_root")
        app_url = f"/web/action/{root.action_id.id}?menu={root.id}"
        menu_id = env.ref("czrm.czrm_menu_dashboard").id
    client = create_app(registry.url, {"TESTING": True}).test_client()
    assert log_in(client, "clerk", "clerk-secret-1").status_code == 302
    csrf_token(client, "/web")
    app_page = client.get(app_url).get_data(as_text=True)
    link = f"/service_desk/dashboard/czrm.request?menu={menu_id}"
    assert f'href="{link}"' in app_page
    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html[:500]
    assert "Citizen Request Dashboard" in html and "By district" in html
    assert 'data-figure="sla-rate"' in html and "Centro" in html
    assert '<a class="brand" href="/web">Citizen Requests</a>' in html  # the app's own menu bar
    assert client.get("/service_desk/dashboard/res.partner").status_code == 404
    # a count of the backlog opens the list of exactly those records
    table = html.split('id="desk-backlog-table"')[1].split("</table>")[0]
    first = re.search(r'<td class="num"><a href="([^"]+)">(\d+)</a>', table)
    listing = client.get(first.group(1).replace("&amp;", "&"))
    assert listing.status_code == 200
    assert len(re.findall(r'<tr[^>]*data-id="\d+"', listing.get_data(as_text=True))) == int(first.group(2))
