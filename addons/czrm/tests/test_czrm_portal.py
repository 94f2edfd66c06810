"""The citizen portal: file a request without logging in (answers, place, photo, anonymous or not), get
its tracking link, and follow its status; mistakes come back on the form naming what to fix."""

from __future__ import annotations

import io
import re

from tests.fixtures.web_client import TOKEN

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _csrf(client, path: str) -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def test_file_and_follow_a_request(app, in_db):
    client = app.test_client()
    catalogue = client.get("/citizen/").get_data(as_text=True)
    assert "Pothole" in catalogue and "/citizen/new/POTHOLE" in catalogue
    form = client.get("/citizen/new/POTHOLE").get_data(as_text=True)
    assert 'name="attribute[SIZE]"' in form and '<label for="address_string">' in form
    answer = client.post(
        "/citizen/new/POTHOLE",
        data={
            "csrf_token": _csrf(client, "/citizen/new/POTHOLE"),
            "description": "Hole by the school",
            "attribute[SIZE]": "medium",
            "attribute[DEPTH]": "8",
            "address_string": "Calle Mayor 5",
            "zipcode": "47001",
            "lat": "41.6521",
            "long": "-4.7240",
            "partner_email": "rosa@example.com",
            "first_name": "Rosa",
            "photo": (io.BytesIO(PNG), "hole.png"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    link = answer.headers["Location"]
    number = re.search(r"/citizen/request/([^?]+)", link).group(1)
    page = client.get(link).get_data(as_text=True)
    assert f"Request {number}" in page and "Received" in page and "Roads and Pavements" in page

    def stored(env):
        request = env["czrm.request"].search([("name", "=", number)])
        files = env["ir.attachment"].search([("res_model", "=", "czrm.request"), ("res_id", "=", request.id)])
        return request.attribute_values, request.partner_id.email, files.mapped("name"), request.id

    answers, email, files, request_id = in_db(stored)
    assert answers == {"SIZE": "medium", "DEPTH": 8} and email == "rosa@example.com" and files == ["hole.png"]

    def close(env):
        request = env["czrm.request"].browse(request_id)
        request.write(
            {"stage_id": env.ref("service_desk.stage_solved").id, "status_notes": "Filled on Monday."}
        )

    in_db(close)
    page = client.get(link).get_data(as_text=True)
    assert "Solved" in page and "Filled on Monday." in page
    assert client.get(f"/citizen/request/{number}?token=wrong").status_code == 404
    assert client.get(f"/citizen/track?number={number}&token=x").status_code == 302


def test_mistakes_come_back_on_the_form(app, in_db):
    client = app.test_client()
    csrf = _csrf(client, "/citizen/new/POTHOLE")
    missing = client.post("/citizen/new/POTHOLE", data={"csrf_token": csrf, "attribute[SIZE]": "small"})
    assert missing.status_code == 400 and "Tell us where" in missing.get_data(as_text=True)
    wrong = client.post(
        "/citizen/new/POTHOLE",
        data={"csrf_token": csrf, "address_string": "Calle Mayor 5", "attribute[DEPTH]": "deep"},
    )
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "attribute[SIZE] is required" in html and "Calle Mayor 5" in html
    assert client.post("/citizen/new/POTHOLE", data={"address_string": "x"}).status_code == 400  # no CSRF
    assert client.get("/citizen/new/NOPE").status_code == 404


def test_anonymous_requests_have_no_contact(app, in_db):
    client = app.test_client()
    answer = client.post(
        "/citizen/new/GRAFFITI",
        data={"csrf_token": _csrf(client, "/citizen/new/GRAFFITI"), "address_string": "Plaza Mayor 1"},
    )
    number = re.search(r"/citizen/request/([^?]+)", answer.headers["Location"]).group(1)
    assert in_db(lambda env: env["czrm.request"].search([("name", "=", number)]).partner_id.id) is False


def test_the_portal_speaks_spanish(app):
    client = app.test_client()
    page = client.get("/citizen/", headers={"Accept-Language": "es-ES,es;q=0.9"}).get_data(as_text=True)
    assert "¿Qué quiere comunicar?" in page and "Bache" in page and "Seguir una solicitud" in page
    form = client.get("/citizen/new/POTHOLE", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "¿Qué tamaño tiene?" in form and "Enviar solicitud" in form
