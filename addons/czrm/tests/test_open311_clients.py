"""Open311 as real clients call it: the ``georeport`` client from PyPI in JSON and XML modes, the request
shapes of the older ``open311`` client (XML, an empty jurisdiction_id, the key in the POST query string),
and an API mounted under another root."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import requests
from georeport import GeoReport

from tests.rpc.server import LiveServer, live_server
from web.app import create_app

ROOT = "/open311/v2"


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, label="open311c") as live:
        yield live


@pytest.fixture(scope="module")
def streetlights(server: LiveServer) -> list[str]:
    with server.registry.environment() as env:
        return (
            env["czrm.request"].search([("service_type_id.code", "=", "STREETLIGHT")], limit=3).mapped("name")
        )


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_georeport_client(server, streetlights, fmt):
    client = GeoReport(f"{server.base}{ROOT}", jurisdiction="ayuntamiento.example", output_format=fmt)
    services = client.get_service_list()
    assert "POTHOLE" in {s["service_code"] for s in services}
    definition = client.get_service_definition("BINFULL")
    assert definition["service_code"] == "BINFULL"
    attributes = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    attribute = attributes[0] if isinstance(attributes, list) else attributes
    assert attribute["code"] == "KIND" and attribute["datatype"] == "multivaluelist"
    listed = client.get_service_requests(
        service_code="STREETLIGHT,TRAFFICLIGHT",
        start_date="2000-01-01T00:00:00Z",
        end_date="2100-01-01T00:00:00Z",
    )
    listed = listed if isinstance(listed, list) else [listed]
    assert set(streetlights) <= {r["service_request_id"] for r in listed}
    chosen = client.get_service_requests(service_request_id=",".join(streetlights[:2]))
    assert sorted(r["service_request_id"] for r in chosen) == sorted(streetlights[:2])
    one = client.get_service_request(streetlights[0])
    assert one["service_request_id"] == streetlights[0] and one["service_code"] == "STREETLIGHT"


def test_the_request_shapes_of_the_open311_client(server):
    """The older client: XML, ``jurisdiction_id=`` sent empty, api_key and jurisdiction_id in the query
    string of the POST and the request's fields in its body."""
    with server.registry.environment() as env:
        key = env["czrm.api.key"]._generate("Legacy client")[1]
    base = f"{server.base}{ROOT}"
    listed = requests.get(f"{base}/services.xml", params={"jurisdiction_id": ""}, timeout=30)
    assert listed.status_code == 200 and ET.fromstring(listed.content).tag == "services"
    posted = requests.post(
        f"{base}/requests.xml",
        params={"api_key": key, "jurisdiction_id": ""},
        data={
            "service_code": "GRAFFITI",
            "address_string": "Calle Mayor 1",
            "lat": "",
            "long": "",
            "description": "Tags on the door",
        },
        timeout=30,
    )
    assert posted.status_code == 200, posted.text
    document = ET.fromstring(posted.content)
    assert document.tag == "service_requests" and [c.tag for c in document] == ["request"]
    number = document.find("request/service_request_id").text
    read = requests.get(f"{base}/requests/{number}.xml", params={"jurisdiction_id": ""}, timeout=30)
    assert ET.fromstring(read.content).find("request/address").text == "Calle Mayor 1"


def test_the_root_is_configurable(fresh_registry):
    registry = fresh_registry()
    client = create_app(registry.url, {"TESTING": True, "ERP_OPEN311_ROOT": "/api/georeport/"}).test_client()
    answer = client.get("/api/georeport/services.json")
    assert answer.status_code == 200 and any(s["service_code"] == "POTHOLE" for s in answer.get_json())
    assert (
        client.get("/api/georeport/discovery.json")
        .get_json()["endpoints"][0]["url"]
        .endswith("/api/georeport")
    )
    assert client.get("/open311/v2/services.json").status_code == 404
