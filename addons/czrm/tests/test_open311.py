"""Open311 GeoReport v2 over HTTP, in JSON and XML: discovery, services and their definitions, filing
requests with an API key, reading them back, the filters and defaults of GET requests, and the errors."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.rpc.server import LiveServer, live_server

ROOT = "/open311/v2"


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, label="open311") as live:
        yield live


@pytest.fixture(scope="module")
def api_key(server: LiveServer) -> str:
    with server.registry.environment() as env:
        return env["czrm.api.key"]._generate("Test app")[1]


def call(
    server: LiveServer, method: str, path: str, fmt: str, **kwargs: Any
) -> tuple[int, Any, requests.Response]:
    """The status and the parsed body (JSON, or the XML root element) of ``ROOT/path.fmt``."""
    response = requests.request(method, f"{server.base}{ROOT}/{path}.{fmt}", timeout=30, **kwargs)
    if fmt == "json":
        assert response.headers["Content-Type"].startswith("application/json")
        return response.status_code, response.json(), response
    assert response.headers["Content-Type"].startswith("text/xml")
    return response.status_code, ET.fromstring(response.content), response


def rows(fmt: str, body: Any, root: str = "service_requests", item: str = "request") -> list[dict[str, Any]]:
    """JSON lists as they are; XML lists as dicts of their elements' text, after checking the wrapping."""
    if fmt == "json":
        assert isinstance(body, list)
        return body
    assert body.tag == root and all(child.tag == item for child in body)
    return [{field.tag: field.text or "" for field in child} for child in body]


def error_of(fmt: str, body: Any) -> dict[str, Any]:
    found = rows(fmt, body, "errors", "error")
    assert len(found) == 1
    return {"code": int(found[0]["code"]), "description": found[0]["description"]}


FORMATS = pytest.mark.parametrize("fmt", ["json", "xml"])


@FORMATS
def test_discovery_names_the_endpoint(server, fmt):
    status, body, _response = call(server, "GET", "discovery", fmt)
    assert status == 200
    if fmt == "json":
        endpoint = body["endpoints"][0]
        assert endpoint["url"] == f"{server.base}{ROOT}" and "application/json" in endpoint["formats"]
    else:
        assert body.tag == "discovery"
        assert body.find("endpoints/endpoint/url").text == f"{server.base}{ROOT}"
        assert [f.text for f in body.findall("endpoints/endpoint/formats/format")] == [
            "text/xml",
            "application/json",
        ]


@FORMATS
def test_services_list_the_catalogue(server, fmt):
    status, body, _response = call(server, "GET", "services", fmt, params={"jurisdiction_id": ""})
    services = {s["service_code"]: s for s in rows(fmt, body, "services", "service")}
    assert status == 200 and len(services) >= 8
    pothole = services["POTHOLE"]
    assert pothole["service_name"] == "Pothole" and pothole["group"] == "Streets"
    assert pothole["metadata"] in (True, "true") and services["TRAFFICLIGHT"]["metadata"] in (False, "false")
    assert services["BULKY"]["type"] == "batch" and pothole["type"] == "realtime"


@FORMATS
@pytest.mark.parametrize("prefix", ["services", "service"])
def test_a_service_definition_lists_its_attributes(server, fmt, prefix):
    status, body, _response = call(server, "GET", f"{prefix}/POTHOLE", fmt)
    assert status == 200
    if fmt == "json":
        assert body["service_code"] == "POTHOLE"
        size = body["attributes"][0]
        assert size["code"] == "SIZE" and size["required"] is True and size["datatype"] == "singlevaluelist"
        assert [v["key"] for v in size["values"]] == ["small", "medium", "large"]
    else:
        assert body.tag == "service_definition" and body.find("service_code").text == "POTHOLE"
        first = body.find("attributes/attribute")
        assert first.find("code").text == "SIZE" and first.find("required").text == "true"
        assert [v.text for v in first.findall("values/value/key")] == ["small", "medium", "large"]


@FORMATS
def test_unknown_services_and_endpoints_are_404_error_lists(server, fmt):
    status, body, _response = call(server, "GET", "services/NOPE", fmt)
    assert status == 404 and error_of(fmt, body) == {
        "code": 404,
        "description": "service_code NOPE was not found.",
    }
    status, body, _response = call(server, "GET", "nowhere", fmt)
    assert status == 404 and error_of(fmt, body)["code"] == 404
    status, body, _response = call(server, "GET", "requests/R0000-99999", fmt)
    assert status == 404 and "R0000-99999" in error_of(fmt, body)["description"]
    status, body, _response = call(server, "GET", "tokens/unknown", fmt)
    assert status == 404 and error_of(fmt, body)["code"] == 404


@FORMATS
def test_file_a_request_and_read_it_back(server, api_key, fmt):
    form = {
        "api_key": api_key,
        "service_code": "POTHOLE",
        "lat": "41.6523",
        "long": "-4.7245",
        "attribute[SIZE]": "large",
        "attribute[DEPTH]": "12",
        "description": "Deep hole",
        "email": f"ana.{fmt}@example.com",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "address_string": "",
    }
    status, body, _response = call(server, "POST", "requests", fmt, data=form)
    assert status == 200
    created = rows(fmt, body)
    assert len(created) == 1 and created[0]["service_request_id"].startswith("R")
    number = created[0]["service_request_id"]
    status, body, _response = call(server, "GET", f"requests/{number}", fmt)
    (request,) = rows(fmt, body)
    assert request["status"] == "open" and request["service_code"] == "POTHOLE"
    assert request["agency_responsible"] == "Roads and Pavements" and request["description"] == "Deep hole"
    assert request["requested_datetime"].endswith("Z") and request["expected_datetime"].endswith("Z")
    assert float(request["lat"]) == pytest.approx(41.6523)
    with server.registry.environment() as env:
        stored = env["czrm.request"].search([("name", "=", number)])
        assert stored.attribute_values == {"SIZE": "large", "DEPTH": 12}
        assert stored.partner_id.email == f"ana.{fmt}@example.com" and stored.api_key_id.name == "Test app"


@FORMATS
def test_batch_services_answer_a_token(server, api_key, fmt):
    form = {
        "api_key": api_key,
        "service_code": "BULKY",
        "address_string": "Calle Mayor 3",
        "attribute[ITEMS]": "A sofa",
    }
    status, body, _response = call(server, "POST", "requests", fmt, data=form)
    (answer,) = rows(fmt, body)
    assert status == 200 and "service_request_id" not in answer and answer["token"]
    status, body, _response = call(server, "GET", f"tokens/{answer['token']}", fmt)
    (found,) = rows(fmt, body)
    assert found["token"] == answer["token"] and found["service_request_id"].startswith("R")


@FORMATS
def test_bad_posts_get_error_lists(server, api_key, fmt):
    base = {
        "api_key": api_key,
        "service_code": "POTHOLE",
        "lat": "41.65",
        "long": "-4.72",
        "attribute[SIZE]": "small",
    }
    cases = [
        ({**base, "api_key": ""}, 403, "api_key"),
        ({**base, "api_key": "wrong-key-of-some-length"}, 403, "api_key"),
        ({**base, "service_code": ""}, 400, "service_code is required"),
        ({**base, "service_code": "NOPE"}, 404, "NOPE"),
        ({k: v for k, v in base.items() if k not in ("lat", "long")}, 400, "A location is required"),
        ({**base, "lat": "north"}, 400, "lat and long"),
        ({**base, "attribute[SIZE]": "huge"}, 400, "attribute[SIZE]"),
        ({**base, "attribute[SIZE]": ""}, 400, "attribute[SIZE] is required"),
        ({**base, "email": "not-an-email"}, 400, "email"),
    ]
    for form, expected, words in cases:
        status, body, response = call(server, "POST", "requests", fmt, data=form)
        assert status == expected, (form, response.text)
        found = error_of(fmt, body)
        assert found["code"] == expected and words.lower() in found["description"].lower(), found


def _numbers(fmt: str, body: Any) -> list[str]:
    return [row["service_request_id"] for row in rows(fmt, body)]


@FORMATS
def test_requests_default_to_the_last_90_days(server, fmt):
    status, body, _response = call(server, "GET", "requests", fmt, params={"start_date": "", "status": ""})
    with server.registry.environment() as env:
        since = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=90, minutes=5)
        recent = set(env["czrm.request"].search([("sla_start", ">=", since)]).mapped("name"))
        older = set(
            env["czrm.request"].search([("sla_start", "<", since - dt.timedelta(minutes=10))]).mapped("name")
        )
    numbers = set(_numbers(fmt, body))
    assert status == 200 and numbers and older
    assert numbers == recent and not numbers & older


@FORMATS
def test_requests_filters(server, fmt):
    with server.registry.environment() as env:
        some = env["czrm.request"].search([("service_type_id.code", "=", "STREETLIGHT")], limit=2, order="id")
        names = some.mapped("name")
        first = env["czrm.request"].search([], order="sla_start", limit=1)
        first_name, first_start = first.name, first.sla_start
    _status, body, _response = call(
        server, "GET", "requests", fmt, params={"service_request_id": ",".join(names)}
    )
    assert sorted(_numbers(fmt, body)) == sorted(names)
    params = {
        "service_code": "STREETLIGHT,TRAFFICLIGHT",
        "status": "closed",
        "start_date": "2000-01-01T00:00:00Z",
        "end_date": "2100-01-01T00:00:00+01:00",
    }
    _status, body, _response = call(server, "GET", "requests", fmt, params=params)
    found = rows(fmt, body)
    assert found and {r["service_code"] for r in found} <= {"STREETLIGHT", "TRAFFICLIGHT"}
    assert {r["status"] for r in found} == {"closed"}
    start = first_start.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    end = (first_start + dt.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _status, body, _response = call(
        server, "GET", "requests", fmt, params={"start_date": start, "end_date": end}
    )
    assert first_name in _numbers(fmt, body)
    for params, words in (
        ({"start_date": "2026-01-01"}, "start_date"),
        ({"status": "pending"}, "status"),
        ({"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, "start_date"),
    ):
        status, body, _response = call(server, "GET", "requests", fmt, params=params)
        assert status == 400 and words in error_of(fmt, body)["description"]


def test_at_most_1000_requests_are_listed(server):
    with server.registry.environment() as env:
        service = env["czrm.service.type"].create({"name": "Bench", "code": "BENCH"})
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        env["czrm.request"].create(
            [
                {
                    "service_type_id": service.id,
                    "address_string": f"Street {i}",
                    "sla_start": now - dt.timedelta(minutes=i),
                }
                for i in range(1005)
            ]
        )
    for fmt in ("json", "xml"):
        _status, body, _response = call(server, "GET", "requests", fmt, params={"service_code": "BENCH"})
        assert len(rows(fmt, body)) == 1000


PNG = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 40
MEDIA_FORM = {"service_code": "POTHOLE", "lat": "41.6523", "long": "-4.7245", "attribute[SIZE]": "small"}


@FORMATS
def test_a_media_upload_is_attached_and_served_at_its_media_url(server, api_key, fmt):
    files = {"media": ("hole.png", PNG, "image/png")}
    status, body, response = call(
        server, "POST", "requests", fmt, data={**MEDIA_FORM, "api_key": api_key}, files=files
    )
    assert status == 200, response.text
    number = rows(fmt, body)[0]["service_request_id"]
    status, body, _response = call(server, "GET", f"requests/{number}", fmt)
    (found,) = rows(fmt, body)
    assert found["media_url"].startswith(f"{server.base}/citizen/media/")
    image = requests.get(found["media_url"], timeout=30)
    assert image.status_code == 200 and image.content == PNG
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert requests.get(found["media_url"][:-6] + "000000", timeout=30).status_code == 404
    with server.registry.environment() as env:
        stored = env["czrm.request"].search([("name", "=", number)])
        (attachment,) = env["ir.attachment"].search(
            [("res_model", "=", "czrm.request"), ("res_id", "=", stored.id)]
        )
        assert attachment.raw == PNG and attachment.mimetype == "image/png"
        assert attachment.name == f"{number}.png"


@FORMATS
def test_a_media_url_is_kept_and_returned(server, api_key, fmt):
    link = "https://photos.example.org/p/123.jpg"
    status, body, response = call(
        server, "POST", "requests", fmt, data={**MEDIA_FORM, "api_key": api_key, "media_url": link}
    )
    assert status == 200, response.text
    number = rows(fmt, body)[0]["service_request_id"]
    status, body, _response = call(server, "GET", "requests", fmt, params={"service_request_id": number})
    assert rows(fmt, body)[0]["media_url"] == link
    with server.registry.environment() as env:
        stored = env["czrm.request"].search([("name", "=", number)])
        (attachment,) = env["ir.attachment"].search(
            [("res_model", "=", "czrm.request"), ("res_id", "=", stored.id)]
        )
        assert attachment.type == "url" and attachment.url == link


@FORMATS
def test_bad_media_is_refused_naming_the_parameter(server, api_key, fmt):
    with server.registry.environment() as env:
        before = env["czrm.request"].search_count([])
    cases = [
        ({"media_url": "javascript:alert(1)"}, None, "media_url"),
        ({"media_url": "not a link"}, None, "media_url"),
        ({}, ("notes.txt", b"hello", "text/plain"), "media: only jpeg"),
        ({}, ("empty.png", b"", "image/png"), "media: the file is empty"),
    ]
    for extra, upload, words in cases:
        files = {"media": upload} if upload else None
        status, body, response = call(
            server, "POST", "requests", fmt, data={**MEDIA_FORM, "api_key": api_key, **extra}, files=files
        )
        assert status == 400, response.text
        assert words in error_of(fmt, body)["description"].lower()
    with server.registry.environment() as env:
        assert env["czrm.request"].search_count([]) == before
