"""The town hall's demo: departments, a catalogue with questions and a year of requests in the centre."""

from __future__ import annotations

from addons.czrm import geo
from addons.czrm.demo_requests import CENTRE


def test_the_demo_town_hall(env):
    services = env["czrm.service.type"].search([])
    assert len(services) >= 8 and sum(len(s.attribute_ids) for s in services) >= 8
    requests = env["czrm.request"].search([])
    assert len(requests) >= 300
    assert all(geo.haversine(*CENTRE, r.lat, r.long) < 5000 for r in requests)
    assert set(requests.mapped("team_id.name")) == {
        "Roads and Pavements",
        "Street Lighting",
        "Waste Collection",
        "Parks and Gardens",
    }
    assert requests.filtered("close_date") and requests.filtered(lambda r: not r.close_date)
    assert env.ref("czrm.dept_roads").with_context(lang="es_ES").name == "Vías y pavimentos"
