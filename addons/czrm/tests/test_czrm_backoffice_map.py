"""The map of requests in the web client: the located requests the user may read, filtered by service
and status, each with the address of its form; the tile setting (none: a blank layer)."""

from __future__ import annotations

import pytest

from tests.fixtures.web_client import csrf_token, log_in
from web.app import create_app


@pytest.fixture
def clerk(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        ref = env.ref
        env["czrm.request"].search([]).unlink()  # only this test's requests
        env["czrm.request"].create([
            {"service_type_id": ref("czrm.service_pothole").id, "attribute_values": {"SIZE": "small"},
             "lat": 41.6521, "long": -4.7241},
            {"service_type_id": ref("czrm.service_streetlight").id, "attribute_values": {"POLE": "B"},
             "lat": 41.6531, "long": -4.7251},
            {"service_type_id": ref("czrm.service_streetlight").id, "attribute_values": {"POLE": "C"},
             "address_string": "Calle Mayor 1"},  # no point: not on the map
        ])
        closed = env["czrm.request"].create({"service_type_id": ref("czrm.service_pothole").id,
                                             "attribute_values": {"SIZE": "large"},
                                             "lat": 41.6541, "long": -4.7261})
        closed.write({"stage_id": ref("service_desk.stage_solved").id})
        assert closed.status == "closed"
        env["res.users"].create({"name": "Clerk", "login": "clerk", "password": "clerk-secret-1",
                                 "groups_id": [(6, 0, [ref("service_desk.group_service_desk_user").id])]})
        services = {"pothole": ref("czrm.service_pothole").id, "light": ref("czrm.service_streetlight").id}
        menu = ref("czrm.czrm_menu_map").id
    client = create_app(registry.url, {"TESTING": True}).test_client()
    assert log_in(client, "clerk", "clerk-secret-1").status_code == 302
    csrf_token(client, "/web")
    client.services, client.menu, client.registry = services, menu, registry
    return client


def markers(client, **params):
    response = client.get("/czrm/map.json", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


def test_the_map_lists_located_requests_by_status_and_service(clerk):
    open_ones = markers(clerk)
    assert len(open_ones) == 2 and {m["status"] for m in open_ones} == {"open"}
    assert all(m["url"].startswith("/web/") and m["lat"] and m["long"] for m in open_ones)
    assert len(markers(clerk, status="closed")) == 1
    assert len(markers(clerk, status="all")) == 3
    lights = markers(clerk, service=clerk.services["light"])
    assert len(lights) == 1 and lights[0]["service"] == "Street light out"
    form = clerk.get(lights[0]["url"])
    assert form.status_code == 200 and lights[0]["number"] in form.get_data(as_text=True)


def test_the_map_page_is_in_the_menu_and_lets_the_tiles_in(clerk):
    page = clerk.get(f"/czrm/map?menu={clerk.menu}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Requests on the Map" in html
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    policy = page.headers["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org" in policy
    assert f'href="/czrm/map?menu={clerk.menu}"' in html  # the app's menu bar leads here
    with clerk.registry.environment() as env:
        env["res.config.settings"].create({"czrm_map_tile_url": "none"}).execute()
    html = clerk.get("/czrm/map").get_data(as_text=True)
    assert 'data-tiles=""' in html


def test_people_without_access_get_no_markers(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        env["res.users"].create({"name": "Outsider", "login": "out", "password": "out-secret-1",
                                 "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
    client = create_app(registry.url, {"TESTING": True}).test_client()
    assert log_in(client, "out", "out-secret-1").status_code == 302
    assert client.get("/czrm/map.json").status_code == 403
    assert client.get("/czrm/map").status_code == 403
