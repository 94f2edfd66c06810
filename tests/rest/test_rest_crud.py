"""/api/v1/<model>: list with domain, fields, limit, offset, order; get; create; PATCH; DELETE."""

from __future__ import annotations

import json


def test_list_answers_data_count_and_links(api):
    body = api.get("/res.partner", params={"limit": 2, "fields": "name"}).json()
    assert len(body["data"]) == 2 and set(body["data"][0]) == {"id", "name"}
    assert body["count"] > 2 and body["links"]["next"].endswith("offset=2&limit=2")
    assert body["links"]["prev"] is None


def test_list_filters_with_a_domain(api):
    domain = json.dumps([["is_company", "=", True], ["name", "ilike", "azure"]])
    body = api.get("/res.partner", params={"domain": domain, "fields": "name"}).json()
    assert [row["name"] for row in body["data"]] == ["Azure Interior"]


def test_list_orders_and_pages(api):
    everything = [
        row["id"]
        for row in api.get("/res.partner", params={"order": "id desc", "fields": "id", "limit": 1000}).json()[
            "data"
        ]
    ]
    page = api.get(
        "/res.partner", params={"order": "id desc", "fields": "id", "limit": 3, "offset": 2}
    ).json()
    assert [row["id"] for row in page["data"]] == everything[2:5]


def test_link_header_and_total(api):
    response = api.get("/res.partner", params={"limit": 1})
    assert 'rel="next"' in response.headers["Link"]
    assert int(response.headers["X-Total-Count"]) == response.json()["count"]


def test_get_answers_json_values(api):
    body = api.get("/res.partner/3", params={"fields": "name,country_id,create_date,email,is_company"}).json()
    data = body["data"]
    assert data["name"] == "Administrator" and data["is_company"] is False
    assert data["create_date"].endswith("Z") and "T" in data["create_date"]


def test_many2one_is_an_object(api):
    created = api.post("/res.partner", json={"name": "With Country", "country_id": 73}).json()["data"]
    assert created["country_id"] == {"id": 73, "display_name": "Spain"}


def test_create_answers_201_with_location(api):
    response = api.post("/res.partner", json={"name": "Rest Created", "email": "rest@example.com"})
    assert response.status_code == 201
    record = response.json()["data"]
    assert response.headers["Location"].endswith(f"/api/v1/res.partner/{record['id']}")
    assert record["email"] == "rest@example.com"


def test_patch_updates(api):
    pid = api.post("/res.partner", json={"name": "Patch Me"}).json()["data"]["id"]
    response = api.patch(f"/res.partner/{pid}", json={"name": "Patched", "category_id": []})
    assert response.status_code == 200 and response.json()["data"]["name"] == "Patched"


def test_delete_answers_204_then_404(api):
    pid = api.post("/res.partner", json={"name": "Delete Me"}).json()["data"]["id"]
    assert api.delete(f"/res.partner/{pid}").status_code == 204
    assert api.get(f"/res.partner/{pid}").status_code == 404


def test_x2many_takes_a_list_of_ids(api):
    tags = [
        api.post("/res.partner.category", json={"name": f"Tag {i}"}).json()["data"]["id"] for i in range(2)
    ]
    record = api.post("/res.partner", json={"name": "Tagged", "category_id": tags}).json()["data"]
    assert sorted(record["category_id"]) == sorted(tags)


def test_if_match_with_a_stale_etag_is_409_and_changes_nothing(api):
    pid = api.post("/res.partner", json={"name": "Versioned"}).json()["data"]["id"]
    etag = api.get(f"/res.partner/{pid}").headers["ETag"]
    api.patch(f"/res.partner/{pid}", json={"name": "Someone else"}, headers={"If-Match": etag})
    stale = api.patch(f"/res.partner/{pid}", json={"name": "Mine"}, headers={"If-Match": etag})
    assert stale.status_code in (200, 409)
    if stale.status_code == 200:  # both writes in the same second: the stamps cannot tell them apart
        return
    assert stale.json()["error"]["code"] == "conflict"
    assert api.get(f"/res.partner/{pid}").json()["data"]["name"] == "Someone else"


def test_custom_field_is_readable_and_writable(api, server):
    import xmlrpc.client

    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    model_id = models.execute_kw(
        server.db, 2, "admin", "ir.model", "search", [[["model", "=", "res.partner"]]]
    )[0]
    models.execute_kw(
        server.db,
        2,
        "admin",
        "ir.model.fields",
        "create",
        [
            {
                "model_id": model_id,
                "name": "x_rest_tier",
                "ttype": "char",
                "state": "manual",
                "field_description": "Tier",
            }
        ],
    )
    pid = api.post("/res.partner", json={"name": "Tiered", "x_rest_tier": "gold"}).json()["data"]["id"]
    assert (
        api.get(f"/res.partner/{pid}", params={"fields": "x_rest_tier"}).json()["data"]["x_rest_tier"]
        == "gold"
    )
    schema = api.get("/openapi.json").json()["components"]["schemas"]
    assert schema["res.partner"]["properties"]["x_rest_tier"]["type"] == "string"
    assert "x_rest_tier" in schema["res.partner.input"]["properties"]
